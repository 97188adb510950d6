import { Link } from 'react-router';
import { useLiveQuery } from 'dexie-react-hooks';
import { formatDate } from '../../../shared/format/fr.ts';
import { transfersOfMeasure, type TransferEntry } from '../../../shared/sync/transfers.ts';
import { useRepo } from '../../app/index.ts';
import { transferPath } from './paths.ts';

/** A measure's transfer as its section tells it, at the site that sent it or at the one that received it. */
export function measureTransferText(t: TransferEntry): string {
  if (t.direction === 'entrant') return `Mesure reçue de ${t.from.code} (${t.from.name}), transférée le ${formatDate(t.on)}.`;
  const sent = `Mesure transférée le ${formatDate(t.on)} à ${t.to.code} (${t.to.name})`;
  if (t.status === 'accepte') return `${sent} : dossier accepté le ${formatDate(t.answeredOn)}.`;
  if (t.status === 'refuse') return `${sent} : dossier refusé le ${formatDate(t.answeredOn)} (${t.reason ?? 'sans motif'}), le suivi a repris ici.`;
  return `${sent} : en attente de sa réponse.`;
}

/** On a measure's section: the latest transfer that sent it away or brought it here, with a link to it. */
export function MeasureTransfer({ measureId }: { measureId: string }) {
  const ctx = useRepo();
  const transfers = useLiveQuery(() => transfersOfMeasure(ctx, measureId), [ctx, measureId]);
  const latest = transfers?.find((t) => t.direction === 'sortant' || t.status === 'accepte');
  if (!latest) return null;
  return (
    <p className="fr-text--sm fr-mb-1w">
      {measureTransferText(latest)} <Link to={transferPath(latest.transferId)}>Voir le transfert</Link>
    </p>
  );
}
