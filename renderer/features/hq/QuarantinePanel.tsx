import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Upload } from '@codegouvfr/react-dsfr/Upload';
import { useMemo, useState } from 'react';
import type { BridgeRequest } from '../../../shared/bridge/contract.ts';
import type { BundleInspection } from '../../../shared/bridge/syncSchemas.ts';
import { formatDateTime } from '../../../shared/format/fr.ts';
import { counted } from '../../../shared/format/agreement.ts';
import { errorMessage } from '../../../shared/errors.ts';
import { getBridge } from '../../bridge/index.ts';
import { DataTable, type DataColumn } from '../../ui/DataTable.tsx';
import { fileToPayload, useSync } from '../sync/index.ts';
import { useNodeQuery } from './useNodeQuery.ts';

type Source = BridgeRequest<'hqInspectBundle'>['source'];
type Quarantined = { name: string; report: string; reason: string };

const columns: DataColumn<Quarantined>[] = [
  { id: 'name', header: 'Fichier', accessor: (q) => q.name, width: '35%' },
  { id: 'reason', header: 'Motif du refus', accessor: (q) => q.reason },
];

const enrolmentText: Record<BundleInspection['enrolment'], string> = {
  new: 'Ce site n’est pas encore inscrit : importez simplement ce lot, sa clé sera enregistrée.',
  'same-key': 'Ce site est déjà inscrit avec cette clé : rien à réinscrire.',
  'other-key': 'Ce site est inscrit avec une autre clé : le poste a sans doute été réinstallé sans restaurer la sauvegarde de ses clés.',
  'code-held': 'Ce code est tenu par une autre installation : la nouvelle la remplacera, l’ancienne sera marquée « remplacée ».',
  retired: 'Cette installation a été remplacée : la réinscrire lui rend son code.',
};

/**
 * Refused bundles wait in quarantine with their report. A site whose key changed (reinstalled PC) is
 * re-enrolled here, after a person checked where the bundle comes from: confirmed, with a reason, recorded.
 */
