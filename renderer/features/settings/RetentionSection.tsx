import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState, type FormEvent } from 'react';
import { errorMessage } from '../../../shared/errors.ts';
import { counted } from '../../../shared/format/agreement.ts';
import { describeCounts } from '../../../shared/repos/bin.ts';
import { isHeadquarters } from '../../../shared/repos/ownership.ts';
import { allowed } from '../../../shared/repos/permission.ts';
import { purge, purgePreview, readRetentionYears, setRetentionYears, type PurgePreview } from '../../../shared/repos/retention.ts';
import { DEFAULT_RETENTION_YEARS, MAX_RETENTION_YEARS, MIN_RETENTION_YEARS } from '../../../shared/rules/retention.ts';
import { useIdentity, useRepo } from '../../app/index.ts';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { useAction } from '../../ui/useAction.ts';

/**
 * Paramètres of a site, for a role allowed `retention.manage`: the retention period, the purge's preview and the
 * purge. Headquarters holds no follow-up here: it deletes what the sites' purges send it.
 */
export function RetentionSection() {
  const ctx = useRepo();
  const identity = useIdentity();
  return allowed(ctx, 'retention.manage') && !isHeadquarters(identity) ? <Retention /> : null;
}

function Retention() {
  const ctx = useRepo();
  const years = useLiveQuery(() => readRetentionYears(ctx), [ctx]);
  const [preview, setPreview] = useState<PurgePreview>();
  const [purged, setPurged] = useState<string>();
  const { failure, run } = useAction();
  if (years === undefined) return null;
  return (
    <section className="fr-mb-6w" aria-labelledby="retention-title">
      <h2 id="retention-title" className="fr-h4">
        Conservation des dossiers
      </h2>
      <p>
        Une mesure terminée, échue ou révoquée est supprimée définitivement une fois la durée de conservation écoulée depuis sa fin, avec ses mises en
        situation, ses heures, ses incidents et ses inscriptions ; la personne l’est quand il ne lui reste aucune mesure. Par défaut {DEFAULT_RETENTION_YEARS}{' '}
        ans, comme l’application APPI du ministère de la Justice. Les dossiers transférés à un autre service sont purgés par celui-ci.
      </p>
      <PeriodForm key={years} years={years} onSaved={() => setPreview(undefined)} />
      <Button
        className="fr-mt-2w"
        priority="secondary"
        iconId="fr-icon-search-line"
        onClick={() =>
          run(async () => {
            setPurged(undefined);
            setPreview(await purgePreview(ctx));
          })
        }
      >
        Aperçu de la purge
      </Button>
      {failure && <Alert className="fr-mt-2w" severity="error" title="Opération refusée" description={failure} role="alert" />}
      {purged && <Alert className="fr-mt-2w" severity="success" small description={purged} />}
      {preview && (
        <PreviewView
          preview={preview}
          onPurge={() =>
            run(async () => {
              const counts = await purge(ctx);
              setPreview(undefined);
              setPurged(
                describeCounts(counts) === ''
                  ? 'Plus rien à purger : les dossiers avaient déjà changé.'
                  : `Purge effectuée : ${describeCounts(counts)}. Les autres postes du service et le siège les suppriment à la prochaine synchronisation.`,
              );
            })
          }
        />
      )}
    </section>
  );
}

function PeriodForm({ years, onSaved }: { years: number; onSaved: () => void }) {
  const ctx = useRepo();
  const [value, setValue] = useState(String(years));
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState<string>();
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    setSaved(undefined);
    try {
      const stored = await setRetentionYears(ctx, value.trim() === '' ? Number.NaN : Number(value));
      onSaved();
      setSaved(`Durée de conservation enregistrée : ${counted(stored, 'an')}.`);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <form onSubmit={(e) => void save(e)} noValidate>
      <Input
        label="Durée de conservation (en années après la fin de la mesure)"
        hintText={`Nombre entier entre ${MIN_RETENTION_YEARS} et ${MAX_RETENTION_YEARS}`}
        state={error ? 'error' : 'default'}
        stateRelatedMessage={error}
        nativeInputProps={{ type: 'number', min: MIN_RETENTION_YEARS, max: MAX_RETENTION_YEARS, step: 1, value, onChange: (e) => setValue(e.target.value) }}
      />
      <Button type="submit" priority="secondary">
        Enregistrer la durée
      </Button>
      {saved && <Alert className="fr-mt-2w" severity="success" small description={saved} />}
    </form>
  );
}

function PreviewView({ preview, onPurge }: { preview: PurgePreview; onPurge: () => void }) {
  const what = describeCounts(preview.counts);
  if (what === '') {
    return (
      <div className="fr-mt-3w">
        <EmptyState title="Rien à purger">
          Aucune mesure n’a dépassé la durée de conservation de {counted(preview.years, 'an')} : aucun dossier ne serait supprimé.
        </EmptyState>
      </div>
    );
  }
  return (
    <div className="fr-mt-3w">
      <h3 className="fr-h6">Aperçu de la purge</h3>
      <p>
        Seraient supprimés définitivement : <strong>{what}</strong>. Les documents imprimables (fiches, relevés, attestations) sont produits à partir de ces
        fiches : il n’en resterait aucun dans Passerelle.
      </p>
      {preview.persons.length > 0 && (
        <>
          <h4 className="fr-text--md fr-mb-1w">Personnes sans mesure restante</h4>
          <ul>
            {preview.persons.map((p) => (
              <li key={p.id}>{p.label}</li>
            ))}
          </ul>
        </>
      )}
      <h4 className="fr-text--md fr-mb-1w">Mesures dont la durée de conservation est écoulée</h4>
      <ul>
        {preview.measures.map((m) => (
          <li key={m.id}>{m.label}</li>
        ))}
      </ul>
      <ConfirmButton
        title="Purger les dossiers ?"
        confirmLabel="Purger définitivement"
        onConfirm={onPurge}
        description={
          <p>Seront supprimés définitivement, sur ce poste, sur les autres postes du service et au siège : {what}. Aucune restauration ne sera possible.</p>
        }
      >
        Purger
      </ConfirmButton>
    </div>
  );
}
