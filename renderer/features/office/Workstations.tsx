import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useCallback, useEffect, useState } from 'react';
import type { OfficeStatus } from '../../../shared/bridge/officeSchemas.ts';
import { errorMessage } from '../../../shared/errors.ts';
import { formatDateTime } from '../../../shared/format/fr.ts';
import { useIdentity } from '../../app/index.ts';
import { getBridge } from '../../bridge/index.ts';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { downloadPayload, useSync } from '../sync/index.ts';

/** The office's workstations: who they are and when each last exchanged, "Ajouter un poste", "Retirer ce poste". */
export function Workstations() {
  const sync = useSync();
  const [status, setStatus] = useState<OfficeStatus>();
  const [failure, setFailure] = useState<string>();
  const [notice, setNotice] = useState<string>();

  // Read again after each change made here (a workstation added or removed).
  const [version, setVersion] = useState(0);
  const refresh = useCallback(() => setVersion((v) => v + 1), []);
  useEffect(() => {
    getBridge()
      .officeStatus({})
      .then(setStatus, (error: unknown) => setFailure(errorMessage(error)));
  }, [version]);

  const revoke = async (deviceId: string) => {
    setFailure(undefined);
    try {
      const removed = await getBridge().officeRevoke({ deviceId, confirmed: true });
      setNotice(`Le poste « ${removed.name} » est retiré : ses fichiers écrits après son retrait ne seront plus lus par aucun poste.`);
      refresh();
    } catch (error) {
      setFailure(errorMessage(error));
    }
  };

  return (
    <section className="fr-mb-6w" aria-labelledby="office-devices-title">
      <h2 id="office-devices-title" className="fr-h4">
        Postes du bureau
      </h2>
      {failure && <Alert className="fr-mb-2w" severity="error" small description={failure} />}
      {notice && <Alert className="fr-mb-2w" severity="success" small description={notice} />}
      {status && status.devices.length > 0 && (
        <div className="fr-table fr-table--no-caption">
          <table>
            <caption>Postes du bureau</caption>
            <thead>
              <tr>
                <th scope="col">Poste</th>
                <th scope="col">Ajouté le</th>
                <th scope="col">Dernier échange</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {status.devices.map((d) => (
                <tr key={d.deviceId}>
                  <td>
                    {d.name}
                    {d.self && ' (ce poste)'}
                  </td>
                  <td>
                    {formatDateTime(d.issuedAt)}
                    {d.addedBy && ` par ${d.addedBy}`}
                  </td>
                  <td>{d.revokedAt ? `Retiré le ${formatDateTime(d.revokedAt)}` : d.lastSeen ? formatDateTime(d.lastSeen) : 'jamais'}</td>
                  <td>
                    {!d.self && !d.revokedAt && (
                      <ConfirmButton
                        size="small"
                        title={`Retirer le poste « ${d.name} » ?`}
                        confirmLabel="Retirer ce poste"
                        description={
                          <p>
                            Pour un poste perdu, volé ou remplacé : sa clé est révoquée pour tout le bureau, et ce qu’il écrirait ensuite ne sera plus lu. Ce
                            qu’il a déjà envoyé est gardé. Cette opération est définitive : pour le réutiliser, il faudra l’ajouter de nouveau.
                          </p>
                        }
                        onConfirm={() => void revoke(d.deviceId)}
                      >
                        Retirer ce poste
                      </ConfirmButton>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <AddWorkstation
        founding={status !== undefined && !status.enabled}
        selfName={status?.devices.find((d) => d.self)?.name}
        onAdded={async () => {
          refresh();
          await sync.refreshOffice();
        }}
      />
    </section>
  );
}

function AddWorkstation({ founding, selfName, onAdded }: { founding: boolean; selfName: string | undefined; onAdded: () => Promise<void> }) {
  const identity = useIdentity();
  const [ownName, setOwnName] = useState('');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  const [passphrase, setPassphrase] = useState<{ name: string; passphrase: string; file: string }>();

  const add = async () => {
    setBusy(true);
    setFailure(undefined);
    setPassphrase(undefined);
    try {
      const invited = await getBridge().officeInvite({
        site: { siteId: identity.siteId, code: identity.code, name: identity.name, kind: identity.kind, departement: identity.departement },
        inviter: { deviceId: identity.deviceId, name: founding ? ownName : (selfName ?? ownName) },
        name,
        target: 'download',
      });
      if (invited.output.download) downloadPayload(invited.output.download);
      setPassphrase({ name, passphrase: invited.passphrase, file: invited.output.download?.name ?? invited.output.files.join(', ') });
      setName('');
      await onAdded();
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="fr-mt-3w"
      aria-labelledby="office-add-title"
      onSubmit={(e) => {
        e.preventDefault();
        void add();
      }}
    >
      <h3 id="office-add-title" className="fr-h5">
        Ajouter un poste
      </h3>
      <p>
        Trois étapes : (1) ici, nommez le nouveau poste : Passerelle enregistre un fichier d’ajout et affiche une phrase secrète, une seule fois ; (2) copiez ce
        fichier sur le nouveau poste et notez la phrase ; (3) au premier lancement du nouveau poste, choisissez « Rejoindre un site existant », donnez le
        fichier et la phrase : il charge tout le site depuis le dossier partagé.
      </p>
      {founding && (
        <Input
          label="Nom de ce poste"
          hintText="Ce poste devient le premier du bureau ; par exemple « Poste de Camille » ou « Accueil »"
          nativeInputProps={{ value: ownName, onChange: (e) => setOwnName(e.target.value), required: true }}
        />
      )}
      <Input
        label="Nom du nouveau poste"
        hintText="Par exemple « Poste de Julie »"
        nativeInputProps={{ value: name, onChange: (e) => setName(e.target.value), required: true }}
      />
      {failure && <Alert className="fr-mb-2w" severity="error" small title="Ajout impossible" description={failure} />}
      <Button type="submit" disabled={busy} iconId="fr-icon-computer-line">
        Ajouter un poste
      </Button>
      {passphrase && (
        <Alert
          className="fr-mt-2w"
          severity="info"
          title={`Phrase secrète du poste « ${passphrase.name} »`}
          description={
            <>
              <p className="fr-mb-1w">
                <code data-testid="office-passphrase">{passphrase.passphrase}</code>
              </p>
              <p className="fr-mb-0">
                Notez-la maintenant : elle ne sera plus affichée. Elle ouvre le fichier {passphrase.file}, à donner au nouveau poste avec la phrase.
              </p>
            </>
          }
        />
      )}
    </form>
  );
}
