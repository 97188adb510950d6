import { formatDate } from '../../../shared/format/fr.ts';
import { hostCountsByAgreement, listAgreements } from '../../../shared/repos/agreements.ts';
import type { RepoContext } from '../../../shared/repos/context.ts';
import { isLocallyOwned } from '../../../shared/repos/ownership.ts';
import { listPartners } from '../../../shared/repos/partners.ts';
import { agreementScopeLabels, type Agreement } from '../../../shared/schemas/agreement.ts';
import type { Partner } from '../../../shared/schemas/partner.ts';
import type { SiteIdentity } from '../../../shared/schemas/site.ts';

export interface PartnerRow {
  partner: Partner;
  agreements: number;
  /** False for reference data received from headquarters. */
  editable: boolean;
}

export interface AgreementRow {
  agreement: Agreement;
  partnerName: string;
  hosts: number;
  inForce: boolean;
  editable: boolean;
}

/** `du 20/11/2024 au 31/12/2030`, or `à partir du 20/11/2024` for an agreement without an end. */
export function validityText(a: Pick<Agreement, 'validFrom' | 'validUntil'>): string {
  return a.validUntil ? `du ${formatDate(a.validFrom)} au ${formatDate(a.validUntil)}` : `à partir du ${formatDate(a.validFrom)}`;
}

export function scopeText(a: Pick<Agreement, 'scope'>): string {
  return a.scope.map((s) => agreementScopeLabels[s]).join(', ');
}

export function isInForce(a: Pick<Agreement, 'validFrom' | 'validUntil'>, today: string): boolean {
  return a.validFrom <= today && (!a.validUntil || a.validUntil >= today);
}

/** Partners and agreements as the two lists show them, in one read. */
export async function loadPartnershipRows(
  ctx: RepoContext,
  identity: SiteIdentity,
  today: string,
): Promise<{ partners: PartnerRow[]; agreements: AgreementRow[] }> {
  const [partners, agreements, hosts] = await Promise.all([listPartners(ctx), listAgreements(ctx), hostCountsByAgreement(ctx)]);
  const names = new Map(partners.map((p) => [p.id, p.name]));
  const perPartner = new Map<string, number>();
  for (const a of agreements) perPartner.set(a.partnerId, (perPartner.get(a.partnerId) ?? 0) + 1);
  return {
    partners: partners.map((partner) => ({ partner, agreements: perPartner.get(partner.id) ?? 0, editable: isLocallyOwned(identity, partner) })),
    agreements: agreements.map((agreement) => ({
      agreement,
      partnerName: names.get(agreement.partnerId) ?? 'Partenaire inconnu',
      hosts: hosts.get(agreement.id) ?? 0,
      inForce: isInForce(agreement, today),
      editable: isLocallyOwned(identity, agreement),
    })),
  };
}

/** A short list takes the room of its rows (40 px each, plus the header), a long one scrolls within 60 % of the window. */
export function listHeight(rows: number): string {
  return `min(60vh, ${rows * 40 + 64}px)`;
}
