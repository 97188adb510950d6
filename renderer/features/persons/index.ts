import type { RouteObject } from 'react-router';
import { PersonsPage } from './PersonsPage.tsx';

export const personsRoutes: RouteObject[] = [{ path: 'personnes', Component: PersonsPage }];
