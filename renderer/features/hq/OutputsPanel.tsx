import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { SavedOutput } from '../../../shared/bridge/syncSchemas.ts';
import { pendingChangeCount } from '../../../shared/repos/changes.ts';
import { takeBundleSequence } from '../../../shared/repos/syncState.ts';
import { collectPending, recordAcknowledgement } from '../../../shared/sync/site.ts';
import { useRepo } from '../../app/index.ts';
import { getBridge } from '../../bridge/index.ts';
import { downloadPayload, TargetActions, useSync } from '../sync/index.ts';
import { KeyRotation } from './KeyRotation.tsx';
import { agree, counted, type Gender } from '../../../shared/format/agreement.ts';

/** `écrits dans …` or `téléchargées (nom)`, agreeing with what was written. */
function delivered(saved: SavedOutput, gender: Gender, count: number): string {
  if (saved.download) {
    downloadPayload(saved.download);
    return `${agree('téléchargé', gender, count)} (${saved.download.name})`;
  }
  return `${agree('écrit', gender, count)} dans ${saved.folder ?? ''}`;
}

/** What headquarters hands out: acknowledgements, reference data, the central export file. */
export function OutputsPanel({ onChanged }: { onChanged: () => void }) {
  const ctx = useRepo();
  const sync = useSync();
  const ownChanges = useLiveQuery(() => pendingChangeCount(ctx), [ctx]);
  const counts = sync.hq?.ok ? sync.hq : undefined;
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  const [format, setFormat] = useState<'ndjson' | 'csv'>('ndjson');
  const say = (text: string) => {
    setMessage({ ok: true, text });
    sync.log(true, text);
  };

  return (
    <section aria-labelledby="hq-outputs-title">
      <h2 id="hq-outputs-title" className="fr-h4">
        Diffusion
      </h2>
      {message && <Alert className="fr-mb-3w" severity={message.ok ? 'success' : 'error'} small description={message.text} />}

      <h3 className="fr-h6">Accusés de réception</h3>
      <p>Un accusé signé par site : le site cesse de renvoyer ce que le siège a reçu, et voit ses envois reconnus.</p>
      <TargetActions
        labels={{
          syncFolder: 'Écrire les accusés dans le dossier de synchronisation',
          download: 'Télécharger les accusés',
          folder: 'Écrire les accusés dans un autre dossier',
        }}
        progress={`Signature des accusés de réception en cours${counts ? ` : ${counted(counts.sites, 'site')}` : ''}…`}
        onTarget={async (target) => {
          const saved = await getBridge().hqWriteAcks({ target });
          say(
            `${counted(saved.acks.length, 'accusé de réception', 'accusés de réception')} ${delivered(saved, 'm', saved.acks.length)} (${saved.acks.map((a) => a.siteCode).join(', ')})${saved.transfers.length > 0 ? `, avec ${counted(saved.transfers.length, 'fichier de transfert relayé', 'fichiers de transfert relayés')}` : ''}.`,
          );
        }}
      />

      <h3 className="fr-h6 fr-mt-4w">Données de référence</h3>
      <p>
        Les partenaires et accords nationaux saisis au siège, les domaines d’activité et l’annuaire des sites, signés : les sites les appliquent à leurs listes
        sans pouvoir les modifier.
      </p>
      <TargetActions
        labels={{
          syncFolder: 'Publier dans le dossier de synchronisation',
          download: 'Télécharger les données de référence',
          folder: 'Publier dans un autre dossier',
        }}
        progress={`Publication des données de référence en cours${ownChanges !== undefined ? ` : ${counted(ownChanges, 'changement')} du siège à intégrer` : ''}${counts ? `, annuaire de ${counted(counts.sites, 'site')}` : ''}…`}
        onTarget={async (target) => {
          const publish = async () => {
            const pending = await collectPending(ctx);
            const sequence = await takeBundleSequence(ctx);
            const published = await getBridge().hqPublishReference({ pending, sequence, target });
            const applied = published.acknowledgement ? await recordAcknowledgement(ctx, published.acknowledgement) : undefined;
            return { published, lowered: applied !== undefined && (applied.current ?? '') < (applied.previous ?? '') };
          };
          // Headquarters' store restored from a backup holds fewer of its own records than its database counts as
          // sent: the acknowledgement says so, and a second publication sends them again.
          const first = await publish();
          const { published } = first.lowered ? await publish() : first;
          say(`Données de référence ${delivered(published, 'f', 2)}.`);
          onChanged();
        }}
      />

      <h3 className="fr-h6 fr-mt-4w">Fichier central</h3>
      <p>Tous les enregistrements consolidés, pseudonymisés : le même état donne toujours le même fichier. Les conflits n’y figurent pas.</p>
      <RadioButtons
        legend="Format"
        name="central-format"
        orientation="horizontal"
        options={[
          {
            label: 'NDJSON compressé (fichier canonique)',
            nativeInputProps: { value: 'ndjson', checked: format === 'ndjson', onChange: () => setFormat('ndjson') },
          },
          {
            label: 'CSV, un fichier par entité (tableurs, outils décisionnels)',
            nativeInputProps: { value: 'csv', checked: format === 'csv', onChange: () => setFormat('csv') },
          },
        ]}
      />
      <TargetActions
        labels={{ download: 'Exporter le fichier central', folder: 'Exporter le fichier central dans un dossier' }}
        progress={`Export du fichier central en cours${counts ? ` : ${counted(counts.bundles, 'lot consolidé', 'lots consolidés')} de ${counted(counts.sites, 'site')}` : ''}…`}
        onTarget={async (target) => {
          if (target === 'syncFolder') return;
          const saved = await getBridge().hqCentralExport({ format, target });
          say(`Fichier central (${counted(saved.files.length, 'fichier')}) ${delivered(saved, 'm', 1)}.`);
        }}
      />
      <KeyRotation onChanged={onChanged} />
    </section>
  );
}
