import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { Target } from '../../../shared/bridge/syncSchemas.ts';
import { errorMessage } from '../../../shared/errors.ts';
import { counted } from '../../../shared/format/agreement.ts';
import { formatDate, formatDateTime } from '../../../shared/format/fr.ts';
import { referenceSites } from '../../../shared/repos/reference.ts';
import { formatProgress, progressOfLogs } from '../../../shared/rules/ordered.ts';
import { incidentKindLabels } from '../../../shared/schemas/incident.ts';
import { measureKindLabels } from '../../../shared/schemas/measureKinds.ts';
import { placementStatusLabels } from '../../../shared/schemas/placement.ts';
import type { AnswerContent, DossierContent } from '../../../shared/sync/transfer.ts';
import { acceptTransfer, getTransfer, matchesOf, refuseTransfer, type TransferEntry } from '../../../shared/sync/transfers.ts';
import { useRepo } from '../../app/index.ts';
import { getBridge } from '../../bridge/index.ts';
import { FlashMessage } from '../../ui/Flash.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { Page } from '../../ui/Page.tsx';
import { SimpleTable } from '../../ui/SimpleTable.tsx';
import { downloadPayload, TargetActions } from '../sync/index.ts';
import { transfersPath } from './paths.ts';
import { transferStatusText } from './TransfersPage.tsx';

/** What the file holds, before anything of it enters this site. */
function Preview({ contents }: { contents: DossierContent }) {
  const { person } = contents;
  const postOf = (id: string) => contents.posts.find((p) => p.id === id);
  return (
    <section aria-labelledby="contenu" className="fr-mb-4w">
      <h2 id="contenu" className="fr-h4">
        Contenu du dossier
      </h2>
      <dl className="app-definitions">
        <dt>Personne</dt>
        <dd>
          {person.lastName.toUpperCase()} {person.firstName}, née ou né le {formatDate(person.birthDate)}
        </dd>
        <dt>Numéro de dossier au site d’origine</dt>
        <dd>{person.caseNumber}</dd>
        <dt>Commune</dt>
        <dd>{person.communeName ?? 'Non renseignée'}</dd>
        <dt>Écrit par</dt>
        <dd>
          {contents.by || 'Non précisé'} ({contents.from.code}, {contents.from.name})
        </dd>
      </dl>
      <SimpleTable caption="Mesures transférées" headers={['Mesure', 'Décision', 'Effectué', 'Incidents']}>
        {contents.measures.map((m) => (
          <tr key={m.id}>
            <td>{measureKindLabels[m.kind]}</td>
            <td>
              {formatDate(m.decisionDate)}, {m.jurisdiction}
            </td>
            <td>
              {formatProgress(
                progressOfLogs(
                  m,
                  contents.hourLogs.filter((l) => l.measureId === m.id && !l.deleted),
                ),
              )}
            </td>
            <td>{contents.incidents.filter((i) => i.measureId === m.id).length}</td>
          </tr>
        ))}
      </SimpleTable>
      {contents.placements.length > 0 && (
        <SimpleTable caption="Mises en situation" headers={['Poste', 'Structure', 'Période', 'État']}>
          {contents.placements.map((p) => (
            <tr key={p.id}>
              <td>{postOf(p.postId)?.title ?? 'Poste du site d’origine'}</td>
              <td>{postOf(p.postId)?.organisationName ?? ''}</td>
              <td>
                du {formatDate(p.startDate)} au {formatDate(p.endedOn ?? p.plannedEnd)}
              </td>
              <td>{placementStatusLabels[p.status]}</td>
            </tr>
          ))}
        </SimpleTable>
      )}
      <p className="fr-text--sm">
        {counted(contents.hourLogs.length, 'saisie d’heures', 'saisies d’heures')}, {counted(contents.incidents.length, 'incident')}
        {contents.incidents.length > 0 ? ` (${[...new Set(contents.incidents.map((i) => incidentKindLabels[i.kind]))].join(', ')})` : ''},{' '}
        {counted(contents.history.length, 'ligne d’historique', 'lignes d’historique')}.
      </p>
    </section>
  );
}

/** Write a transfer's file or answer where it goes, again if the first copy went astray. */
function WriteAgain({
  content,
  recipientSiteId,
  title,
  intro,
}: {
  content: DossierContent | AnswerContent;
  recipientSiteId: string;
  title: string;
  intro: string;
}) {
  const ctx = useRepo();
  const [done, setDone] = useState<string>();
  const write = async (target: Target) => {
    setDone(undefined);
    const recipient = (await referenceSites(ctx)).find((s) => s.siteId === recipientSiteId);
    if (!recipient?.encryptionKey)
      throw new Error('Le site destinataire n’a pas de clé de chiffrement dans l’annuaire des sites : attendez les prochaines données de référence.');
    const written = await getBridge().transferWrite({ content, recipientKey: recipient.encryptionKey, target });
    if (written.output.download) downloadPayload(written.output.download);
    setDone(`Fichier ${written.fileName} écrit${written.output.folder ? ` dans ${written.output.folder}` : ''}.`);
  };
  return (
    <section aria-labelledby="ecrire" className="fr-mb-4w">
      <h2 id="ecrire" className="fr-h4">
        {title}
      </h2>
      <p>{intro}</p>
      {done && <Alert severity="success" small description={done} className="fr-mb-2w" />}
      <TargetActions
        labels={{ syncFolder: 'Écrire dans le dossier de synchronisation', download: 'Télécharger le fichier', folder: 'Écrire dans un autre dossier' }}
        progress="Écriture du fichier chiffré…"
        onTarget={write}
      />
    </section>
  );
}

