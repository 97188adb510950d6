import type { RouteObject } from 'react-router';
import { BackupPage } from './BackupPage.tsx';

export const backupRoutes: RouteObject[] = [{ path: 'parametres/sauvegardes', Component: BackupPage }];

export { backupPath } from './BackupPage.tsx';
export { useDailyBackup } from './automatic.ts';
export { RestoreChooser } from './RestoreChooser.tsx';
export { startupBackups, type StartupProgress } from './startup.ts';
