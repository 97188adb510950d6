import type { Partner, PartnerInput } from '../schemas/partner.ts';
import type { RepoContext } from './context.ts';
import { liveRecord, refuse } from './guards.ts';
import { assertLocallyOwned, isHeadquarters } from './ownership.ts';
import { writeTransaction, type Writer } from './writer.ts';
import { counted } from '../format/agreement.ts';

const collator = new Intl.Collator('fr', { sensitivity: 'base' });

/** Same name, whatever the case, accents and surrounding spaces. */
export function sameName(a: string, b: string): boolean {
  return collator.compare(a.trim(), b.trim()) === 0;
}

async function checkRules(w: Writer, fields: Partial<PartnerInput>, selfId?: string): Promise<void> {
  if (fields.scope === 'national' && !isHeadquarters(w.identity)) {
    refuse('Les partenaires nationaux sont tenus par le siège (ATIGIP) : enregistrez ici un partenaire local.', 'scope');
  }
  if (fields.name !== undefined) {
    const name = fields.name;
    const twin = await w
      .table('partner')
      .filter((p) => !p.deleted && p.id !== selfId && sameName(p.name, name))
      .first();
    if (twin) refuse(`Un partenaire porte déjà le nom « ${twin.name} ».`, 'name');
  }
}

export async function createPartnerIn(w: Writer, input: PartnerInput): Promise<Partner> {
  await checkRules(w, input);
  return w.insert('partner', input);
}

export async function updatePartnerIn(w: Writer, id: string, patch: Partial<PartnerInput>): Promise<Partner> {
  const existing = await liveRecord(w, 'partner', id);
  assertLocallyOwned(w, existing, 'partner');
  await checkRules(w, patch, id);
  return w.update('partner', id, patch);
}

/** Refused while an agreement or a programme names the partner: they would point at nothing. */
export async function removePartnerIn(w: Writer, id: string): Promise<void> {
  const existing = await liveRecord(w, 'partner', id);
  assertLocallyOwned(w, existing, 'partner');
  const agreements = await w
    .table('agreement')
    .where('partnerId')
    .equals(id)
    .filter((a) => !a.deleted)
    .count();
  const programmes = await w
    .table('programme')
    .where('partnerId')
    .equals(id)
    .filter((p) => !p.deleted)
    .count();
  if (agreements + programmes > 0) {
    refuse(
      `Ce partenaire est rattaché à ${counted(agreements, 'accord ou convention', 'accords ou conventions')} et ${counted(programmes, 'programme')} : retirez d’abord ces rattachements.`,
    );
  }
  await w.remove('partner', id);
}

export const createPartner = (ctx: RepoContext, input: PartnerInput) => writeTransaction(ctx, (w) => createPartnerIn(w, input));
export const updatePartner = (ctx: RepoContext, id: string, patch: Partial<PartnerInput>) => writeTransaction(ctx, (w) => updatePartnerIn(w, id, patch));
export const removePartner = (ctx: RepoContext, id: string) => writeTransaction(ctx, (w) => removePartnerIn(w, id));

export async function getPartner(ctx: RepoContext, id: string): Promise<Partner | undefined> {
  const partner = await ctx.db.partners.get(id);
  return partner && !partner.deleted ? partner : undefined;
}

/** Live partners, national first, then by name. */
export async function listPartners(ctx: RepoContext): Promise<Partner[]> {
  const all = await ctx.db.partners.filter((p) => !p.deleted).toArray();
  return all.sort((a, b) => (a.scope === b.scope ? collator.compare(a.name, b.name) : a.scope === 'national' ? -1 : 1));
}
