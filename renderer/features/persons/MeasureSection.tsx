import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import type { AlertProps } from '@codegouvfr/react-dsfr/Alert';
import { formatDate, formatHours, formatNumber } from '../../../shared/format/fr.ts';
import { moveToBin } from '../../../shared/repos/bin.ts';
import type { MeasureView } from '../../../shared/repos/persons.ts';
import { isEnded } from '../../../shared/rules/measureStatus.ts';
import { amountWith, formatAmount, type Progress } from '../../../shared/rules/ordered.ts';
import { measureKindLabels, offenceCategoryLabels } from '../../../shared/schemas/measureKinds.ts';
import { measureStatusLabels, type MeasureStatus } from '../../../shared/schemas/measure.ts';
import { useRepo } from '../../app/index.ts';
import { attestationPath, endOfMeasurePath, interimAttestationPath, interimRefusal } from '../documents/index.ts';
import { ConfirmAction, useActionModal } from './ActionModal.tsx';
import { DeadlineText } from './DeadlineText.tsx';
import { HourLogsPanel } from './HourLogsPanel.tsx';
import { IncidentsPanel } from './IncidentsPanel.tsx';
import { PlacementsPanel } from './PlacementsPanel.tsx';
import { StatusButtons } from './StatusActions.tsx';
import { BinMessage } from '../bin/index.ts';
import { MeasureTransfer } from '../transfers/index.ts';

const statusSeverity: Record<MeasureStatus, AlertProps.Severity | 'new' | undefined> = {
  a_affecter: 'new',
  en_cours: 'info',
  suspendue: 'warning',
  terminee: 'success',
  echue: 'error',
  revoquee: 'error',
  transferee: undefined,
};

export function StatusBadge({ status }: { status: MeasureStatus }) {
  const severity = statusSeverity[status];
  return (
    <Badge as="span" small {...(severity ? { severity } : {})}>
      {measureStatusLabels[status]}
    </Badge>
  );
}

/** Hours (or days) done against ordered, as a bar and in words; a measure in days also says its hours. */
export function OrderedProgress({ progress, hoursDone, id }: { progress: Progress; hoursDone: number; id: string }) {
  const { unit, done, ordered } = progress;
  const percent = ordered > 0 ? Math.min(100, Math.round((done / ordered) * 100)) : 0;
  return (
    <div>
      <label htmlFor={id}>
        {amountWith(unit, done, 'effectué')} sur {amountWith(unit, ordered, 'ordonné')} ({formatNumber(percent)} %)
        {unit === 'days' ? `, soit ${formatHours(hoursDone)}` : ''}
      </label>
      <progress id={id} className="app-progress" max={ordered} value={Math.min(done, ordered)} />
    </div>
  );
}

/** The attestation prints once the measure ended with every hour (or day) ordered done. */
export function attestationAvailable(view: Pick<MeasureView, 'measure' | 'progress'>): boolean {
  return view.measure.status === 'terminee' && view.progress.done === view.progress.ordered;
}

