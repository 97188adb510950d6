import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { createModal } from '@codegouvfr/react-dsfr/Modal';
import { useIsModalOpen } from '@codegouvfr/react-dsfr/Modal/useIsModalOpen';
import { createContext, useCallback, useContext, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { isRealDate } from '../../../shared/format/fr.ts';
import { RepoError, errorMessage } from '../../../shared/errors.ts';
import { clearFlash } from '../../ui/Flash.tsx';
import { fieldState } from '../../ui/forms.ts';
import { ConfirmRefusal } from '../../ui/confirmRefusal.ts';

/**
 * One DSFR modal per screen for every action that needs a confirmation or a few fields (suspend, revoke,
 * delete, report to the JAP...). The screen opens it with the action's title and form; the form closes it
 * once the repository accepted the write, and keeps it open with the French refusal otherwise.
 */
const modal = createModal({ id: 'person-action', isOpenedByDefault: false });

export interface ModalAction {
  title: string;
  /** The form; `close` once the write went through. */
  render: (close: () => void) => ReactNode;
}

interface OpenAction {
  (action: ModalAction): void;
}

const ActionContext = createContext<OpenAction | null>(null);

export function useActionModal(): OpenAction {
  const open = useContext(ActionContext);
  if (!open) throw new Error('useActionModal outside ActionModalProvider');
  return open;
}

export function ActionModalProvider({ children }: { children: ReactNode }) {
  const [current, setCurrent] = useState<(ModalAction & { key: number }) | undefined>();
  const counter = useRef(0);
  useIsModalOpen(modal, { onConceal: () => setCurrent(undefined) });
  const open = useCallback((action: ModalAction) => {
    clearFlash();
    counter.current += 1;
    setCurrent({ ...action, key: counter.current });
    modal.open();
  }, []);
  const close = useCallback(() => modal.close(), []);
  return (
    <ActionContext.Provider value={open}>
      {children}
      <modal.Component title={current?.title ?? 'Action'} size="large">
        {current && <div key={current.key}>{current.render(close)}</div>}
      </modal.Component>
    </ActionContext.Provider>
  );
}

/** The refusal of a write: its field messages by field, and the whole message. */
export interface Refusal {
  message: string;
  fields: Record<string, string>;
}

export function refusalOf(error: unknown): Refusal {
  const fields: Record<string, string> = {};
  if (error instanceof RepoError) for (const issue of error.issues) if (issue.path && !fields[issue.path]) fields[issue.path] = issue.message;
  return { message: errorMessage(error), fields };
}

/** Submit and cancel buttons of a modal form; `danger` for what cannot be undone. */
export function ModalButtons({ submitLabel, busy, onCancel }: { submitLabel: string; busy: boolean; onCancel: () => void }) {
  return (
    <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--right fr-mt-3w">
      <li>
        <Button priority="secondary" type="button" onClick={onCancel}>
          Annuler
        </Button>
      </li>
      <li>
        <Button type="submit" disabled={busy}>
          {submitLabel}
        </Button>
      </li>
    </ul>
  );
}

/** Runs the write, closes on success, keeps the refusal to show it otherwise. */
export function useModalSubmit(write: () => Promise<unknown>, close: () => void, onDone?: () => void) {
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setRefusal(undefined);
    try {
      await write();
      close();
      onDone?.();
    } catch (error) {
      setRefusal(refusalOf(error));
    } finally {
      setBusy(false);
    }
  };
  return { busy, refusal, submit };
}

/** A confirmation: what will happen, said plainly, and a button naming the action. */
export function ConfirmAction({
  message,
  confirmLabel,
  onConfirm,
  close,
  onDone,
}: {
  message: ReactNode;
  confirmLabel: string;
  onConfirm: () => Promise<unknown>;
  close: () => void;
  onDone?: () => void;
}) {
  const { busy, refusal, submit } = useModalSubmit(onConfirm, close, onDone);
  const [refused, setRefused] = useState(false);
  return (
    <form onSubmit={(e) => void submit(e)}>
      {refusal && <Alert severity="error" small description={refusal.message} className="fr-mb-2w" />}
      <ConfirmRefusal.Provider value={setRefused}>
        <div>{message}</div>
      </ConfirmRefusal.Provider>
      <ModalButtons submitLabel={confirmLabel} busy={busy || refused} onCancel={close} />
    </form>
  );
}

/** An action dated by the user (resume, revoke, transfer, report to the JAP): one date, today by default. */
export function DateAction({
  label,
  hint,
  initial,
  submitLabel,
  onSubmit,
  close,
  children,
}: {
  label: string;
  hint?: string;
  initial: string;
  submitLabel: string;
  onSubmit: (date: string) => Promise<unknown>;
  close: () => void;
  children?: ReactNode;
}) {
  const [date, setDate] = useState(initial);
  const { busy, refusal, submit } = useModalSubmit(
    () =>
      isRealDate(date)
        ? onSubmit(date)
        : Promise.reject(new RepoError(`${label} : date attendue`, [{ path: 'on', message: `${label} : date attendue (jj/mm/aaaa)` }])),
    close,
  );
  const fieldError = refusal ? (refusal.fields['on'] ?? refusal.fields['reportedToJapOn'] ?? Object.values(refusal.fields)[0]) : undefined;
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      {refusal && refusal.message !== fieldError && <Alert severity="error" small description={refusal.message} className="fr-mb-2w" />}
      {children}
      <Input
        label={label}
        hintText={hint}
        {...fieldState(fieldError)}
        nativeInputProps={{ type: 'date', value: date, onChange: (e) => setDate(e.target.value), autoFocus: true, required: true }}
      />
      <ModalButtons submitLabel={submitLabel} busy={busy} onCancel={close} />
    </form>
  );
}
