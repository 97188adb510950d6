import type { RouteObject } from 'react-router';
import { OfficePage } from './OfficePage.tsx';

export const officeRoutes: RouteObject[] = [{ path: 'bureau', Component: OfficePage }];

export { officePath } from './OfficePage.tsx';
export { JoinLoading, JoinSiteForm } from './JoinSite.tsx';
