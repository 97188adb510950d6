import { endedStatuses, measureStatusLabels, type MeasureStatus } from '../schemas/measure.ts';

/**
 * The life of a measure. It waits for a placement (à affecter), runs (en cours), may be suspended and resumed
 * (a suspension before any placement goes back to à affecter), and ends once: hours done (terminée), deadline
 * passed (échue), revoked by the JAP (révoquée) or transferred to another SPIP (transférée). Revocation,
 * transfer and the deadline may also end a measure that never started or is suspended. A suspended measure
 * ends as terminée when its last hours, done before the suspension, are entered late (or the hours ordered
 * are corrected down to those done). A running measure goes back to à affecter when its only placement,
 * without hours, is deleted.
 */
const transitions: Record<MeasureStatus, readonly MeasureStatus[]> = {
  a_affecter: ['en_cours', 'suspendue', 'echue', 'revoquee', 'transferee'],
  en_cours: ['a_affecter', 'suspendue', 'terminee', 'echue', 'revoquee', 'transferee'],
  suspendue: ['en_cours', 'a_affecter', 'terminee', 'echue', 'revoquee', 'transferee'],
  terminee: [],
  echue: [],
  revoquee: [],
  transferee: [],
};

export const OPEN_STATUSES: readonly MeasureStatus[] = ['a_affecter', 'en_cours', 'suspendue'];
export const ENDED_STATUSES = endedStatuses;

export function isEnded(status: MeasureStatus): boolean {
  return ENDED_STATUSES.includes(status);
}

export function allowedTransitions(from: MeasureStatus): readonly MeasureStatus[] {
  return transitions[from];
}

export function canTransition(from: MeasureStatus, to: MeasureStatus): boolean {
  return transitions[from].includes(to);
}

export function transitionError(from: MeasureStatus, to: MeasureStatus): string | undefined {
  if (canTransition(from, to)) return undefined;
  if (from === to) return `La mesure est déjà au statut « ${measureStatusLabels[from]} »`;
  return `Une mesure au statut « ${measureStatusLabels[from]} » ne peut pas passer au statut « ${measureStatusLabels[to]} »`;
}