export function QuarantinePanel({ version, onChanged }: { version: number; onChanged: () => void }) {
  const sync = useSync();
  const quarantine = useNodeQuery(() => getBridge().hqQuarantine({}), String(version));
  const rows = useMemo(() => (quarantine.data?.files ?? []).map((f) => ({ ...f, reason: /^Raison : (.*)$/m.exec(f.report)?.[1] ?? '' })), [quarantine.data]);
  const [source, setSource] = useState<{ source: Source; label: string; inspection: BundleInspection }>();
  const [failure, setFailure] = useState<string>();
  const [note, setNote] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const [done, setDone] = useState<string>();

  const inspect = async (next: Source, label: string) => {
    setFailure(undefined);
    setDone(undefined);
    setConfirmed(false);
    try {
      setSource({ source: next, label, inspection: await getBridge().hqInspectBundle({ source: next }) });
    } catch (error) {
      setSource(undefined);
      setFailure(errorMessage(error));
    }
  };

  const reenrol = async () => {
    if (!source) return;
    setFailure(undefined);
    try {
      const replaces = source.inspection.replaces?.siteId;
      const result = await getBridge().hqReenrol({ source: source.source, note, confirmed: true, ...(replaces ? { replaces } : {}) });
      const text = `Site ${result.siteCode} réinscrit avec la clé ${result.newKeyId}${result.previousKeyId ? ` (ancienne clé ${result.previousKeyId})` : ''}. Importez à nouveau ses lots.`;
      setDone(text);
      sync.log(true, text);
      setSource(undefined);
      setNote('');
      setConfirmed(false);
      onChanged();
    } catch (error) {
      setFailure(errorMessage(error));
    }
  };

  const canReenrol = source && ['other-key', 'code-held', 'retired'].includes(source.inspection.enrolment);

  return (
    <section aria-labelledby="hq-quarantine-title">
      <h2 id="hq-quarantine-title" className="fr-h4">
        Quarantaine et réinscription
      </h2>
      {quarantine.error && <Alert severity="error" small description={quarantine.error} />}
      <p>Choisissez un lot refusé pour l’examiner ; un site dont la clé a changé peut y être réinscrit.</p>
      <DataTable
        caption="Lots en quarantaine"
        columns={columns}
        data={rows}
        getRowId={(q) => q.name}
        csvFileName="quarantaine.csv"
        onRowActivate={(q) => void inspect({ quarantined: q.name }, q.name)}
        emptyMessage="Aucun lot en quarantaine."
        height="30vh"
      />
      <Upload
        className="fr-mt-2w"
        label="Ou examiner un lot reçu autrement"
        hint="Fichier .passerelle"
        nativeInputProps={{
          accept: '.passerelle',
          onChange: (e) => {
            const file = e.target.files?.[0];
            if (file)
              void fileToPayload(file).then(
                (payload) => inspect({ file: payload }, file.name),
                (error: unknown) => setFailure(errorMessage(error)),
              );
          },
        }}
      />
      {failure && <Alert className="fr-mt-2w" severity="error" small description={failure} />}
      {done && <Alert className="fr-mt-2w" severity="success" small description={done} />}
      {source && (
        <div className="fr-mt-3w">
          <h3 className="fr-h6">Lot {source.label}</h3>
          <dl className="app-definitions">
            <dt>Site</dt>
            <dd>
              {source.inspection.siteCode} – {source.inspection.siteName}
            </dd>
            <dt>Lot</dt>
            <dd>
              n° {source.inspection.sequence}, exporté le {formatDateTime(source.inspection.createdAt)}
            </dd>
            <dt>Clé du lot</dt>
            <dd>{source.inspection.keyId}</dd>
            <dt>Clé enregistrée</dt>
            <dd>{source.inspection.pinnedKeyId ?? 'aucune'}</dd>
          </dl>
          <p>{enrolmentText[source.inspection.enrolment]}</p>
          {source.inspection.replaces && <ReplacedSite replaces={source.inspection.replaces} />}
          {canReenrol && (
            <form
              onSubmit={(event) => {
                event.preventDefault();
                void reenrol();
              }}
            >
              <Input
                label="Motif de la réinscription"
                hintText="Par exemple : poste réinstallé, origine vérifiée par téléphone avec le référent du site"
                nativeInputProps={{ value: note, onChange: (e) => setNote(e.target.value) }}
              />
              <Checkbox
                options={[
                  {
                    label: source.inspection.replaces
                      ? `J’ai vérifié que ce lot vient de la nouvelle installation du site ${source.inspection.siteCode}, et non d’un autre poste du même bureau : l’installation ci-dessus sera retirée`
                      : `J’ai vérifié que ce lot vient bien du site ${source.inspection.siteCode}, et j’accepte sa nouvelle clé`,
                    nativeInputProps: { checked: confirmed, onChange: (e) => setConfirmed(e.target.checked) },
                  },
                ]}
              />
              <Button type="submit" disabled={!confirmed || note.trim().length < 3}>
                Réinscrire le site
              </Button>
            </form>
          )}
        </div>
      )}
    </section>
  );
}

/**
 * The live installation a re-enrolment would retire: its records pass to the new one and its bundles are refused
 * from then on, so the person sees what it holds before confirming (a second PC of the same office should have
 * joined the site instead).
 */
function ReplacedSite({ replaces }: { replaces: NonNullable<BundleInspection['replaces']> }) {
  return (
    <div className="fr-mb-2w">
      <Alert
        severity="warning"
        small
        description={`Un autre poste du même bureau ne doit pas être réinscrit : il rejoint le site (« Rejoindre un site existant ») et ses lots sont acceptés sans réinscription.`}
      />
      <h4 className="fr-h6 fr-mt-2w">Installation qui serait retirée</h4>
      <dl className="app-definitions">
        <dt>Site</dt>
        <dd>
          {replaces.code} – {replaces.name} (identifiant {replaces.siteId})
        </dd>
        <dt>Inscrit le</dt>
        <dd>{formatDateTime(replaces.enrolledAt)}</dd>
        <dt>Dernier lot reçu</dt>
        <dd>{replaces.lastBundleAt ? formatDateTime(replaces.lastBundleAt) : 'aucun'}</dd>
        <dt>Ce qu’elle a envoyé</dt>
        <dd>
          {counted(replaces.bundles, 'lot')}, {counted(replaces.records, 'enregistrement')} (qui passeraient à la nouvelle installation),{' '}
          {counted(Math.max(1, replaces.workstations), 'poste')}
        </dd>
      </dl>
    </div>
  );
}
