/**
 * Addresses of the host organisation and post screens. Other features link here through index.ts (the
 * persons screens open a post page to place someone on it).
 */
export const hostsPaths = {
  organisations: '/structures',
  posts: '/structures/postes',
  newOrganisation: '/structures/nouvelle',
  organisation: (id: string) => `/structures/${id}`,
  editOrganisation: (id: string) => `/structures/${id}/modifier`,
  newHabilitation: (organisationId: string) => `/structures/${organisationId}/habilitations/nouvelle`,
  editHabilitation: (organisationId: string, id: string) => `/structures/${organisationId}/habilitations/${id}/modifier`,
  newTutor: (organisationId: string) => `/structures/${organisationId}/tuteurs/nouveau`,
  editTutor: (organisationId: string, id: string) => `/structures/${organisationId}/tuteurs/${id}/modifier`,
  newPost: (organisationId?: string) => (organisationId ? `/structures/${organisationId}/postes/nouveau` : '/structures/postes/nouveau'),
  post: (id: string) => `/structures/postes/${id}`,
  editPost: (id: string) => `/structures/postes/${id}/modifier`,
} as const;

/** The post page's route pattern; its parameter is `postId`. */
export const POST_ROUTE = 'structures/postes/:postId';

export const postPath = hostsPaths.post;
export const organisationPath = hostsPaths.organisation;
