import type { RouteObject } from 'react-router';
import { HomePage } from './HomePage.tsx';

export const dashboardRoutes: RouteObject[] = [{ index: true, Component: HomePage }];
