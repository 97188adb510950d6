import type { Agreement, AgreementInput } from '../schemas/agreement.ts';
import type { Organisation } from '../schemas/organisation.ts';
import type { RepoContext } from './context.ts';
import { RepoError } from './errors.ts';
import { assertLocallyOwned, isHeadquarters, requireLive } from './ownership.ts';
import { writeTransaction, type Writer } from './writer.ts';

async function assertRules(w: Writer, fields: AgreementInput): Promise<void> {
  const partner = await requireLive(w, 'partner', fields.partnerId);
  if (fields.kind === 'accord_cadre_national') {
    if (!isHeadquarters(w.identity)) {
      throw new RepoError('Les accords-cadres nationaux sont signés et tenus par le siège (ATIGIP) : enregistrez ici une convention locale.', [
        { path: 'kind', message: 'Type d’accord : convention locale ou convention d’objectifs sur un site' },
      ]);
    }
    if (partner.scope !== 'national') {
      throw new RepoError(`Un accord-cadre national se signe avec un partenaire national, ce que « ${partner.name} » n’est pas.`, [
        { path: 'partnerId', message: 'Partenaire : un partenaire national est attendu' },
      ]);
    }
  }
}

/** Writer-level creation, for callers that write several records at once (reference seed, demo data). */
export async function insertAgreement(w: Writer, input: AgreementInput): Promise<Agreement> {
  await assertRules(w, input);
  return w.insert('agreement', input);
}

export function createAgreement(ctx: RepoContext, input: AgreementInput): Promise<Agreement> {
  return writeTransaction(ctx, (w) => insertAgreement(w, input));
}

export function updateAgreement(ctx: RepoContext, id: string, patch: Partial<AgreementInput>): Promise<Agreement> {
  return writeTransaction(ctx, async (w) => {
    const existing = await requireLive(w, 'agreement', id);
    assertLocallyOwned(w, existing, 'agreement');
    await assertRules(w, { ...existing, ...patch });
    return w.update('agreement', id, patch);
  });
}

/** Refused while a host organisation names the agreement. */
export function removeAgreement(ctx: RepoContext, id: string): Promise<void> {
  return writeTransaction(ctx, async (w) => {
    const existing = await requireLive(w, 'agreement', id);
    assertLocallyOwned(w, existing, 'agreement');
    const hosts = await w.table('organisation').where('agreementId').equals(id).filter((o) => !o.deleted).count();
    if (hosts > 0) throw new RepoError(`${hosts} structure(s) d’accueil se rattachent à cet accord : retirez d’abord ce rattachement.`);
    await w.remove('agreement', id);
  });
}

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
