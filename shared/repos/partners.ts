import type { Partner, PartnerInput } from '../schemas/partner.ts';
import { isLive } from '../util.ts';
import type { RepoContext } from './context.ts';
import { liveRecord, refuse } from './guards.ts';
import { assertLocallyOwned, isHeadquarters } from './ownership.ts';
import { writeTransaction, type Writer } from './writer.ts';

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
      .filter((p) => isLive(p) && p.id !== selfId && sameName(p.name, name))
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

export const createPartner = (ctx: RepoContext, input: PartnerInput) => writeTransaction(ctx, (w) => createPartnerIn(w, input));
export const updatePartner = (ctx: RepoContext, id: string, patch: Partial<PartnerInput>) => writeTransaction(ctx, (w) => updatePartnerIn(w, id, patch));

export async function getPartner(ctx: RepoContext, id: string): Promise<Partner | undefined> {
  const partner = await ctx.db.partners.get(id);
  return partner && isLive(partner) ? partner : undefined;
}

/** Live partners, national first, then by name. */
export async function listPartners(ctx: RepoContext): Promise<Partner[]> {
  const all = await ctx.db.partners.filter(isLive).toArray();
  return all.sort((a, b) => (a.scope === b.scope ? collator.compare(a.name, b.name) : a.scope === 'national' ? -1 : 1));
}
