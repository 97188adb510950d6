/** Addresses of the workshop screens, under the feature's base path. */
export const workshopsPaths = {
  programmes: '/ateliers',
  newProgramme: '/ateliers/programmes/nouveau',
  programme: (id: string) => `/ateliers/programmes/${id}`,
  editProgramme: (id: string) => `/ateliers/programmes/${id}/modifier`,
  newSession: (programmeId: string) => `/ateliers/programmes/${programmeId}/seances/nouvelle`,
  sessions: '/ateliers/seances',
  session: (id: string) => `/ateliers/seances/${id}`,
  editSession: (id: string) => `/ateliers/seances/${id}/modifier`,
  attendanceSheet: (id: string) => `/ateliers/seances/${id}/emargement`,
  certificate: (sessionId: string, enrolmentId: string) => `/ateliers/seances/${sessionId}/attestations/${enrolmentId}`,
  establishment: '/ateliers/etablissement',
  editEstablishment: '/ateliers/etablissement/modifier',
} as const;
