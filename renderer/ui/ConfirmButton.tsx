import { Button } from '@codegouvfr/react-dsfr/Button';
import type { FrIconClassName, RiIconClassName } from '@codegouvfr/react-dsfr/fr/generatedFromCss/classNames';
import { createModal } from '@codegouvfr/react-dsfr/Modal';
import { useId, useState, type ReactNode } from 'react';
import { clearFlash } from './Flash.tsx';
import { ConfirmRefusal } from './confirmRefusal.ts';

/**
 * A button that asks first, in a DSFR modal, before a destructive action: deletions are final tombstones.
 * The modal says what will happen; "Annuler" is the default way out (Escape and the close button too).
 *
 * @example
 * <ConfirmButton title="Supprimer cette structure ?" confirmLabel="Supprimer la structure" onConfirm={remove}>
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
}: {
  /** The button's text. */
  children: string;
  title: string;
  description?: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  iconId?: FrIconClassName | RiIconClassName;
  priority?: 'primary' | 'secondary' | 'tertiary' | 'tertiary no outline';
  size?: 'small' | 'medium' | 'large';
}) {
  const reactId = useId();
  // One modal per button, created once: DSFR's script finds it by id and opens it from the button.
  const [modal] = useState(() => createModal({ id: `confirmation-${reactId.replace(/[^a-zA-Z0-9_-]/g, '')}`, isOpenedByDefault: false }));
  const [refused, setRefused] = useState(false);
  return (
    <>
      <Button priority={priority} size={size} iconId={iconId} nativeButtonProps={{ ...modal.buttonProps, type: 'button' }}>
        {children}
      </Button>
      <modal.Component
        title={title}
        titleAs="h2"
        buttons={[
          { children: 'Annuler', priority: 'secondary' },
          {
            children: confirmLabel,
            iconId,
            disabled: refused,
            onClick: () => {
              clearFlash();
              onConfirm();
            },
          },
        ]}
      >
        <ConfirmRefusal.Provider value={setRefused}>{description ?? <p>Cette opération est définitive.</p>}</ConfirmRefusal.Provider>
      </modal.Component>
    </>
  );
}
