import { NotFound } from '../../ui/NotFound.tsx';

/** A person, measure or placement reached by an old link or history entry that no longer exists (deleted, or never synced here). */
export function RecordNotFound({ what }: { what: string }) {
  return (
    <NotFound title="Fiche introuvable" message={`${what} n’existe pas ou a été supprimée.`} back="/personnes" backLabel="Retour à la liste des personnes" />
  );
}
