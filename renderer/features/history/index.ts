export { HistoryLine, RecordHistory } from './RecordHistory.tsx';
export { describeChange, type ChangeLine } from './describeChange.ts';
