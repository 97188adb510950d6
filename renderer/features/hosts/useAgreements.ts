import { useLiveQuery } from 'dexie-react-hooks';
import { formatDate } from '../../../shared/format/fr.ts';
import { listAgreements } from '../../../shared/repos/agreements.ts';
import { listPartners } from '../../../shared/repos/partners.ts';
import { agreementKindLabels, agreementKinds, type Agreement, type AgreementKind } from '../../../shared/schemas/agreement.ts';
import type { Partner } from '../../../shared/schemas/partner.ts';
import { useRepo } from '../../app/index.ts';

export interface AgreementOption {
  id: string;
  kind: AgreementKind;
  label: string;
}

/** `La Poste – Accord-cadre TIG (signé le 20/11/2024)`; the kind of agreement when it has neither partner nor title. */
export function agreementLabel(agreement: Agreement, partner: Partner | undefined): string {
  const name = [partner?.name, agreement.title].filter(Boolean).join(' – ') || agreementKindLabels[agreement.kind];
  // An accord is masculine, a convention feminine.
  const signed = agreement.kind === 'accord_cadre_national' ? 'signé' : 'signée';
  return `${name} (${signed} le ${formatDate(agreement.signedOn)})`;
}

/**
 * Every live agreement an organisation may belong to (Partenariats screens): the national framework agreements
 * headquarters sends and the conventions the site signs itself, labelled by their partner, national ones first
 * (the order of `agreementKinds`). Undefined while loading.
 */
export function useAgreementOptions(): AgreementOption[] | undefined {
  const ctx = useRepo();
  return useLiveQuery(async () => {
    const [agreements, partners] = await Promise.all([listAgreements(ctx), listPartners(ctx)]);
    const partnerById = new Map(partners.map((p) => [p.id, p]));
    return agreements
      .map((a) => ({ id: a.id, kind: a.kind, label: agreementLabel(a, partnerById.get(a.partnerId)) }))
      .sort((a, b) => agreementKinds.indexOf(a.kind) - agreementKinds.indexOf(b.kind) || a.label.localeCompare(b.label, 'fr'));
  }, [ctx]);
}
