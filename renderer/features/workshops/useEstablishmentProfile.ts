import { useLiveQuery } from 'dexie-react-hooks';
import { getLocalEstablishmentProfile } from '../../../shared/repos/establishmentProfiles.ts';
import type { EstablishmentProfile } from '../../../shared/schemas/establishmentProfile.ts';
import { useRepo } from '../../app/index.ts';

/** This establishment's profile: undefined while it loads, null before it is written. */
export function useEstablishmentProfile(): EstablishmentProfile | null | undefined {
  const ctx = useRepo();
  return useLiveQuery(async () => (await getLocalEstablishmentProfile(ctx)) ?? null, [ctx]);
}
