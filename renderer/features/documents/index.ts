import type { RouteObject } from 'react-router';
import { Attestation } from './Attestation.tsx';
import { EndOfMeasureReport } from './EndOfMeasureReport.tsx';
import { IncidentReport } from './IncidentReport.tsx';
import { InterimAttestation } from './InterimAttestation.tsx';
import { PlacementSheet } from './PlacementSheet.tsx';
import { Timesheet } from './Timesheet.tsx';

/** The printable A4 documents of a measure; see paths.ts for their addresses. */
export const documentsRoutes: RouteObject[] = [
  { path: 'documents/mesures/:measureId/mises-en-situation/:placementId/fiche', Component: PlacementSheet },
  { path: 'documents/mesures/:measureId/mises-en-situation/:placementId/feuille-de-presence/:month', Component: Timesheet },
  { path: 'documents/mesures/:measureId/incidents/:incidentId/rapport', Component: IncidentReport },
  { path: 'documents/mesures/:measureId/rapport-de-fin', Component: EndOfMeasureReport },
  { path: 'documents/mesures/:measureId/attestation', Component: Attestation },
  { path: 'documents/mesures/:measureId/attestation-intermediaire', Component: InterimAttestation },
];

export { attestationPath, endOfMeasurePath, incidentReportPath, interimAttestationPath, placementSheetPath, timesheetPath } from './paths.ts';
export { interimRefusal } from './InterimAttestation.tsx';
