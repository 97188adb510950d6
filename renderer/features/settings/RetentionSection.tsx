import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import * as z from 'zod';
import { errorMessage } from '../../../shared/errors.ts';
import { counted } from '../../../shared/format/agreement.ts';
import { formatDate } from '../../../shared/format/fr.ts';
import { allowed } from '../../../shared/repos/permission.ts';
import { purgeClosedCases, purgePreview, readRetentionYears, setRetentionYears, type PurgeCounts } from '../../../shared/repos/retention.ts';
import { MAX_RETENTION_YEARS, MIN_RETENTION_YEARS } from '../../../shared/rules/retention.ts';
import { useRepo } from '../../app/index.ts';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { FormFailure } from '../../ui/FormFailure.tsx';
import { fieldState } from '../../ui/forms.ts';
import { useSavingForm } from '../../ui/useRecordForm.ts';

/** What a purge takes, in words: « 2 personnes, 3 mesures, 1 mise en situation et 40 saisies d’heures ». */
function describePurge(counts: PurgeCounts): string {
  const parts = [
    counted(counts.person, 'personne'),
    counted(counts.measure, 'mesure'),
    counted(counts.placement, 'mise en situation', 'mises en situation'),
    counted(counts.hourLog, 'saisie d’heures', 'saisies d’heures'),
    counted(counts.incident, 'incident'),
    counted(counts.enrolment, 'inscription'),
    counted(counts.attendance, 'présence'),
  ];
  return `${parts.slice(0, -1).join(', ')} et ${parts.at(-1)!}`;
}

/** Paramètres, for an administrator: how long closed measures are kept, and the purge of what is past it. */
export function RetentionSection() {
  const ctx = useRepo();
  const years = useLiveQuery(() => readRetentionYears(ctx), [ctx]);
  if (!allowed(ctx, 'retention.manage') || years === undefined) return null;
  return (
    <section className="fr-mb-6w" aria-labelledby="retention-title">
      <h2 id="retention-title" className="fr-h4">
        Conservation des données
      </h2>
      <p>
        Les dossiers clos sont conservés {counted(years, 'an')} après la fin de leur dernière mesure (5 ans par défaut, la durée que le ministère de la Justice
        retient pour son application APPI), puis purgés : la purge supprime aussi ces dossiers sur les autres postes du service et au siège.
      </p>
      <RetentionForm current={years} />
      <Purge />
    </section>
  );
}

const yearsForm = z.object({
  years: z
    .string()
    .trim()
    .transform(Number)
    .pipe(
      z
        .number({ error: 'Durée : un nombre d’années' })
        .int({ error: 'Durée : un nombre entier d’années' })
        .min(MIN_RETENTION_YEARS, { error: `Durée : ${MIN_RETENTION_YEARS} an au moins` })
        .max(MAX_RETENTION_YEARS, { error: `Durée : ${MAX_RETENTION_YEARS} ans au plus` }),
    ),
});

function RetentionForm({ current }: { current: number }) {
  const ctx = useRepo();
  const form = useSavingForm({
    schema: yearsForm,
    fields: ['years'],
    defaultValues: { years: String(current) },
    save: async ({ years }) => {
      await setRetentionYears(ctx, years);
    },
  });
  const {
    register,
    formState: { errors, isSubmitting },
  } = form;
  return (
    <form onSubmit={form.onSubmit} noValidate>
      <FormFailure message={form.failure} />
      <Input
        label="Durée de conservation des dossiers clos (années)"
        {...fieldState(errors.years)}
        nativeInputProps={{ ...register('years'), inputMode: 'numeric' }}
      />
      <Button type="submit" priority="secondary" disabled={isSubmitting}>
        Enregistrer la durée
      </Button>
    </form>
  );
}

function Purge() {
  const ctx = useRepo();
  const preview = useLiveQuery(() => purgePreview(ctx), [ctx]);
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string }>();
  if (!preview) return null;
  const purge = async () => {
    try {
      const counts = await purgeClosedCases(ctx);
      setOutcome({ ok: true, message: `Purge faite : ${describePurge(counts)} ont été supprimés.` });
    } catch (error) {
      setOutcome({ ok: false, message: errorMessage(error) });
    }
  };
  return (
    <div className="fr-mt-3w">
      <p>
        Dossiers dont toutes les mesures ont pris fin avant le {formatDate(preview.cutoff)} :{' '}
        {preview.counts.person === 0 ? 'aucun à purger.' : <strong>{describePurge(preview.counts)}</strong>}
      </p>
      {preview.counts.person > 0 && (
        <ConfirmButton
          title="Purger les dossiers clos ?"
          confirmLabel="Purger définitivement"
          onConfirm={() => void purge()}
          description={<p>Seront supprimés définitivement, ici, sur les autres postes du service et au siège : {describePurge(preview.counts)}.</p>}
        >
          Purger
        </ConfirmButton>
      )}
      {outcome && <Alert className="fr-mt-2w" severity={outcome.ok ? 'success' : 'error'} small description={outcome.message} />}
    </div>
  );
}
