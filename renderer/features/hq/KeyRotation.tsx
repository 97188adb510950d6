import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { useState } from 'react';
import type { BridgeResponse } from '../../../shared/bridge/contract.ts';
import { formatDateTime } from '../../../shared/format/fr.ts';
import { errorMessage } from '../../../shared/errors.ts';
import { getBridge } from '../../bridge/index.ts';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { downloadPayload, Progress, TargetActions, useSync } from '../sync/index.ts';
import { counted } from '../../../shared/format/agreement.ts';

/** What changing the key does, said before the person confirms. */
function Consequences() {
  return (
    <>
      <p>Une nouvelle clé de chiffrement devient la clé du siège, et le fichier hq.pub change :</p>
      <ul>
        <li>
          chaque site doit importer le nouveau fichier hq.pub (Paramètres, clé publique du siège) ; d’ici là, ses lots restent chiffrés pour l’ancienne clé ;
        </li>
        <li>les anciennes clés sont conservées : les lots déjà chiffrés pour elles, même reçus plus tard, s’importent toujours ;</li>
        <li>la clé de signature ne change pas : les sites continuent de reconnaître les accusés de réception et les données de référence ;</li>
        <li>la sauvegarde des clés du siège faite avant ne contient pas la nouvelle clé : refaites-la aussitôt (Paramètres).</li>
      </ul>
      <p>Ce changement ne peut pas être annulé.</p>
    </>
  );
}

/**
 * Headquarters' encryption key: change it (after a confirmation that says what follows), then hand the new
 * hq.pub out to the sites.
 */
export function KeyRotation({ onChanged }: { onChanged: () => void }) {
  const sync = useSync();
  const [busy, setBusy] = useState(false);
  const [rotated, setRotated] = useState<BridgeResponse<'hqRotateKey'>>();
  const [failure, setFailure] = useState<string>();
  const current = sync.hq?.ok ? sync.hq : undefined;

  const rotate = async () => {
    setFailure(undefined);
    setRotated(undefined);
    setBusy(true);
    try {
      const result = await getBridge().hqRotateKey({ confirmed: true });
      setRotated(result);
      sync.log(true, `Clé de chiffrement du siège changée : ${result.keyId} remplace ${result.previousKeyId}. Diffusez le nouveau hq.pub aux sites.`);
      onChanged();
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="hq-key-title">
      <h3 id="hq-key-title" className="fr-h6 fr-mt-4w">
        Clé de chiffrement du siège
      </h3>
      <p>
        Les sites chiffrent leurs lots pour la clé publique du siège (fichier hq.pub).
        {current && (
          <>
            {' '}
            Clé actuelle : <strong data-testid="hq-key-id">{current.keyId}</strong>, créée le {formatDateTime(current.createdAt)}.
          </>
        )}{' '}
        Changez-la si elle a pu être copiée (poste perdu, sauvegarde égarée), ou selon votre politique de sécurité.
      </p>
      <ConfirmButton
        title="Changer la clé de chiffrement du siège ?"
        confirmLabel="Changer la clé"
        iconId="fr-icon-refresh-line"
        description={<Consequences />}
        onConfirm={() => void rotate()}
      >
        Changer la clé de chiffrement
      </ConfirmButton>
      {busy && <Progress label="Création de la nouvelle clé en cours…" />}
      {failure && <Alert className="fr-mt-2w" severity="error" small description={failure} />}
      {rotated && (
        <div className="fr-mt-2w">
          <Alert
            className="fr-mb-2w"
            severity="success"
            small
            description={`Nouvelle clé ${rotated.keyId} (créée le ${formatDateTime(rotated.createdAt)}), qui remplace ${rotated.previousKeyId} ; ${counted(rotated.keyCount, 'clé conservée', 'clés conservées')} pour lire les lots. Diffusez maintenant le nouveau hq.pub aux sites, et refaites la sauvegarde des clés.`}
          />
          <TargetActions
            labels={{
              syncFolder: 'Déposer le nouveau hq.pub dans le dossier de synchronisation',
              download: 'Télécharger le nouveau hq.pub',
              folder: 'Écrire le nouveau hq.pub dans un autre dossier',
            }}
            progress="Écriture de hq.pub en cours…"
            onTarget={async (target) => {
              const saved = await getBridge().hqPublicKey({ target });
              if (saved.download) downloadPayload(saved.download);
              sync.log(true, saved.download ? 'Nouveau hq.pub téléchargé.' : `Nouveau hq.pub écrit dans ${saved.folder ?? ''}.`);
            }}
          />
        </div>
      )}
    </section>
  );
}
