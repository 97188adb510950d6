import type { RouteObject } from 'react-router';
import { HabilitationFormPage } from './HabilitationForm.tsx';
import { OrganisationFormPage } from './OrganisationForm.tsx';
import { OrganisationPage } from './OrganisationPage.tsx';
import { OrganisationsPage } from './OrganisationsPage.tsx';
import { POST_ROUTE } from './paths.ts';
import { PostFormPage } from './PostForm.tsx';
import { PostPage } from './PostPage.tsx';
import { PostsPage } from './PostsPage.tsx';
import { TutorFormPage } from './TutorForm.tsx';

export { hostsPaths, organisationPath, POST_ROUTE, postPath } from './paths.ts';
export { HabilitationBadge } from './HabilitationBadge.tsx';

export const hostsRoutes: RouteObject[] = [
  { path: 'structures', Component: OrganisationsPage },
  { path: 'structures/nouvelle', Component: OrganisationFormPage },
  { path: 'structures/postes', Component: PostsPage },
  { path: 'structures/postes/nouveau', Component: PostFormPage },
  { path: POST_ROUTE, Component: PostPage },
  { path: `${POST_ROUTE}/modifier`, Component: PostFormPage },
  { path: 'structures/:organisationId', Component: OrganisationPage },
  { path: 'structures/:organisationId/modifier', Component: OrganisationFormPage },
  { path: 'structures/:organisationId/habilitations/nouvelle', Component: HabilitationFormPage },
  { path: 'structures/:organisationId/habilitations/:habilitationId/modifier', Component: HabilitationFormPage },
  { path: 'structures/:organisationId/tuteurs/nouveau', Component: TutorFormPage },
  { path: 'structures/:organisationId/tuteurs/:tutorId/modifier', Component: TutorFormPage },
  { path: 'structures/:organisationId/postes/nouveau', Component: PostFormPage },
];
