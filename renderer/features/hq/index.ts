import type { RouteObject } from 'react-router';
import { ConsolidationPage } from './ConsolidationPage.tsx';

export const hqRoutes: RouteObject[] = [{ path: 'consolidation', Component: ConsolidationPage }];
export { consolidationPath } from './ConsolidationPage.tsx';
export { lagLabel } from './model.ts';
export { useNodeQuery } from './useNodeQuery.ts';
