import { useLiveQuery } from 'dexie-react-hooks';
import { BIN_DAYS, binPreview, describeCounts, type BinRoot } from '../../../shared/repos/bin.ts';
import { useRepo } from '../../app/index.ts';
import { useConfirmRefused } from '../../ui/confirmRefusal.ts';

/**
 * What a deletion's confirmation says: what goes to the recycle bin with the record (read from the database as
 * it is now), how long it stays restorable, or why the deletion is refused.
 */
export function BinMessage({ entity, id, what }: { entity: BinRoot; id: string; what: string }) {
  const ctx = useRepo();
  const preview = useLiveQuery(() => binPreview(ctx, entity, id), [ctx, entity, id]);
  // Refused, or not yet read: the confirmation offers nothing to confirm.
  useConfirmRefused(!preview || 'refused' in preview);
  if (!preview) return <p>Lecture de ce qui dépend de cette fiche…</p>;
  if ('refused' in preview) return <p className="fr-error-text">Suppression impossible : {preview.refused}</p>;
  const others = { ...preview.counts, [entity]: (preview.counts[entity] ?? 1) - 1 };
  const withIt = describeCounts(others);
  return (
    <>
      <p>
        {what} ira à la corbeille{withIt ? <>, avec {withIt}</> : null}.
      </p>
      <p>
        Ce qui va à la corbeille y reste {BIN_DAYS} jours et peut en être restauré d’un bloc ; ensuite, ou quand la corbeille est vidée, la suppression est
        définitive. Les autres postes du service et le siège le retirent aussi de leurs listes.
      </p>
    </>
  );
}
