import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useCallback, useEffect, useRef, useState } from 'react';
import { loadSiteFromShare, type OfficeProgress } from '../../../shared/bridge/officeCycle.ts';
import { errorMessage } from '../../../shared/errors.ts';
import { joinSite } from '../../../shared/office/snapshot.ts';
import { finishFirstRun } from '../../../shared/repos/firstRun.ts';
import { siteSetupFields, type SiteIdentity } from '../../../shared/schemas/site.ts';
import { useRepo } from '../../app/index.ts';
import { getBridge } from '../../bridge/index.ts';
import { fileToPayload, Progress } from '../sync/index.ts';

/**
 * "Rejoindre un site existant": the join file written by "Ajouter un poste" on a workstation of the office, and
 * its passphrase. The Node side keeps the keys it carries; the page records the site with this workstation's
 * own device id, then loads the site from the share (`JoinLoading`).
 */
export function JoinSiteForm() {
  const ctx = useRepo();
  const [file, setFile] = useState<File>();
  const [passphrase, setPassphrase] = useState('');
  const [userName, setUserName] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();

  const join = async () => {
    setFailure(undefined);
    // Checked before the join file is opened: once its keys are kept, this installation cannot join again.
    const name = siteSetupFields.shape.userName.safeParse(userName);
    if (!name.success) return setFailure(name.error.issues[0]?.message ?? 'Votre nom : champ obligatoire');
    if (!file) return setFailure('Choisissez le fichier d’ajout de poste (.passerelle-poste) donné par un collègue.');
    setBusy(true);
    try {
      const joined = await getBridge().officeJoin({ file: await fileToPayload(file), passphrase });
      await joinSite(ctx, { ...joined.site, deviceId: joined.deviceId, userName: name.data, createdAt: new Date(ctx.clock.now()).toISOString() });
    } catch (error) {
      setFailure(errorMessage(error));
      setBusy(false);
    }
  };

  return (
    <form
      aria-labelledby="first-run-join"
      onSubmit={(e) => {
        e.preventDefault();
        void join();
      }}
    >
      <p>
        Votre bureau utilise déjà Passerelle sur un autre poste : demandez à un collègue d’y choisir Paramètres › Bureau › « Ajouter un poste ». Il vous remet
        un fichier d’ajout et une phrase secrète ; ce poste reçoit alors tout le site depuis le dossier partagé.
      </p>
      <div className="fr-upload-group fr-mb-3w">
        <label className="fr-label" htmlFor="join-file">
          Fichier d’ajout de poste
          <span className="fr-hint-text">Fichier .passerelle-poste</span>
        </label>
        <input className="fr-upload" type="file" id="join-file" accept=".passerelle-poste" onChange={(e) => setFile(e.target.files?.[0])} />
      </div>
      <Input label="Phrase secrète" nativeInputProps={{ value: passphrase, onChange: (e) => setPassphrase(e.target.value), autoComplete: 'off' }} />
      <Input
        label="Votre nom"
        hintText="Il figure dans l’historique de chaque modification"
        nativeInputProps={{ value: userName, onChange: (e) => setUserName(e.target.value), autoComplete: 'name' }}
      />
      {failure && <Alert className="fr-mb-2w" severity="error" title="Impossible de rejoindre le site" description={failure} />}
      <Button type="submit" disabled={busy} iconId="fr-icon-team-line">
        Rejoindre le site
      </Button>
    </form>
  );
}

/** The site being loaded from the share, with its progress; the first run ends once it is whole. Resumes after a restart. */
export function JoinLoading({ identity }: { identity: SiteIdentity }) {
  const ctx = useRepo();
  const [progress, setProgress] = useState<OfficeProgress>();
  const [failure, setFailure] = useState<string>();
  const started = useRef(false);

  const load = useCallback(async () => {
    setFailure(undefined);
    try {
      const bridge = getBridge();
      await bridge.startSession({
        site: { siteId: identity.siteId, code: identity.code, name: identity.name, kind: identity.kind, departement: identity.departement },
        deviceId: identity.deviceId,
      });
      // A colleague's damaged file does not stop the join: it is said again, and applied once whole, at each exchange.
      await loadSiteFromShare(ctx, bridge, setProgress);
      await finishFirstRun(ctx);
    } catch (error) {
      setFailure(errorMessage(error));
      setProgress(undefined);
    }
  }, [ctx, identity]);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void load();
  }, [load]);

  return (
    <section aria-labelledby="join-loading-title">
      <h2 id="join-loading-title" className="fr-h4">
        Chargement du site {identity.name} ({identity.code})
      </h2>
      <p>Ce poste reçoit les données du site depuis le dossier partagé du bureau. Gardez Passerelle ouvert jusqu’à la fin.</p>
      {failure ? (
        <>
          <Alert className="fr-mb-2w" severity="error" title="Chargement interrompu" description={failure} />
          <Button onClick={() => void load()} iconId="fr-icon-refresh-line">
            Réessayer
          </Button>
        </>
      ) : (
        <Progress label={progress ? `${progress.step}…` : 'Lecture du dossier partagé…'} done={progress?.done} total={progress?.total} />
      )}
    </section>
  );
}