/** One measure on the person page: summary, progress, deadline, status actions, placements, hours, incidents. */
export function MeasureSection({ view, personId }: { view: MeasureView; personId: string }) {
  const ctx = useRepo();
  const open = useActionModal();
  const { measure } = view;
  const ended = isEnded(measure.status);
  const titleId = `mesure-${measure.id}-titre`;

  const confirmRemove = () =>
    open({
      title: 'Supprimer la mesure',
      render: (close) => (
        <ConfirmAction
          message={
            <BinMessage entity="measure" id={measure.id} what={`La mesure « ${measureKindLabels[measure.kind]} » du ${formatDate(measure.decisionDate)}`} />
          }
          confirmLabel="Mettre la mesure à la corbeille"
          onConfirm={() => moveToBin(ctx, 'measure', measure.id)}
          close={close}
        />
      ),
    });

  return (
    <section id={`mesure-${measure.id}`} className="app-measure fr-mb-6w" aria-labelledby={titleId} tabIndex={-1}>
      <div className="app-measure__header">
        <h3 id={titleId} className="fr-h4 fr-mb-1w">
          {measureKindLabels[measure.kind]} <span className="fr-text--md fr-text--regular">· décision du {formatDate(measure.decisionDate)}</span>
        </h3>
        <StatusBadge status={measure.status} />
      </div>
      <MeasureTransfer measureId={measure.id} />
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-lg-6">
          <OrderedProgress progress={view.progress} hoursDone={view.hoursDone} id={`mesure-${measure.id}-progression`} />
          <dl className="app-definitions fr-mt-2w">
            <dt>Échéance</dt>
            <dd>
              <DeadlineText info={view.deadline} ended={ended} />
            </dd>
            {measure.endedOn && (
              <>
                <dt>Fin de mesure</dt>
                <dd>
                  {formatDate(measure.endedOn)} ({measureStatusLabels[measure.status].toLowerCase()})
                </dd>
              </>
            )}
            <dt>{view.progress.unit === 'days' ? 'Jours à effectuer' : 'Heures restantes'}</dt>
            <dd>{formatAmount(view.progress.unit, view.progress.remaining)}</dd>
          </dl>
        </div>
        <div className="fr-col-12 fr-col-lg-6">
          <dl className="app-definitions">
            <dt>Juridiction</dt>
            <dd>{measure.jurisdiction}</dd>
            <dt>Faits</dt>
            <dd>
              {offenceCategoryLabels[measure.offenceCategory]}, le {formatDate(measure.offenceDate)}
            </dd>
            <dt>Délai d’exécution</dt>
            <dd>
              {measure.periodMonths} mois à partir du {formatDate(measure.periodStart)}
            </dd>
            {measure.suspensions.length > 0 && (
              <>
                <dt>Suspensions</dt>
                <dd>
                  <ul className="fr-m-0">
                    {measure.suspensions.map((s) => (
                      <li key={s.from}>
                        du {formatDate(s.from)} {s.to ? `au ${formatDate(s.to)}` : '(en cours)'} : {s.reason}
                      </li>
                    ))}
                  </ul>
                </dd>
              </>
            )}
            {measure.notes && (
              <>
                <dt>Observations</dt>
                <dd>{measure.notes}</dd>
              </>
            )}
          </dl>
        </div>
      </div>
      <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm fr-btns-group--icon-left fr-mt-2w" aria-label="Actions sur la mesure">
        <li>
          <Button priority="secondary" size="small" iconId="fr-icon-edit-line" linkProps={{ to: `/personnes/${personId}/mesures/${measure.id}/modifier` }}>
            Modifier
          </Button>
        </li>
        <StatusButtons view={view} />
        {ended && (
          <li>
            <Button priority="secondary" size="small" iconId="fr-icon-file-text-line" linkProps={{ to: endOfMeasurePath(measure.id) }}>
              Rapport de fin de mesure
            </Button>
          </li>
        )}
        {interimRefusal(view) === undefined && (
          <li>
            <Button priority="secondary" size="small" iconId="fr-icon-printer-line" linkProps={{ to: interimAttestationPath(measure.id) }}>
              Attestation intermédiaire
            </Button>
          </li>
        )}
        {attestationAvailable(view) && (
          <li>
            <Button size="small" iconId="fr-icon-printer-line" linkProps={{ to: attestationPath(measure.id) }}>
              {view.progress.unit === 'days' ? 'Attestation de jours' : 'Attestation d’heures'}
            </Button>
          </li>
        )}
        <li>
          <Button priority="tertiary" size="small" iconId="fr-icon-delete-line" onClick={confirmRemove}>
            Supprimer la mesure
          </Button>
        </li>
      </ul>
      <PlacementsPanel view={view} personId={personId} />
      <HourLogsPanel view={view} />
      <IncidentsPanel view={view} personId={personId} />
    </section>
  );
}
