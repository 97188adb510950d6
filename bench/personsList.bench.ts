/**
 * The persons list joins every person with their measures (count, current status, nearest open deadline)
 * in the renderer, on each change of either list: it must stay well under a frame budget of a few hundred
 * milliseconds at the sizes of a large SPIP.
 */
import { type Bench, check, row, timeRuns } from './harness.ts';
import type { MeasureRow } from '../shared/repos/measures.ts';
import type { PersonRow } from '../shared/repos/persons.ts';
import { deadlineInfo } from '../shared/rules/deadline.ts';
import { measureStatuses } from '../shared/schemas/measure.ts';
import { personListRows } from '../renderer/features/persons/personRows.ts';

const PERSONS = 50_000;
const MEASURES = 60_000;
const TODAY = '2026-11-25';

let seed = 7;
const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;

const stamp = { siteId: 's', updatedAt: 'h', updatedBy: 'u' };
const persons: PersonRow[] = Array.from({ length: PERSONS }, (_, i) => ({
  ...stamp,
  id: `p${i}`,
  lastName: `Nom${i}`,
  firstName: 'Prénom',
  birthDate: '1990-01-01',
  caseNumber: `2026/${i}`,
  communeName: 'Nancy',
  counsellor: 'Camille Martin',
  age: 36,
  measures: [],
}));
const measures: MeasureRow[] = Array.from({ length: MEASURES }, (_, i) => {
  const periodStart = `2026-${String(1 + Math.floor(next() * 12)).padStart(2, '0')}-01`;
  const status = measureStatuses[Math.floor(next() * measureStatuses.length)]!;
  const period = { periodStart, periodMonths: 12, suspensions: [] };
  return {
    ...stamp,
    id: `m${i}`,
    personId: `p${i % PERSONS}`,
    kind: 'tig_peine',
    jurisdiction: 'Tribunal correctionnel de Nancy',
    decisionDate: '2025-12-01',
    offenceDate: '2025-06-01',
    offenceCategory: 'delit',
    hoursOrdered: 70,
    ...period,
    status,
    personName: `NOM${i} Prénom`,
    caseNumber: `2026/${i}`,
    deadline: deadlineInfo(period, TODAY),
    hoursDone: 35,
    progress: { unit: 'hours', ordered: 70, done: 35, remaining: 35 },
  };
});

const bench: Bench = {
  title: 'Persons list rows (measures per person, status, nearest deadline)',
  run: async () => {
    let rows = personListRows(persons, measures);
    const times = await timeRuns(() => (rows = personListRows(persons, measures)));
    check(rows.length === PERSONS, `${rows.length} lignes au lieu de ${PERSONS}`);
    check(rows.reduce((n, r) => n + r.measureCount, 0) === MEASURES, 'chaque mesure est comptée une fois');
    return [
      row('join persons and measures', `${PERSONS.toLocaleString('en')} persons, ${MEASURES.toLocaleString('en')} measures`, times, 'ms', { atMost: 200 }),
    ];
  },
};
export default bench;
