import type { RouteObject } from 'react-router';
import { HostsImportPage, PersonsImportPage } from './ImportPages.tsx';
import { importPaths } from './paths.ts';

export { importPaths } from './paths.ts';
export { ImportWizard } from './ImportWizard.tsx';
export type { ImportTarget } from './importWizard.ts';

export const importsRoutes: RouteObject[] = [
  { path: importPaths.hosts.slice(1), Component: HostsImportPage },
  { path: importPaths.persons.slice(1), Component: PersonsImportPage },
];