/** Accept (a new person, or the file attached to a person already here) or refuse with a reason. */
function Answer({ entry }: { entry: TransferEntry & { contents: DossierContent } }) {
  const ctx = useRepo();
  const matches = useLiveQuery(() => matchesOf(ctx, entry.transferId), [ctx, entry.transferId]);
  const [attachTo, setAttachTo] = useState<string>('');
  const [reason, setReason] = useState('');
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);
  const run = async (answer: () => Promise<unknown>) => {
    setBusy(true);
    setFailure(undefined);
    try {
      await answer();
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };
  if (matches === undefined) return <Loading />;
  return (
    <section aria-labelledby="reponse" className="fr-mb-4w">
      <h2 id="reponse" className="fr-h4">
        Réponse
      </h2>
      {failure && <Alert severity="error" small description={failure} className="fr-mb-2w" />}
      {matches.length > 0 && (
        <RadioButtons
          legend="Une personne suivie par votre site porte les mêmes nom, prénom et date de naissance"
          name="rattachement"
          options={[
            ...matches.map((p) => ({
              label: `Rattacher le dossier à ${p.lastName.toUpperCase()} ${p.firstName} (dossier ${p.caseNumber})`,
              nativeInputProps: { value: p.id, checked: attachTo === p.id, onChange: () => setAttachTo(p.id) },
            })),
            { label: 'Créer une nouvelle personne', nativeInputProps: { value: '', checked: attachTo === '', onChange: () => setAttachTo('') } },
          ]}
        />
      )}
      <Button
        iconId="fr-icon-check-line"
        disabled={busy}
        onClick={() => void run(() => acceptTransfer(ctx, entry.transferId, attachTo === '' ? {} : { attachTo }))}
      >
        Accepter le dossier
      </Button>
      <form
        className="fr-mt-4w"
        onSubmit={(event) => {
          event.preventDefault();
          void run(() => refuseTransfer(ctx, entry.transferId, reason));
        }}
      >
        <Input
          label="Motif du refus"
          hintText="Il est envoyé au site qui a transféré le dossier, avec la réponse signée."
          textArea
          nativeTextAreaProps={{ value: reason, onChange: (e) => setReason(e.target.value), rows: 3, maxLength: 1000 }}
        />
        <Button type="submit" priority="secondary" iconId="fr-icon-close-line" disabled={busy}>
          Refuser le dossier
        </Button>
      </form>
    </section>
  );
}

/** A transfer: a received file's preview and answer, or where a sent one stands. */
export function TransferPage() {
  const { transferId = '' } = useParams();
  const ctx = useRepo();
  const entry = useLiveQuery(async () => (await getTransfer(ctx, transferId)) ?? null, [ctx, transferId]);
  if (entry === undefined) return <Loading />;
  if (entry === null)
    return (
      <Alert severity="warning" title="Transfert introuvable" description="Ce transfert n’est pas connu de ce poste. Revenez à la liste des transferts." />
    );
  const incoming = entry.direction === 'entrant';
  return (
    <Page title={`${incoming ? 'Dossier reçu' : 'Dossier envoyé'} : ${entry.personName}`}>
      <FlashMessage />
      <p>
        <Link to={transfersPath}>Tous les transferts</Link>
      </p>
      <dl className="app-definitions fr-mb-4w">
        <dt>{incoming ? 'Envoyé par' : 'Envoyé à'}</dt>
        <dd>{incoming ? `${entry.from.code} (${entry.from.name})` : `${entry.to.code} (${entry.to.name})`}</dd>
        <dt>{incoming ? 'Reçu le' : 'Écrit le'}</dt>
        <dd>{formatDateTime(entry.at)}</dd>
        <dt>Date du transfert</dt>
        <dd>{formatDate(entry.on)}</dd>
        <dt>État</dt>
        <dd>{transferStatusText(entry)}</dd>
        {entry.status === 'accepte' && (
          <>
            <dt>Fiche de la personne</dt>
            <dd>
              <Link to={`/personnes/${entry.personId}`}>{entry.personName}</Link>
            </dd>
          </>
        )}
      </dl>
      {incoming && entry.contents && <Preview contents={entry.contents} />}
      {incoming && entry.status === 'recu' && entry.contents && <Answer entry={{ ...entry, contents: entry.contents }} />}
      {incoming && entry.answer && (
        <WriteAgain
          content={entry.answer}
          recipientSiteId={entry.from.siteId}
          title="Réponse à envoyer"
          intro={`La réponse signée part vers ${entry.from.code} comme le dossier est venu : par le dossier de synchronisation (le siège la relaie) ou sur une clé USB. ${entry.status === 'accepte' ? 'Le siège enregistre le changement de site quand il a reçu le dossier et cette réponse.' : ''}`}
        />
      )}
      {!incoming && entry.status === 'envoye' && entry.contents && (
        <WriteAgain
          content={entry.contents}
          recipientSiteId={entry.to.siteId}
          title="Écrire à nouveau le fichier"
          intro="Si le fichier n’est pas parvenu au site destinataire, écrivez-en une nouvelle copie : le site ne l’acceptera qu’une fois."
        />
      )}
    </Page>
  );
}
