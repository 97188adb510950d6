import { Button } from '@codegouvfr/react-dsfr/Button';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { useState } from 'react';
import { Link } from 'react-router';
import { formatDate, todayIso } from '../../../shared/format/fr.ts';
import { endPlacement, removePlacement } from '../../../shared/repos/placements.ts';
import type { MeasureView, PlacementView } from '../../../shared/repos/persons.ts';
import { holdsPlace, lastDayOf } from '../../../shared/rules/capacity.ts';
import { isEnded } from '../../../shared/rules/measureStatus.ts';
import { monthOf } from '../../../shared/rules/calendar.ts';
import { placementStatusLabels } from '../../../shared/schemas/placement.ts';
import { useRepo } from '../../app/RepoProvider.tsx';
import { placementSheetPath, timesheetPath } from '../documents/index.ts';
import { postPath } from '../hosts/index.ts';
import { ConfirmAction, DateAction, useActionModal } from './ActionModal.tsx';

/** The month a timesheet opens on: this month while the placement runs, its last month once it is over. */
export function timesheetMonth(placement: Pick<PlacementView, 'startDate' | 'plannedEnd' | 'endedOn'>, today: string): string {
  if (today < placement.startDate) return monthOf(placement.startDate);
  const last = lastDayOf(placement);
  return monthOf(today > last ? last : today);
}

function EndPlacementForm({ placement, close }: { placement: PlacementView; close: () => void }) {
  const ctx = useRepo();
  const [status, setStatus] = useState<'terminee' | 'interrompue'>('terminee');
  return (
    <DateAction
      label="Dernier jour de la mise en situation"
      hint="La place sur le poste est libérée dès le lendemain."
      initial={todayIso(ctx.clock.now())}
      submitLabel="Mettre fin à la mise en situation"
      onSubmit={(on) => endPlacement(ctx, placement.id, on, status)}
      close={close}
    >
      <RadioButtons
        legend="Comment se termine-t-elle ?"
        orientation="horizontal"
        options={[
          { label: 'Terminée comme prévu', nativeInputProps: { checked: status === 'terminee', onChange: () => setStatus('terminee') } },
          { label: 'Interrompue', nativeInputProps: { checked: status === 'interrompue', onChange: () => setStatus('interrompue') } },
        ]}
      />
    </DateAction>
  );
}

export function PlacementsPanel({ view, personId }: { view: MeasureView; personId: string }) {
  const ctx = useRepo();
  const open = useActionModal();
  const { measure, placements } = view;
  const today = todayIso(ctx.clock.now());
  const canPlace = !isEnded(measure.status) && measure.status !== 'suspendue';
  const newPlacement = `/personnes/${personId}/mesures/${measure.id}/mise-en-situation`;
  const headingId = `mesure-${measure.id}-mises`;

  const confirmRemove = (p: PlacementView) =>
    open({
      title: 'Supprimer la mise en situation',
      render: (close) => (
        <ConfirmAction
          message={
            <p>
              La mise en situation sur le poste « {p.postTitle} » ({p.organisationName}) du {formatDate(p.startDate)} sera supprimée. Une mise en
              situation déjà commencée se termine plutôt qu’elle ne se supprime.
            </p>
          }
          confirmLabel="Supprimer"
          onConfirm={() => removePlacement(ctx, p.id)}
          close={close}
        />
      ),
    });

  return (
    <section aria-labelledby={headingId} className="fr-mt-4w">
      <div className="app-subheader">
        <h4 id={headingId} className="fr-h6 fr-mb-1w">
          Mises en situation
        </h4>
        {canPlace && (
          <Button size="small" iconId="fr-icon-add-line" linkProps={{ to: newPlacement }}>
            Nouvelle mise en situation
          </Button>
        )}
      </div>
      {placements.length === 0 ? (
        <p className="fr-text--sm">
          {canPlace ? 'Aucune mise en situation : choisissez un poste de TIG pour commencer la mesure.' : 'Aucune mise en situation.'}
        </p>
      ) : (
        <div className="fr-table fr-table--sm fr-table--no-caption fr-mb-0">
          <div className="fr-table__wrapper">
            <div className="fr-table__container">
              <div className="fr-table__content">
                <table>
                  <caption>Mises en situation de la mesure</caption>
                  <thead>
                    <tr>
                      <th scope="col">Poste</th>
                      <th scope="col">Structure et tuteur</th>
                      <th scope="col">Du</th>
                      <th scope="col">Au (prévu)</th>
                      <th scope="col">Statut</th>
                      <th scope="col">Actions</th>
                    </tr>
                  </thead>
                  <tbody>
                    {placements.map((p) => (
                      <tr key={p.id}>
                        <td>
                          <Link to={postPath(p.postId)}>{p.postTitle}</Link>
                        </td>
                        <td>
                          {p.organisationName}
                          {p.tutorNames.length > 0 && <span className="fr-text--xs fr-mb-0 app-block">tuteur : {p.tutorNames.join(', ')}</span>}
                        </td>
                        <td>{formatDate(p.startDate)}</td>
                        <td>{formatDate(p.plannedEnd)}</td>
                        <td>{placementStatusLabels[p.status]}</td>
                        <td>
                          <div className="app-cell-actions" role="group" aria-label={`Actions sur la mise en situation « ${p.postTitle} »`}>
                            <Button priority="tertiary no outline" size="small" linkProps={{ to: placementSheetPath(measure.id, p.id) }}>
                              Fiche
                            </Button>
                            <Button priority="tertiary no outline" size="small" linkProps={{ to: timesheetPath(measure.id, p.id, timesheetMonth(p, today)) }}>
                              Feuille de présence
                            </Button>
                            {holdsPlace(p.status) && (
                            <>
                                <Button priority="tertiary no outline" size="small" linkProps={{ to: `/personnes/${personId}/mesures/${measure.id}/mises-en-situation/${p.id}/modifier` }}>
                                  Modifier
                                </Button>
                                <Button priority="tertiary no outline" size="small" onClick={() => open({ title: 'Mettre fin à la mise en situation', render: (close) => <EndPlacementForm placement={p} close={close} /> })}>
                                  Terminer
                                </Button>
                            </>
                            )}
                            <Button priority="tertiary no outline" size="small" onClick={() => confirmRemove(p)}>
                              Supprimer
                            </Button>
                          </div>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
          </div>
        </div>
      )}
    </section>
  );
}
