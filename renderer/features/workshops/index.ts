import type { RouteObject } from 'react-router';
import { AttendanceSheet } from './AttendanceSheet.tsx';
import { EstablishmentProfileFormPage } from './EstablishmentProfileForm.tsx';
import { EstablishmentProfilePage } from './EstablishmentProfilePage.tsx';
import { ParticipationCertificate } from './ParticipationCertificate.tsx';
import { ProgrammeFormPage } from './ProgrammeForm.tsx';
import { ProgrammePage } from './ProgrammePage.tsx';
import { ProgrammesPage } from './ProgrammesPage.tsx';
import { SessionFormPage } from './SessionForm.tsx';
import { SessionPage } from './SessionPage.tsx';
import { SessionsPage } from './SessionsPage.tsx';

export { workshopsPaths } from './paths.ts';

export const workshopsRoutes: RouteObject[] = [
  { path: 'ateliers', Component: ProgrammesPage },
  { path: 'ateliers/programmes/nouveau', Component: ProgrammeFormPage },
  { path: 'ateliers/programmes/:programmeId', Component: ProgrammePage },
  { path: 'ateliers/programmes/:programmeId/modifier', Component: ProgrammeFormPage },
  { path: 'ateliers/programmes/:programmeId/seances/nouvelle', Component: SessionFormPage },
  { path: 'ateliers/seances', Component: SessionsPage },
  { path: 'ateliers/seances/:sessionId', Component: SessionPage },
  { path: 'ateliers/seances/:sessionId/modifier', Component: SessionFormPage },
  { path: 'ateliers/seances/:sessionId/emargement', Component: AttendanceSheet },
  { path: 'ateliers/seances/:sessionId/attestations/:enrolmentId', Component: ParticipationCertificate },
  { path: 'ateliers/etablissement', Component: EstablishmentProfilePage },
  { path: 'ateliers/etablissement/modifier', Component: EstablishmentProfileFormPage },
];
