import type { RouteObject } from 'react-router';
import { BinPage } from './BinPage.tsx';

export const binRoutes: RouteObject[] = [{ path: 'corbeille', Component: BinPage }];

export { binPath } from './BinPage.tsx';
export { BinMessage } from './BinMessage.tsx';
