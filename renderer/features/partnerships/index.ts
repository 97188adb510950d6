import type { RouteObject } from 'react-router';
import { PartnershipsPage } from './PartnershipsPage.tsx';

export const partnershipsRoutes: RouteObject[] = [{ path: 'partenariats', Component: PartnershipsPage }];
