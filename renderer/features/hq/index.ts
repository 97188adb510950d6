import type { RouteObject } from 'react-router';
import { ConsolidationPage } from './ConsolidationPage.tsx';

export const hqRoutes: RouteObject[] = [{ path: 'consolidation', Component: ConsolidationPage }];
