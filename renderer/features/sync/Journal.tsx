import { formatDateTime } from '../../../shared/format/fr.ts';
import type { JournalEntry } from './runtime.ts';

/** What happened lately, newest first; announced politely to screen readers as it grows. */
export function Journal({ entries, title = 'Dernières opérations' }: { entries: readonly JournalEntry[]; title?: string }) {
  return (
    <section className="fr-mb-4w" aria-labelledby="sync-journal-title">
      <h2 id="sync-journal-title" className="fr-h4">
        {title}
      </h2>
      <div aria-live="polite">
        {entries.length === 0 ? (
          <p>Aucune opération depuis l’ouverture de Passerelle.</p>
        ) : (
          <ul className="app-journal">
            {entries.map((entry, i) => (
              <li key={`${entry.at}-${i}`} className={entry.ok ? 'app-journal__ok' : 'app-journal__error'}>
                <span className="fr-text--xs">{formatDateTime(entry.at)}</span> {entry.ok ? '' : 'Échec : '}
                {entry.text}
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
