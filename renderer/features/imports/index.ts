import type { RouteObject } from 'react-router';
import { HostsImportPage, PersonsImportPage } from './ImportPages.tsx';
import { importPaths } from './paths.ts';

export { importPaths } from './paths.ts';
export { ImportWizard, type ImportTarget } from './ImportWizard.tsx';

export const importsRoutes: RouteObject[] = [
  { path: importPaths.hosts.slice(1), Component: HostsImportPage },
  { path: importPaths.persons.slice(1), Component: PersonsImportPage },
];
