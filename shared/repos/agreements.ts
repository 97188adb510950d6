import type { Agreement, AgreementInput } from '../schemas/agreement.ts';
import type { Organisation } from '../schemas/organisation.ts';
import type { RepoContext } from './context.ts';
import { liveRecord, refuse } from './guards.ts';
import { assertLocallyOwned, isHeadquarters } from './ownership.ts';
import { writeTransaction, type Writer } from './writer.ts';
import { counted, verb } from '../format/agreement.ts';

async function checkRules(w: Writer, fields: AgreementInput): Promise<void> {
  const partner = await liveRecord(w, 'partner', fields.partnerId);
  if (fields.kind !== 'accord_cadre_national') return;
  if (!isHeadquarters(w.identity)) {
    refuse('Les accords-cadres nationaux sont signés et tenus par le siège (ATIGIP) : enregistrez ici une convention locale.', 'kind');
  }
  if (partner.scope !== 'national') refuse(`Un accord-cadre national se signe avec un partenaire national, ce que « ${partner.name} » n’est pas.`, 'partnerId');
}

export async function createAgreementIn(w: Writer, input: AgreementInput): Promise<Agreement> {
  await checkRules(w, input);
  return w.insert('agreement', input);
}

export async function updateAgreementIn(w: Writer, id: string, patch: Partial<AgreementInput>): Promise<Agreement> {
  const existing = await liveRecord(w, 'agreement', id);
  assertLocallyOwned(w, existing, 'agreement');
  await checkRules(w, { ...existing, ...patch });
  return w.update('agreement', id, patch);
}

/** Refused while a host organisation names the agreement. */
export async function removeAgreementIn(w: Writer, id: string): Promise<void> {
  const existing = await liveRecord(w, 'agreement', id);
  assertLocallyOwned(w, existing, 'agreement');
  const hosts = await w
    .table('organisation')
    .where('agreementId')
    .equals(id)
    .filter((o) => !o.deleted)
    .count();
  if (hosts > 0)
    refuse(
      `${counted(hosts, 'structure d’accueil', 'structures d’accueil')} ${verb(hosts, 'se rattache', 'se rattachent')} à cet accord : retirez d’abord ce rattachement.`,
    );
  await w.remove('agreement', id);
}

export const createAgreement = (ctx: RepoContext, input: AgreementInput) => writeTransaction(ctx, (w) => createAgreementIn(w, input));
export const updateAgreement = (ctx: RepoContext, id: string, patch: Partial<AgreementInput>) => writeTransaction(ctx, (w) => updateAgreementIn(w, id, patch));
export const removeAgreement = (ctx: RepoContext, id: string) => writeTransaction(ctx, (w) => removeAgreementIn(w, id));

export async function getAgreement(ctx: RepoContext, id: string): Promise<Agreement | undefined> {
  const agreement = await ctx.db.agreements.get(id);
  return agreement && !agreement.deleted ? agreement : undefined;
}

/** Live agreements, most recently signed first; of one partner when given. */
export async function listAgreements(ctx: RepoContext, filter: { partnerId?: string } = {}): Promise<Agreement[]> {
  const rows = filter.partnerId ? await ctx.db.agreements.where('partnerId').equals(filter.partnerId).toArray() : await ctx.db.agreements.toArray();
  return rows.filter((a) => !a.deleted).sort((a, b) => b.signedOn.localeCompare(a.signedOn));
}

/** The local host organisations attached to an agreement: those that name it. */
export async function agreementHosts(ctx: RepoContext, agreementId: string): Promise<Organisation[]> {
  const rows = await ctx.db.organisations.where('agreementId').equals(agreementId).toArray();
  return rows.filter((o) => !o.deleted).sort((a, b) => a.name.localeCompare(b.name, 'fr'));
}

/** How many live host organisations name each agreement (agreements no host names are absent). */
export async function hostCountsByAgreement(ctx: RepoContext): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  await ctx.db.organisations
    .where('agreementId')
    .above('')
    .each((o) => {
      if (!o.deleted && o.agreementId) counts.set(o.agreementId, (counts.get(o.agreementId) ?? 0) + 1);
    });
  return counts;
}
