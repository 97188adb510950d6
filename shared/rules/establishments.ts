import type { Disp, EstablishmentProfile } from '../schemas/establishmentProfile.ts';
import type { WorkDomain } from '../schemas/programme.ts';

/** What a company looking for a place to settle an activity asks. */
export interface EstablishmentFilter {
  disp?: Disp;
  domain?: WorkDomain;
  minProductionArea?: number;
  minStorageArea?: number;
}

/** Profiles that answer the request, largest production area first. */
export function filterEstablishments<P extends Pick<EstablishmentProfile, 'disp' | 'domains' | 'productionArea' | 'storageArea' | 'name'>>(
  profiles: readonly P[],
  filter: EstablishmentFilter,
): P[] {
  return profiles
    .filter(
      (p) =>
        (filter.disp === undefined || p.disp === filter.disp) &&
        (filter.domain === undefined || p.domains.includes(filter.domain)) &&
        p.productionArea >= (filter.minProductionArea ?? 0) &&
        p.storageArea >= (filter.minStorageArea ?? 0),
    )
    .sort((a, b) => b.productionArea - a.productionArea || a.name.localeCompare(b.name, 'fr'));
}
