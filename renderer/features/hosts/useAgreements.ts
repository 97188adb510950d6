import { useLiveQuery } from 'dexie-react-hooks';
import { formatDate } from '../../../shared/format/fr.ts';
import { listAgreements } from '../../../shared/repos/agreements.ts';
import { listPartners } from '../../../shared/repos/partners.ts';
import type { Agreement } from '../../../shared/schemas/agreement.ts';
import type { Partner } from '../../../shared/schemas/partner.ts';
import { useRepo } from '../../app/index.ts';

export interface AgreementOption {
  id: string;
  label: string;
}

/** `La Poste – Accord-cadre TIG (signé le 20/11/2024)`. */
export function agreementLabel(agreement: Agreement, partner: Partner | undefined): string {
  const name = [partner?.name, agreement.title].filter(Boolean).join(' – ') || 'Accord-cadre';
  return `${name} (signé le ${formatDate(agreement.signedOn)})`;
}

/**
 * The national framework agreements an organisation may belong to (Partenariats screens), labelled by their
 * partner; the others (objectives conventions, local conventions) are not chosen here. Undefined while loading.
 */
export function useNationalAgreements(): AgreementOption[] | undefined {
  const ctx = useRepo();
  return useLiveQuery(async () => {
    const [agreements, partners] = await Promise.all([listAgreements(ctx), listPartners(ctx)]);
    const partnerById = new Map(partners.map((p) => [p.id, p]));
    return agreements
      .filter((a) => a.kind === 'accord_cadre_national')
      .map((a) => ({ id: a.id, label: agreementLabel(a, partnerById.get(a.partnerId)) }))
      .sort((a, b) => a.label.localeCompare(b.label, 'fr'));
  }, [ctx]);
}
