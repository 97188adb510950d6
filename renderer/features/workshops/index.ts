import type { RouteObject } from 'react-router';
import { WorkshopsPage } from './WorkshopsPage.tsx';

export const workshopsRoutes: RouteObject[] = [{ path: 'ateliers', Component: WorkshopsPage }];
