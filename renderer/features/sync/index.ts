import type { RouteObject } from 'react-router';
import { SyncPage } from './SyncPage.tsx';

export const syncRoutes: RouteObject[] = [{ path: 'synchronisation', Component: SyncPage }];
