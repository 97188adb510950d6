import type { MeasureRow } from '../../../shared/repos/measures.ts';
import type { PersonRow } from '../../../shared/repos/persons.ts';
import type { DeadlineInfo } from '../../../shared/rules/deadline.ts';
import { OPEN_STATUSES } from '../../../shared/rules/measureStatus.ts';
import { measureStatusLabels, type MeasureStatus } from '../../../shared/schemas/measure.ts';

/** One line of the persons list. */
export interface PersonListRow {
  id: string;
  /** `LEFÈVRE Julien`, as on every document. */
  name: string;
  birthDate: string;
  caseNumber: string;
  communeName: string;
  counsellor: string;
  measureCount: number;
  /** The status that says most about the person now (see `currentStatus`); `Sans mesure` without one. */
  statusLabel: string;
  /** The nearest deadline of the person's open measures. */
  nextDeadline: DeadlineInfo | undefined;
}

export function personName(p: { lastName: string; firstName: string }): string {
  return `${p.lastName.toUpperCase()} ${p.firstName}`;
}

const OPEN = new Set<MeasureStatus>(OPEN_STATUSES);

/** Open measures first (a running one over a suspended one over one waiting), then the last one to end. */
const STATUS_WEIGHT: Record<MeasureStatus, number> = { en_cours: 0, suspendue: 1, a_affecter: 2, terminee: 3, echue: 3, revoquee: 3, transferee: 3 };

export function currentStatus(measures: readonly Pick<MeasureRow, 'status' | 'endedOn' | 'decisionDate'>[]): MeasureStatus | undefined {
  let best: Pick<MeasureRow, 'status' | 'endedOn' | 'decisionDate'> | undefined;
  for (const m of measures) {
    if (!best) {
      best = m;
      continue;
    }
    const diff = STATUS_WEIGHT[m.status] - STATUS_WEIGHT[best.status];
    const later = (m.endedOn ?? m.decisionDate) > (best.endedOn ?? best.decisionDate);
    if (diff < 0 || (diff === 0 && later)) best = m;
  }
  return best?.status;
}

/**
 * The persons list: each person with the count of their measures, the status that matters now and the
 * nearest deadline of their open measures. One pass over each list, for 60,000 rows.
 */
export function personListRows(persons: readonly PersonRow[], measures: readonly MeasureRow[]): PersonListRow[] {
  const byPerson = new Map<string, MeasureRow[]>();
  for (const m of measures) {
    const list = byPerson.get(m.personId);
    if (list) list.push(m);
    else byPerson.set(m.personId, [m]);
  }
  return persons.map((p) => {
    const own = byPerson.get(p.id) ?? [];
    let nextDeadline: DeadlineInfo | undefined;
    for (const m of own) {
      if (OPEN.has(m.status) && (!nextDeadline || m.deadline.deadline < nextDeadline.deadline)) nextDeadline = m.deadline;
    }
    const status = currentStatus(own);
    return {
      id: p.id,
      name: personName(p),
      birthDate: p.birthDate,
      caseNumber: p.caseNumber,
      communeName: p.communeName ?? '',
      counsellor: p.counsellor ?? '',
      measureCount: own.length,
      statusLabel: status ? measureStatusLabels[status] : 'Sans mesure',
      nextDeadline,
    };
  });
}
