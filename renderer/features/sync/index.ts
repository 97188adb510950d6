import type { RouteObject } from 'react-router';
import { SyncPage } from './SyncPage.tsx';

export const syncRoutes: RouteObject[] = [{ path: 'synchronisation', Component: SyncPage }];

export { downloadPayload, fileToPayload } from './files.ts';
export { FolderChooser, TargetActions } from './FolderChooser.tsx';
export { Journal } from './Journal.tsx';
export { Progress } from './Progress.tsx';
export { sinceLabel, syncStatusLine, type JournalEntry } from './runtime.ts';
export { OFFICE_INTERVAL_MS, SyncProvider, useSync, type OfficeState } from './SyncProvider.tsx';
export { useMinuteClock } from './useMinuteClock.ts';
export { clockText, officeReportLines, valueText } from './officeText.ts';
