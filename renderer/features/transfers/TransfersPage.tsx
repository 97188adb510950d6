import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Upload } from '@codegouvfr/react-dsfr/Upload';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../../shared/errors.ts';
import { counted } from '../../../shared/format/agreement.ts';
import { formatDate, formatDateTime } from '../../../shared/format/fr.ts';
import { referenceSites } from '../../../shared/repos/reference.ts';
import { listTransfers, takeTransferFiles, type TakenFiles, type TransferEntry } from '../../../shared/sync/transfers.ts';
import { TRANSFER_EXTENSION } from '../../../shared/sync/transfer.ts';
import { useRepo } from '../../app/index.ts';
import { getBridge } from '../../bridge/index.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { clearFlash, FlashMessage } from '../../ui/Flash.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { Page } from '../../ui/Page.tsx';
import { SimpleTable } from '../../ui/SimpleTable.tsx';
import { fileToPayload, useSync } from '../sync/index.ts';
import { transferPath } from './paths.ts';

/** Where a transfer stands, in words, as each side sees it. */
export function transferStatusText(t: Pick<TransferEntry, 'direction' | 'status' | 'answeredOn' | 'reason' | 'to'>): string {
  switch (t.status) {
    case 'recu':
      return 'À examiner';
    case 'envoye':
      return `En attente de la réponse de ${t.to.code}`;
    case 'accepte':
      return t.direction === 'sortant' ? `Accepté par ${t.to.code} le ${formatDate(t.answeredOn)}` : `Accepté le ${formatDate(t.answeredOn)}`;
    case 'refuse':
      return `${t.direction === 'sortant' ? `Refusé par ${t.to.code}` : 'Refusé'} le ${formatDate(t.answeredOn)}${t.reason ? ` : ${t.reason}` : ''}`;
  }
}

/** One direction's transfers: the person (opening the transfer), the other site, when, the date, the state. */
function TransferTable({
  caption,
  partyHeader,
  atHeader,
  transfers,
  party,
}: {
  caption: string;
  partyHeader: string;
  atHeader: string;
  transfers: TransferEntry[];
  party: (t: TransferEntry) => { code: string; name: string };
}) {
  return (
    <SimpleTable caption={caption} headers={['Personne', partyHeader, atHeader, 'Date du transfert', 'État']}>
      {transfers.map((t) => (
        <tr key={t.transferId}>
          <td>
            <Link to={transferPath(t.transferId)}>{t.personName}</Link>
          </td>
          <td>
            {party(t).code} ({party(t).name})
          </td>
          <td>{formatDateTime(t.at)}</td>
          <td>{formatDate(t.on)}</td>
          <td>{transferStatusText(t)}</td>
        </tr>
      ))}
    </SimpleTable>
  );
}

function takenText(taken: TakenFiles): string {
  if (taken.received.length === 0 && taken.answered.length === 0) return 'Aucun nouveau dossier ni nouvelle réponse.';
  return [
    taken.received.length > 0 ? `${counted(taken.received.length, 'nouveau dossier reçu', 'nouveaux dossiers reçus')}` : '',
    taken.answered.length > 0 ? `${counted(taken.answered.length, 'réponse enregistrée', 'réponses enregistrées')}` : '',
  ]
    .filter(Boolean)
    .join(', ')
    .concat('.');
}

/** Check the share for files and answers addressed to this site, or open one the person chose (a USB key). */
function Inbox() {
  const ctx = useRepo();
  const { folder } = useSync();
  const [busy, setBusy] = useState(false);
  const [taken, setTaken] = useState<TakenFiles>();
  const [failure, setFailure] = useState<string>();

  const run = async (read: () => Promise<Parameters<typeof takeTransferFiles>[1]>) => {
    clearFlash();
    setBusy(true);
    setFailure(undefined);
    setTaken(undefined);
    try {
      setTaken(await takeTransferFiles(ctx, await read()));
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  const scan = () =>
    run(async () => {
      const directory = await referenceSites(ctx);
      return (await getBridge().transferScan({ directory })).files;
    });

  const openFile = (file: File) =>
    run(async () => {
      const directory = await referenceSites(ctx);
      const opened = await getBridge().transferOpen({ file: await fileToPayload(file), directory });
      return [{ ...opened, ok: true as const }];
    });

  return (
    <div className="fr-mb-4w">
      <Button iconId="fr-icon-refresh-line" disabled={busy || !folder.folder} onClick={() => void scan()}>
        Relever le dossier de synchronisation
      </Button>
      {!folder.folder && <p className="fr-hint-text fr-mt-1w">Aucun dossier de synchronisation réglé : ouvrez le fichier reçu ci-dessous.</p>}
      <Upload
        className="fr-mt-2w"
        label="Ouvrir un fichier de dossier transféré"
        hint={`Un fichier ${TRANSFER_EXTENSION} reçu sur une clé USB ou par un autre moyen`}
        disabled={busy}
        nativeInputProps={{
          accept: TRANSFER_EXTENSION,
          onChange: (e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void openFile(file);
          },
        }}
      />
      {failure && <Alert className="fr-mt-2w" severity="error" small description={failure} />}
      {taken && <Alert className="fr-mt-2w" severity="success" small description={takenText(taken)} />}
      {taken && taken.problems.length > 0 && (
        <Alert
          className="fr-mt-2w"
          severity="warning"
          title={counted(taken.problems.length, 'fichier refusé', 'fichiers refusés')}
          description={
            <ul>
              {taken.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          }
        />
      )}
    </div>
  );
}

/**
 * « Transferts »: the files received from other sites, to examine and answer, and those this site sent, with
 * the answer each got.
 */
export function TransfersPage() {
  const ctx = useRepo();
  const transfers = useLiveQuery(() => listTransfers(ctx), [ctx]);
  const incoming = transfers?.filter((t) => t.direction === 'entrant') ?? [];
  const outgoing = transfers?.filter((t) => t.direction === 'sortant') ?? [];
  return (
    <Page title="Transferts de dossiers">
      <FlashMessage />
      <section aria-labelledby="recus" className="fr-mb-6w">
        <h2 id="recus" className="fr-h4">
          Dossiers reçus
        </h2>
        <Inbox />
        {transfers === undefined ? (
          <Loading />
        ) : incoming.length === 0 ? (
          <EmptyState title="Aucun dossier reçu">
            Quand un autre site vous transfère le suivi d’une personne, son dossier arrive chiffré dans le dossier de synchronisation (relayé par le siège) ou
            sur une clé USB. Il s’affiche ici pour être examiné, puis accepté ou refusé.
          </EmptyState>
        ) : (
          <TransferTable caption="Dossiers reçus" partyHeader="Envoyé par" atHeader="Reçu le" transfers={incoming} party={(t) => t.from} />
        )}
      </section>
      <section aria-labelledby="envoyes">
        <h2 id="envoyes" className="fr-h4">
          Dossiers envoyés
        </h2>
        {transfers === undefined ? null : outgoing.length === 0 ? (
          <EmptyState title="Aucun dossier envoyé">
            Pour transférer le suivi d’une personne à un autre site, ouvrez sa fiche et choisissez « Transférer le dossier ».
          </EmptyState>
        ) : (
          <TransferTable caption="Dossiers envoyés" partyHeader="Vers" atHeader="Écrit le" transfers={outgoing} party={(t) => t.to} />
        )}
      </section>
    </Page>
  );
}
