import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { formatDate } from '../../../shared/format/fr.ts';
import { habilitationStatusLabels, type HabilitationState, type HabilitationStatus } from '../../../shared/rules/habilitation.ts';

const severity: Record<HabilitationStatus, 'success' | 'warning' | 'error' | 'info' | 'new'> = {
  valide: 'success',
  expire_bientot: 'warning',
  expiree: 'error',
  retiree: 'error',
  non_requise: 'info',
  a_venir: 'new',
  aucune: 'warning',
};

/** The habilitation status as a badge, with the date that matters in words. */
export function HabilitationBadge({ state, withDate = false }: { state: HabilitationState; withDate?: boolean }) {
  return (
    <Badge as="span" small severity={severity[state.status]}>
      {withDate ? habilitationText(state) : habilitationStatusLabels[state.status]}
    </Badge>
  );
}

/** `Valide jusqu’au 31/12/2028`, `Retirée le 01/03/2026`… */
export function habilitationText(state: HabilitationState): string {
  const label = habilitationStatusLabels[state.status];
  if (!state.until) return label;
  switch (state.status) {
    case 'valide':
    case 'expire_bientot':
      return `${label} (jusqu’au ${formatDate(state.until)})`;
    case 'expiree':
      return `${label} (valable jusqu’au ${formatDate(state.until)})`;
    case 'retiree':
      return `${label} le ${formatDate(state.until)}`;
    case 'a_venir':
      return `${label} (à partir du ${formatDate(state.until)})`;
    default:
      return label;
  }
}
