export { HistoryLine, RecordHistory, useWorkstationNames } from './RecordHistory.tsx';
export { describeChange, type ChangeLine } from './describeChange.ts';
