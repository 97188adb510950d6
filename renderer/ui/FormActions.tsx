import { Button } from '@codegouvfr/react-dsfr/Button';

/** A form's buttons: save (disabled while it saves) and cancel, back to where the form was opened from. */
export function FormActions({ cancel, submitting, label = 'Enregistrer' }: { cancel: string; submitting: boolean; label?: string | undefined }) {
  return (
    <ul className="fr-btns-group fr-btns-group--inline fr-btns-group--icon-left">
      <li>
        <Button type="submit" iconId="fr-icon-save-line" disabled={submitting}>
          {label}
        </Button>
      </li>
      <li>
        <Button priority="secondary" linkProps={{ to: cancel }}>
          Annuler
        </Button>
      </li>
    </ul>
  );
}
