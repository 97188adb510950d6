import type { RouteObject } from 'react-router';
import { TransferPage } from './TransferPage.tsx';
import { TransferPersonPage } from './TransferPersonPage.tsx';
import { TransfersPage } from './TransfersPage.tsx';

export const transfersRoutes: RouteObject[] = [
  { path: 'transferts', Component: TransfersPage },
  { path: 'transferts/:transferId', Component: TransferPage },
  { path: 'personnes/:personId/transferer', Component: TransferPersonPage },
];

export { transferPath, transferPersonPath, transfersPath } from './paths.ts';
export { MeasureTransfer } from './MeasureTransfer.tsx';
