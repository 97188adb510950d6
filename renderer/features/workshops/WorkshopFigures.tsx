import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { formatHours, formatNumber } from '../../../shared/format/fr.ts';
import { listWorkshopFigures, removeWorkshopFigures, saveWorkshopFigures } from '../../../shared/repos/workshopFigures.ts';
import { labelOf } from '../../../shared/schemas/labels.ts';
import type { Programme } from '../../../shared/schemas/programme.ts';
import { workshopFigureFields, type WorkshopFigure } from '../../../shared/schemas/workshopFigure.ts';
import { useRepo } from '../../app/index.ts';
import { FormFailure } from '../../ui/FormFailure.tsx';
import { fieldState, formSchema, frenchNumber, required } from '../../ui/forms.ts';
import { useAction } from '../../ui/useAction.ts';
import { useSavingForm } from '../../ui/useRecordForm.ts';
import { ConfirmButton } from './ConfirmDialog.tsx';

type Values = {
  month: string;
  workers: string;
  hoursWorked: string;
};
const fields = ['month', 'workers', 'hoursWorked'];
const label = (field: keyof Values) => labelOf('workshopFigure', field);
const empty: Values = { month: '', workers: '', hoursWorked: '' };

/** `novembre 2026` for `2026-11`. */
export function monthLabel(month: string): string {
  return new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-01T00:00:00Z`));
}

/** What a production workshop reports each month: workers and hours worked, one line a month. */
export function WorkshopFigures({ programme, editable }: { programme: Programme; editable: boolean }) {
  const ctx = useRepo();
  const figures = useLiveQuery(() => listWorkshopFigures(ctx, programme.id), [ctx, programme.id]);
  const [saved, setSaved] = useState<string>();
  const removal = useAction();
  const schema = formSchema<Values, typeof workshopFigureFields>(workshopFigureFields, (v) => ({
    ...v,
    // A blank month gets the month's own message rather than zod's generic one.
    month: v.month ?? '',
    programmeId: programme.id,
    workers: frenchNumber(v.workers),
    hoursWorked: frenchNumber(v.hoursWorked),
  }));
  const form = useSavingForm({
    schema,
    fields,
    defaultValues: empty,
    save: async (values) => {
      setSaved(undefined);
      const figure = await saveWorkshopFigures(ctx, values);
      form.reset(empty);
      setSaved(`Relevé de ${monthLabel(figure.month)} enregistré.`);
    },
  });
  const {
    register,
    reset,
    setFocus,
    formState: { errors, isSubmitting },
  } = form;
  const edit = (f: WorkshopFigure) => {
    setSaved(undefined);
    reset({ month: f.month, workers: String(f.workers), hoursWorked: formatNumber(f.hoursWorked).replace(/\s/g, '') });
    setFocus('workers');
  };

  const rows = [...(figures ?? [])].reverse();
  return (
    <section className="fr-mb-6w" aria-labelledby="figures-title">
      <h2 id="figures-title" className="fr-h4">
        Relevés mensuels de l’atelier
      </h2>
      {removal.failure && <Alert className="fr-mb-2w" severity="error" small description={removal.failure} />}
      {rows.length === 0 ? (
        <p>Aucun relevé pour l’instant : saisissez chaque mois le nombre de travailleurs et les heures travaillées.</p>
      ) : (
        <div className="fr-table fr-table--no-caption fr-table--sm fr-table--multiline app-record-table fr-mb-2w">
          <div className="fr-table__wrapper">
            <div className="fr-table__container app-scroll-box">
              <div className="fr-table__content">
                <table>
                  <caption>Relevés mensuels de {programme.title}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{label('month')}</th>
                      <th scope="col" className="app-number">
                        {label('workers')}
                      </th>
                      <th scope="col" className="app-number">
                        {label('hoursWorked')}
                      </th>
                      {editable && <th scope="col">Actions</th>}
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((f) => (
                      <tr key={f.id}>
                        <th scope="row">{monthLabel(f.month)}</th>
                        <td className="app-number">{formatNumber(f.workers)}</td>
                        <td className="app-number">{formatHours(f.hoursWorked)}</td>
                        {editable && (
                          <td>
                            <div className="app-row-actions">
                              <Button
                                size="small"
                                priority="tertiary"
                                iconId="fr-icon-edit-line"
                                onClick={() => edit(f)}
                                title={`Modifier le relevé de ${monthLabel(f.month)}`}
                              >
                                Modifier
                              </Button>
                              <ConfirmButton
                                size="small"
                                priority="tertiary"
                                title={`Supprimer le relevé de ${monthLabel(f.month)} ?`}
                                confirmLabel="Supprimer le relevé"
                                onConfirm={() => removal.run(() => removeWorkshopFigures(ctx, f.id))}
                              >
                                Supprimer
                              </ConfirmButton>
                            </div>
                          </td>
                        )}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
          </div>
        </div>
      )}
      {editable && (
        <form onSubmit={form.onSubmit} noValidate aria-labelledby="figure-form-title">
          <h3 id="figure-form-title" className="fr-h6">
            Saisir ou corriger un mois
          </h3>
          <FormFailure message={form.failure} />
          {saved && <Alert className="fr-mb-2w" severity="success" small description={saved} />}
          <div className="app-inline-fields">
            <Input
              label={required(label('month'))}
              hintText="Un mois déjà saisi est remplacé"
              {...fieldState(errors.month)}
              nativeInputProps={{ ...register('month'), type: 'month' }}
            />
            <Input
              label={required(label('workers'))}
              hintText="Personnes ayant travaillé dans le mois"
              {...fieldState(errors.workers)}
              nativeInputProps={{ ...register('workers'), inputMode: 'numeric', autoComplete: 'off' }}
            />
            <Input
              label={required(label('hoursWorked'))}
              hintText="Ex. 1 240,5"
              {...fieldState(errors.hoursWorked)}
              nativeInputProps={{ ...register('hoursWorked'), inputMode: 'decimal', autoComplete: 'off' }}
            />
            <Button type="submit" iconId="fr-icon-save-line" disabled={isSubmitting}>
              Enregistrer le relevé
            </Button>
          </div>
        </form>
      )}
    </section>
  );
}
