import { Button } from '@codegouvfr/react-dsfr/Button';
import type { FrIconClassName, RiIconClassName } from '@codegouvfr/react-dsfr/fr/generatedFromCss/classNames';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

/**
 * A modal question before a destructive or irreversible step, on the browser's own `<dialog>`: focus is
 * kept inside, Escape and "Annuler" are the way out, and the first button (the safe one) has the focus.
 */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  cancelLabel = 'Annuler',
  iconId,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  iconId?: FrIconClassName | RiIconClassName;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className="app-dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      {open && (
        <>
          <h2 id={titleId} className="fr-h5">
            {title}
          </h2>
          <div className="fr-mb-3w">{children}</div>
          <ul className="fr-btns-group fr-btns-group--inline fr-btns-group--right fr-btns-group--icon-left">
            <li>
              <Button priority="secondary" onClick={onCancel}>
                {cancelLabel}
              </Button>
            </li>
            <li>
              {iconId ? (
                <Button iconId={iconId} onClick={onConfirm}>
                  {confirmLabel}
                </Button>
              ) : (
                <Button onClick={onConfirm}>{confirmLabel}</Button>
              )}
            </li>
          </ul>
        </>
      )}
    </dialog>
  );
}

/**
 * A button that asks first: deletions are final tombstones, so the dialog says what will go.
 *
 * @example
 * <ConfirmButton title="Supprimer ce programme ?" confirmLabel="Supprimer le programme" onConfirm={remove}>
 *   Supprimer
 * </ConfirmButton>
 */
export function ConfirmButton({
  children,
  title,
  description,
  confirmLabel,
  onConfirm,
  iconId = 'fr-icon-delete-line',
  priority = 'secondary',
  size = 'medium',
  iconOnly = false,
}: {
  /** The button's text, or its accessible name (a tooltip) when `iconOnly`. */
  children: string;
  title: string;
  description?: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  iconId?: FrIconClassName | RiIconClassName;
  priority?: 'primary' | 'secondary' | 'tertiary' | 'tertiary no outline';
  size?: 'small' | 'medium' | 'large';
  iconOnly?: boolean;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      {iconOnly ? (
        <Button priority={priority} size={size} iconId={iconId} title={children} onClick={() => setOpen(true)} />
      ) : (
        <Button priority={priority} size={size} iconId={iconId} onClick={() => setOpen(true)}>
          {children}
        </Button>
      )}
      <ConfirmDialog
        open={open}
        title={title}
        confirmLabel={confirmLabel}
        iconId={iconId}
        onCancel={() => setOpen(false)}
        onConfirm={() => {
          setOpen(false);
          onConfirm();
        }}
      >
        {description ?? <p>Cette opération est définitive.</p>}
      </ConfirmDialog>
    </>
  );
}
