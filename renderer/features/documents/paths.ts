/** Addresses of the printable documents, for the screens that link to them. */
const base = (measureId: string) => `/documents/mesures/${measureId}`;

export const placementSheetPath = (measureId: string, placementId: string) => `${base(measureId)}/mises-en-situation/${placementId}/fiche`;
/** `month` is `yyyy-mm`. */
export const timesheetPath = (measureId: string, placementId: string, month: string) =>
  `${base(measureId)}/mises-en-situation/${placementId}/feuille-de-presence/${month}`;
export const incidentReportPath = (measureId: string, incidentId: string) => `${base(measureId)}/incidents/${incidentId}/rapport`;
export const endOfMeasurePath = (measureId: string) => `${base(measureId)}/rapport-de-fin`;
export const attestationPath = (measureId: string) => `${base(measureId)}/attestation`;
export const interimAttestationPath = (measureId: string) => `${base(measureId)}/attestation-intermediaire`;
