import type { RouteObject } from 'react-router';
import { DashboardPage } from './DashboardPage.tsx';

export const dashboardRoutes: RouteObject[] = [{ index: true, Component: DashboardPage }];
