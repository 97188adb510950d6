/** Addresses of the partnership screens; the annual review (renderer/features/review) is their third tab. */
export const partnershipsPaths = {
  partners: '/partenariats',
  newPartner: '/partenariats/partenaires/nouveau',
  partner: (id: string) => `/partenariats/partenaires/${id}`,
  editPartner: (id: string) => `/partenariats/partenaires/${id}/modifier`,
  agreements: '/partenariats/accords',
  newAgreement: (partnerId?: string) => (partnerId ? `/partenariats/accords/nouveau?partenaire=${partnerId}` : '/partenariats/accords/nouveau'),
  agreement: (id: string) => `/partenariats/accords/${id}`,
  editAgreement: (id: string) => `/partenariats/accords/${id}/modifier`,
  review: '/partenariats/bilan',
} as const;

/** A host organisation's page (the hosts feature's address, `structures/:organisationId`). */
export const organisationPath = (id: string) => `/structures/${id}`;
