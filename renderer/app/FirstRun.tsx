import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { useState } from 'react';
import type { DemoProgress } from '../../shared/demo/demoData.ts';
import { errorMessage } from '../../shared/errors.ts';
import { finishFirstRun } from '../../shared/repos/firstRun.ts';
import { setUpSite } from '../../shared/repos/identity.ts';
import { siteKindLabels, siteKinds, siteSetupFields, type SiteIdentity } from '../../shared/schemas/site.ts';
import { RestoreChooser } from '../features/backup/index.ts';
import { JoinLoading, JoinSiteForm } from '../features/office/index.ts';
import { isJoining } from '../../shared/office/snapshot.ts';
import { useLiveQuery } from 'dexie-react-hooks';
import { DepartementSelect } from '../ui/DepartementSelect.tsx';
import { FormFailure } from '../ui/FormFailure.tsx';
import { fieldState } from '../ui/forms.ts';
import { useSavingForm } from '../ui/useRecordForm.ts';
import { useRepo } from './RepoProvider.tsx';

const setupFieldNames = Object.keys(siteSetupFields.shape);
/** Same seed, same demonstration data: what a trainer shows is what a trainee sees. */
const DEMO_SEED = 2026;

/** First run: who this installation is, then demo data or an empty start. */
export function FirstRun({ identity }: { identity: SiteIdentity | null }) {
  const ctx = useRepo();
  const joining = useLiveQuery(() => isJoining(ctx.db), [ctx]);
  return (
    <main className="app-centered" id="contenu">
      <h1>Bienvenue dans Passerelle</h1>
      {identity ? (
        joining === undefined ? null : joining ? (
          <JoinLoading identity={identity} />
        ) : (
          <DataChoice identity={identity} />
        )
      ) : (
        <>
          <SiteForm />
          <JoinInstead />
          <RestoreInstead />
        </>
      )}
    </main>
  );
}

/** A new workstation of an office that already uses Passerelle joins its site instead of declaring a new one. */
function JoinInstead() {
  return (
    <section className="fr-mt-6w" aria-labelledby="first-run-join">
      <h2 id="first-run-join" className="fr-h4">
        Ou rejoindre un site existant
      </h2>
      <JoinSiteForm />
    </section>
  );
}

/** A reinstalled or replaced PC starts from its site's backup instead of a new site. */
function RestoreInstead() {
  return (
    <section className="fr-mt-6w" aria-labelledby="first-run-restore">
      <h2 id="first-run-restore" className="fr-h4">
        Ou restaurer une sauvegarde
      </h2>
      <p>Poste réinstallé ou remplacé : reprenez les données du site depuis une sauvegarde, plutôt que de déclarer un nouveau site.</p>
      <RestoreChooser siteId={null} saveCurrent={false} />
    </section>
  );
}

function SiteForm() {
  const ctx = useRepo();
  const form = useSavingForm({
    schema: siteSetupFields,
    fields: setupFieldNames,
    defaultValues: { kind: 'spip', code: '', name: '', departement: '', userName: '' },
    save: async (values) => {
      await setUpSite(ctx, values);
    },
  });
  const {
    register,
    formState: { errors, isSubmitting },
  } = form;

  return (
    <form onSubmit={form.onSubmit} noValidate aria-describedby="first-run-intro">
      <p id="first-run-intro">
        Étape 1 sur 2 : indiquez le site sur lequel ce poste est installé. Ces informations identifient vos envois vers l’ATIGIP ; elles ne contiennent aucune
        donnée sur les personnes suivies.
      </p>
      <FormFailure title="Configuration refusée" message={form.failure} />
      <RadioButtons
        legend="Type de site"
        name="kind"
        {...fieldState(errors.kind)}
        options={siteKinds.map((kind) => ({ label: siteKindLabels[kind], nativeInputProps: { value: kind, ...register('kind') } }))}
      />
      <Input
        label="Code du site"
        hintText="Par exemple SPIP-54 ou EP-NANCY : lettres, chiffres et tirets"
        {...fieldState(errors.code)}
        nativeInputProps={{ ...register('code'), autoComplete: 'off' }}
      />
      <Input label="Nom du site" hintText="Par exemple SPIP de Meurthe-et-Moselle" {...fieldState(errors.name)} nativeInputProps={register('name')} />
      <DepartementSelect error={errors.departement} nativeSelectProps={register('departement')} />
      <Input
        label="Votre nom"
        hintText="Il figure dans l’historique de chaque modification"
        {...fieldState(errors.userName)}
        nativeInputProps={{ ...register('userName'), autoComplete: 'name' }}
      />
      <Button type="submit" disabled={isSubmitting} iconId="fr-icon-arrow-right-line" iconPosition="right">
        Continuer
      </Button>
    </form>
  );
}

function DataChoice({ identity }: { identity: SiteIdentity }) {
  const ctx = useRepo();
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<DemoProgress>();

  const start = async (withDemo: boolean) => {
    setBusy(true);
    setFailure(undefined);
    try {
      if (withDemo) {
        // Loaded on demand: faker's French locale is large and only this step needs it.
        const { loadSiteDemo } = await import('../../shared/demo/siteDemo.ts');
        await loadSiteDemo(ctx, { seed: DEMO_SEED, onProgress: setProgress });
      }
      await finishFirstRun(ctx);
    } catch (error) {
      setFailure(errorMessage(error));
      setProgress(undefined);
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="data-choice-title">
      <h2 id="data-choice-title" className="fr-h4">
        Étape 2 sur 2 : vos données
      </h2>
      <p>
        Le site <strong>{identity.name}</strong> ({identity.code}) est configuré. Vous pouvez commencer avec une base vide, ou charger des données de
        démonstration fictives pour découvrir l’application.
      </p>
      {identity.kind === 'atigip' && (
        <p>
          Dans les deux cas, le siège reçoit la liste nationale de référence des partenariats (accords-cadres et conventions nationales nommés par les textes
          publics), qu’il tient à jour et transmet aux sites.
        </p>
      )}
      {failure && <Alert className="fr-mb-3w" severity="error" title="Opération impossible" description={failure} />}
      <div className="fr-btns-group fr-btns-group--inline">
        <Button onClick={() => void start(true)} disabled={busy} iconId="fr-icon-database-line">
          Charger des données de démonstration
        </Button>
        <Button priority="secondary" onClick={() => void start(false)} disabled={busy}>
          Commencer avec une base vide
        </Button>
      </div>
      {progress && (
        <div className="fr-mt-2w" aria-live="polite">
          <label htmlFor="demo-progress">{progress.step}…</label>
          <progress id="demo-progress" className="app-progress" max={progress.total} value={progress.done} />
        </div>
      )}
      <p className="fr-text--sm fr-mt-2w">
        Les données de démonstration sont fictives (structures, personnes, mesures et heures d’un SPIP de Lorraine, ateliers, formations et partenariats). Elles
        sont enregistrées comme des données du site : n’en chargez pas sur un poste de production.
      </p>
    </section>
  );
}
