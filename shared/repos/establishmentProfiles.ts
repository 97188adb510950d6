import { dispLabels, dispOfDepartement } from '../reference/disp.ts';
import { isLive } from '../util.ts';
import type { EstablishmentProfile, EstablishmentProfileInput } from '../schemas/establishmentProfile.ts';
import { filterEstablishments, type EstablishmentFilter } from '../rules/establishments.ts';
import type { RepoContext } from './context.ts';
import { refuse } from './guards.ts';
import { readIdentity } from './identity.ts';
import { writeTransaction, type Writer } from './writer.ts';

/**
 * Create or replace the profile of this site. Its DISP is the one of its département (a code outside the
 * map, the uninhabited TAAF or Clipperton, is left to the user). Only an établissement pénitentiaire has one,
 * and it has one only: the profile is what headquarters lists to answer companies.
 */
export async function saveEstablishmentProfileIn(w: Writer, input: EstablishmentProfileInput): Promise<EstablishmentProfile> {
  if (w.identity.kind !== 'etablissement') refuse('Seul un établissement pénitentiaire tient une fiche établissement.');
  const expected = dispOfDepartement(input.departement);
  if (expected !== undefined && input.disp !== expected) {
    refuse(`DISP : le département ${input.departement} relève de la ${dispLabels[expected]}.`, 'disp');
  }
  const existing = await w.table('establishmentProfile').where('siteId').equals(w.identity.siteId).filter(isLive).first();
  return existing ? w.update('establishmentProfile', existing.id, input) : w.insert('establishmentProfile', input);
}

export const saveEstablishmentProfile = (ctx: RepoContext, input: EstablishmentProfileInput) =>
  writeTransaction(ctx, (w) => saveEstablishmentProfileIn(w, input));

/** This site's profile, if it has one. */
export async function getLocalEstablishmentProfile(ctx: RepoContext): Promise<EstablishmentProfile | undefined> {
  const identity = await readIdentity(ctx.db);
  if (!identity) return undefined;
  return ctx.db.establishmentProfiles.where('siteId').equals(identity.siteId).filter(isLive).first();
}

/** Every profile this database holds, filtered as a company asks. */
export async function listEstablishmentProfiles(ctx: RepoContext, filter: EstablishmentFilter = {}): Promise<EstablishmentProfile[]> {
  const rows = await ctx.db.establishmentProfiles.filter(isLive).toArray();
  return filterEstablishments(rows, filter);
}
