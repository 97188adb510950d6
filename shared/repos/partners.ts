import type { Partner, PartnerInput } from '../schemas/partner.ts';
import type { RepoContext } from './context.ts';
import { RepoError } from './errors.ts';
import { assertLocallyOwned, isHeadquarters, requireLive } from './ownership.ts';
import { writeTransaction, type Writer } from './writer.ts';

const collator = new Intl.Collator('fr', { sensitivity: 'base' });

function sameName(a: string, b: string): boolean {
  return collator.compare(a.trim(), b.trim()) === 0;
}

async function assertRules(w: Writer, fields: Partial<PartnerInput>, selfId?: string): Promise<void> {
  if (fields.scope === 'national' && !isHeadquarters(w.identity)) {
    throw new RepoError('Les partenaires nationaux sont tenus par le siège (ATIGIP) : enregistrez ici un partenaire local.', [
      { path: 'scope', message: 'Portée : local sur un site' },
    ]);
  }
  if (fields.name !== undefined) {
    const name = fields.name;
    const twin = await w
      .table('partner')
      .filter((p) => !p.deleted && p.id !== selfId && sameName(p.name, name))
      .first();
    if (twin) throw new RepoError(`Un partenaire porte déjà le nom « ${twin.name} ».`, [{ path: 'name', message: 'Nom déjà utilisé' }]);
  }
}

/** Writer-level creation, for callers that write several records at once (reference seed, demo data). */
export async function insertPartner(w: Writer, input: PartnerInput): Promise<Partner> {
  await assertRules(w, input);
  return w.insert('partner', input);
}

export function createPartner(ctx: RepoContext, input: PartnerInput): Promise<Partner> {
  return writeTransaction(ctx, (w) => insertPartner(w, input));
}

export function updatePartner(ctx: RepoContext, id: string, patch: Partial<PartnerInput>): Promise<Partner> {
  return writeTransaction(ctx, async (w) => {
    const existing = await requireLive(w, 'partner', id);
    assertLocallyOwned(w, existing, 'partner');
    await assertRules(w, patch, id);
    return w.update('partner', id, patch);
  });
}

/** Refused while an agreement or a programme names the partner: they would point at nothing. */
export function removePartner(ctx: RepoContext, id: string): Promise<void> {
  return writeTransaction(ctx, async (w) => {
    const existing = await requireLive(w, 'partner', id);
    assertLocallyOwned(w, existing, 'partner');
    const agreements = await w.table('agreement').where('partnerId').equals(id).filter((a) => !a.deleted).count();
    const programmes = await w.table('programme').where('partnerId').equals(id).filter((p) => !p.deleted).count();
    if (agreements + programmes > 0) {
      throw new RepoError(
        `Ce partenaire est rattaché à ${agreements} accord(s) ou convention(s) et ${programmes} programme(s) : retirez d’abord ces rattachements.`,
      );
    }
    await w.remove('partner', id);
  });
}

export async function getPartner(ctx: RepoContext, id: string): Promise<Partner | undefined> {
  const partner = await ctx.db.partners.get(id);
  return partner && !partner.deleted ? partner : undefined;
}

/** Live partners, national first, then by name. */
export async function listPartners(ctx: RepoContext): Promise<Partner[]> {
  const all = await ctx.db.partners.filter((p) => !p.deleted).toArray();
  return all.sort((a, b) => (a.scope === b.scope ? collator.compare(a.name, b.name) : a.scope === 'national' ? -1 : 1));
}
