import type { RouteObject } from 'react-router';
import { HostsPage } from './HostsPage.tsx';

export const hostsRoutes: RouteObject[] = [{ path: 'structures', Component: HostsPage }];
