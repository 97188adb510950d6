import { useLiveQuery } from 'dexie-react-hooks';
import { getOrganisation, type OrganisationDetail } from '../../../shared/repos/organisations.ts';
import { useRepo } from '../../app/index.ts';

/** The organisation with its habilitations, tutors and posts, kept live; `null` when absent or deleted. */
export function useOrganisation(organisationId: string | undefined): OrganisationDetail | null | 'loading' {
  const ctx = useRepo();
  return useLiveQuery(async () => (organisationId ? ((await getOrganisation(ctx, organisationId)) ?? null) : null), [ctx, organisationId], 'loading' as const);
}
