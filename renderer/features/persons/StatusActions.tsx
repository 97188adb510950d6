import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useState } from 'react';
import { formatDate, todayIso } from '../../../shared/format/fr.ts';
import type { RepoContext } from '../../../shared/repos/context.ts';
import { expireMeasure, resumeMeasure, revokeMeasure, suspendMeasure, transferMeasure } from '../../../shared/repos/measures.ts';
import type { MeasureView } from '../../../shared/repos/persons.ts';
import { canTransition, isEnded } from '../../../shared/rules/measureStatus.ts';
import type { Measure } from '../../../shared/schemas/measure.ts';
import { useRepo } from '../../app/index.ts';
import { fieldState } from '../../ui/forms.ts';
import { DateAction, ModalButtons, useActionModal, useModalSubmit, type ModalAction } from './ActionModal.tsx';

/** The status actions a measure offers, as its status machine allows them. */
export type StatusAction = 'suspend' | 'resume' | 'revoke' | 'transfer' | 'expire';

export function statusActions(view: Pick<MeasureView, 'measure' | 'deadline'>): StatusAction[] {
  const { status } = view.measure;
  const actions: StatusAction[] = [];
  if (status !== 'suspendue' && canTransition(status, 'suspendue')) actions.push('suspend');
  if (status === 'suspendue') actions.push('resume');
  if (canTransition(status, 'revoquee')) actions.push('revoke');
  if (canTransition(status, 'transferee')) actions.push('transfer');
  if (!isEnded(status) && view.deadline.passed) actions.push('expire');
  return actions;
}

const today = (ctx: RepoContext) => todayIso(ctx.clock.now());

export function statusActionModal(ctx: RepoContext, action: StatusAction, measure: Measure): ModalAction {
  switch (action) {
    case 'suspend':
      return { title: 'Suspendre la mesure', render: (close) => <SuspendForm measure={measure} close={close} /> };
    case 'resume':
      return {
        title: 'Reprendre la mesure',
        render: (close) => (
          <DateAction
            label="Date de reprise"
            hint="Premier jour où le travail reprend ; la suspension prend fin la veille."
            initial={today(ctx)}
            submitLabel="Reprendre la mesure"
            onSubmit={(on) => resumeMeasure(ctx, measure.id, on)}
            close={close}
          />
        ),
      };
    case 'revoke':
      return {
        title: 'Révoquer la mesure',
        render: (close) => (
          <DateAction
            label="Date de la révocation"
            initial={today(ctx)}
            submitLabel="Révoquer la mesure"
            onSubmit={(on) => revokeMeasure(ctx, measure.id, on)}
            close={close}
          >
            <p>La révocation par le juge met fin à la mesure : les mises en situation en cours sont interrompues. Ce changement est définitif.</p>
          </DateAction>
        ),
      };
    case 'transfer':
      return {
        title: 'Transférer la mesure',
        render: (close) => (
          <DateAction
            label="Date du transfert"
            initial={today(ctx)}
            submitLabel="Transférer la mesure"
            onSubmit={(on) => transferMeasure(ctx, measure.id, on)}
            close={close}
          >
            <p>Le suivi passe à un autre SPIP : la mesure prend fin ici et les mises en situation en cours sont interrompues. Ce changement est définitif.</p>
          </DateAction>
        ),
      };
    case 'expire':
      return { title: 'Constater l’échéance', render: (close) => <ExpireForm measure={measure} close={close} /> };
  }
}

const labels: Record<StatusAction, string> = {
  suspend: 'Suspendre',
  resume: 'Reprendre',
  revoke: 'Révoquer',
  transfer: 'Transférer',
  expire: 'Constater l’échéance',
};

/** The status buttons of one measure. */
export function StatusButtons({ view }: { view: MeasureView }) {
  const ctx = useRepo();
  const open = useActionModal();
  const actions = statusActions(view);
  if (actions.length === 0) return null;
  return (
    <>
      {actions.map((action) => (
        <li key={action}>
          <Button priority="secondary" size="small" onClick={() => open(statusActionModal(ctx, action, view.measure))}>
            {labels[action]}
          </Button>
        </li>
      ))}
    </>
  );
}

function SuspendForm({ measure, close }: { measure: Measure; close: () => void }) {
  const ctx = useRepo();
  const [from, setFrom] = useState(today(ctx));
  const [to, setTo] = useState('');
  const [reason, setReason] = useState('');
  const { busy, refusal, submit } = useModalSubmit(() => suspendMeasure(ctx, measure.id, { from, reason, ...(to ? { to } : {}) }), close);
  // A refused suspension is reported on the measure's list of suspensions (`suspensions.2.reason`).
  const error = (field: string) =>
    refusal && Object.entries(refusal.fields).find(([path]) => path === field || (path.startsWith('suspensions.') && path.endsWith(`.${field}`)))?.[1];
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      {refusal && <Alert severity="error" small description={refusal.message} className="fr-mb-2w" />}
      <p>Décidée par le juge de l’application des peines pour un motif grave, ou de droit pendant une incarcération. L’échéance est reportée d’autant.</p>
      <Input
        label="Début de la suspension"
        {...fieldState(error('from'))}
        nativeInputProps={{ type: 'date', value: from, onChange: (e) => setFrom(e.target.value), autoFocus: true }}
      />
      <Input
        label="Fin prévue (facultatif)"
        hintText="Laissez vide si la fin n’est pas connue : la mesure restera suspendue jusqu’à sa reprise."
        {...fieldState(error('to'))}
        nativeInputProps={{ type: 'date', value: to, onChange: (e) => setTo(e.target.value) }}
      />
      <Input
        label="Motif"
        hintText="Par exemple : incarcération, raison médicale grave"
        {...fieldState(error('reason'))}
        nativeInputProps={{ value: reason, onChange: (e) => setReason(e.target.value) }}
      />
      <ModalButtons submitLabel="Suspendre la mesure" busy={busy} onCancel={close} />
    </form>
  );
}

function ExpireForm({ measure, close }: { measure: Measure; close: () => void }) {
  const ctx = useRepo();
  const { busy, refusal, submit } = useModalSubmit(() => expireMeasure(ctx, measure.id), close);
  return (
    <form onSubmit={(e) => void submit(e)}>
      {refusal && <Alert severity="error" small description={refusal.message} className="fr-mb-2w" />}
      <p>
        Le délai d’exécution est dépassé alors que des heures restent à effectuer : la mesure devient échue à la date de son échéance. Mesure décidée le{' '}
        {formatDate(measure.decisionDate)}.
      </p>
      <ModalButtons submitLabel="Clore la mesure comme échue" busy={busy} onCancel={close} />
    </form>
  );
}
