import type { RouteObject } from 'react-router';
import { AgreementFormPage } from './AgreementForm.tsx';
import { AgreementPage } from './AgreementPage.tsx';
import { AgreementsPage } from './AgreementsPage.tsx';
import { PartnerFormPage } from './PartnerForm.tsx';
import { PartnerPage } from './PartnerPage.tsx';
import { PartnersPage } from './PartnersPage.tsx';
import './partnerships.css';

export { partnershipsPaths } from './paths.ts';
export { PartnershipsTabs } from './PartnershipsTabs.tsx';

export const partnershipsRoutes: RouteObject[] = [
  { path: 'partenariats', Component: PartnersPage },
  { path: 'partenariats/partenaires/nouveau', Component: PartnerFormPage },
  { path: 'partenariats/partenaires/:partnerId', Component: PartnerPage },
  { path: 'partenariats/partenaires/:partnerId/modifier', Component: PartnerFormPage },
  { path: 'partenariats/accords', Component: AgreementsPage },
  { path: 'partenariats/accords/nouveau', Component: AgreementFormPage },
  { path: 'partenariats/accords/:agreementId', Component: AgreementPage },
  { path: 'partenariats/accords/:agreementId/modifier', Component: AgreementFormPage },
];
