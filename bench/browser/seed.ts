import { LOGGED_COUNT, type ChangeEntry, type HourTotal } from '../../shared/db/rows.ts';
import type { PasserelleDb } from '../../shared/db/database.ts';
import type { HourLog } from '../../shared/schemas/hourLog.ts';
import type { Measure, MeasureStatus } from '../../shared/schemas/measure.ts';
import type { Organisation } from '../../shared/schemas/organisation.ts';
import type { Person } from '../../shared/schemas/person.ts';
import type { Placement } from '../../shared/schemas/placement.ts';
import type { Post } from '../../shared/schemas/post.ts';
import { activityDomains } from '../../shared/schemas/post.ts';
import { encodeHlc, type HlcTime } from '../../shared/db/hlc.ts';

export interface SeedSize {
  persons: number;
  measures: number;
  hourLogs: number;
}

/**
 * A site database at the sizes the domain sets, written straight into the tables (the repositories would take
 * hours for 1.5 million hour logs): records as the repositories store them, one change-log row per record,
 * and the running hour sums the repositories keep. Deterministic: the same size gives the same rows.
 */
export async function seedSite(
  db: PasserelleDb,
  size: SeedSize,
  today: string,
  onProgress: (done: string) => void,
): Promise<{ busiestPersonId: string; openMeasure: Measure; openPlacement: Placement }> {
  let seed = 7;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)]!;
  const siteId = '01900000-0000-7000-8000-000000000001';
  const deviceId = '01900000-0000-7000-8000-000000000002';
  let clock: HlcTime = { wall: Date.parse('2024-01-01T08:00:00Z'), counter: 0 };
  const nextClock = () => {
    clock = { wall: clock.wall + 1000, counter: 0 };
    return encodeHlc(clock, deviceId);
  };
  let n = 0;
  const id = () => `01900000-0000-7000-8000-${(n++).toString(16).padStart(12, '0')}`;
  const stamp = () => ({ id: id(), siteId, updatedAt: nextClock(), updatedBy: 'Banc d’essai' });
  const changes: ChangeEntry[] = [];
  let logged = 0;
  const logChange = (entity: ChangeEntry['entity'], record: { id: string; updatedAt: string }, fields: Record<string, unknown>) => {
    changes.push({ entity, recordId: record.id, op: 'create', clock: record.updatedAt, siteId, deviceId, by: 'Banc d’essai', fields });
    logged++;
  };

  const flush = async <T>(table: string, rows: T[]) => {
    for (let i = 0; i < rows.length; i += 20_000) await db.table(table).bulkAdd(rows.slice(i, i + 20_000));
  };

  await db.meta.put({
    key: 'identity',
    value: {
      kind: 'spip',
      code: 'SPIP-BENCH',
      name: 'SPIP banc d’essai',
      departement: '54',
      userName: 'Banc d’essai',
      siteId,
      deviceId,
      createdAt: '2024-01-01T08:00:00.000Z',
    },
  });
  await db.meta.put({ key: 'setup.done', value: true });

  const organisations: Organisation[] = [];
  for (let i = 0; i < 1000; i++) {
    const o: Organisation = { ...stamp(), name: `Structure ${i}`, kind: 'organisme_public', communeName: 'Nancy', departement: '54' };
    organisations.push(o);
    logChange('organisation', o, o);
  }
  const posts: Post[] = [];
  for (let i = 0; i < 3000; i++) {
    const p: Post = {
      ...stamp(),
      organisationId: organisations[i % organisations.length]!.id,
      tutorIds: [],
      title: `Poste ${i}`,
      domain: pick(activityDomains),
      communeName: 'Nancy',
      departement: '54',
      capacity: 3,
      openToMinors: false,
      accessiblePmr: true,
      active: true,
    };
    posts.push(p);
    logChange('post', p, p);
  }
  await flush('organisations', organisations);
  await flush('posts', posts);
  onProgress('structures et postes');

  const persons: Person[] = [];
  for (let i = 0; i < size.persons; i++) {
    const p: Person = {
      ...stamp(),
      lastName: `Nom${i}`,
      firstName: pick(['Hélène', 'Léo', 'Anaïs', 'Jérôme', 'Chloé', 'Loïc']),
      birthDate: `19${60 + Math.floor(random() * 45)}-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)}`,
      caseNumber: `D-${i}`,
      communeName: 'Nancy',
      departement: '54',
    };
    persons.push(p);
    logChange('person', p, p);
  }
  await flush('persons', persons);
  onProgress('personnes');

  const measures: Measure[] = [];
  const placements: Placement[] = [];
  const totals = new Map<string, number>();
  const add = (key: string, hours: number) => totals.set(key, (totals.get(key) ?? 0) + hours);
  const logsPerMeasure = Math.floor(size.hourLogs / size.measures);
  let logs: HourLog[] = [];
  let busiestPersonId = persons[0]!.id;
  for (let i = 0; i < size.measures; i++) {
    const person = persons[i % persons.length]!;
    if (i === size.measures - 1) busiestPersonId = person.id;
    const year = 2024 + (i % 3);
    const open = i % 10 === 0;
    const status: MeasureStatus = open ? 'en_cours' : 'terminee';
    const periodStart = `${year}-0${1 + (i % 9)}-01`;
    const m: Measure = {
      ...stamp(),
      personId: person.id,
      kind: 'tig_peine',
      jurisdiction: 'Tribunal judiciaire de Nancy',
      decisionDate: periodStart,
      offenceDate: periodStart,
      offenceCategory: 'delit',
      hoursOrdered: open ? logsPerMeasure * 4 + 100 : logsPerMeasure * 4,
      periodStart,
      periodMonths: 18,
      suspensions: [],
      status,
      ...(open ? {} : { endedOn: `${year}-12-31` }),
    };
    measures.push(m);
    logChange('measure', m, m);
    const post = posts[i % posts.length]!;
    const pl: Placement = {
      ...stamp(),
      measureId: m.id,
      postId: post.id,
      personId: person.id,
      startDate: periodStart,
      plannedEnd: `${year}-12-31`,
      status: open ? 'en_cours' : 'terminee',
    };
    placements.push(pl);
    logChange('placement', pl, pl);
    for (let d = 0; d < logsPerMeasure; d++) {
      const month = String(1 + ((i + d) % 9) + 0).padStart(2, '0');
      const date = `${year}-${month}-${String(1 + (d % 28)).padStart(2, '0')}`;
      const log: HourLog = { ...stamp(), measureId: m.id, personId: person.id, placementId: pl.id, date, hours: 4, confirmedByTutor: true };
      logs.push(log);
      logChange('hourLog', log, log);
      add(`measure:${m.id}`, 4);
      add(`month:${date.slice(0, 7)}`, 4);
    }
    if (logs.length >= 100_000) {
      await flush('hourLogs', logs);
      await flush('changes', changes.splice(0));
      logs = [];
      onProgress(`heures : ${i + 1} mesures sur ${size.measures}`);
    }
  }
  await flush('hourLogs', logs);
  await flush('measures', measures);
  await flush('placements', placements);
  await flush('changes', changes.splice(0));
  // Each log of a measure falls on its own day, so a measure's days worked are its log count.
  const hourTotals: HourTotal[] = [...totals].map(([key, hours]) => (key.startsWith('measure:') ? { key, hours, days: logsPerMeasure } : { key, hours }));
  await flush('hourTotals', hourTotals);
  await db.meta.put({ key: 'hlc', value: clock });
  // The counter the writer keeps beside the change log it writes.
  await db.meta.put({ key: LOGGED_COUNT, value: logged });
  onProgress('terminé');
  const openMeasure = measures.find((m) => m.status === 'en_cours' && m.periodStart.startsWith(today.slice(0, 4)))!;
  const openPlacement = placements.find((p) => p.measureId === openMeasure.id)!;
  return { busiestPersonId, openMeasure, openPlacement };
}
