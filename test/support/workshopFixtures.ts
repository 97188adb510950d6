import { v7 as uuidv7 } from 'uuid';
import type { RepoContext } from '../../shared/repos/context.ts';
import { writeTransaction } from '../../shared/repos/writer.ts';
import type { Measure, MeasureInput } from '../../shared/schemas/measure.ts';
import type { Person, PersonInput } from '../../shared/schemas/person.ts';
import type { ProgrammeInput } from '../../shared/schemas/programme.ts';
import { requiredTigThemes, type SessionInput } from '../../shared/schemas/session.ts';

let personCount = 0;

export async function addPerson(ctx: RepoContext, overrides: Partial<PersonInput> = {}): Promise<Person> {
  personCount += 1;
  return writeTransaction(ctx, (w) =>
    w.insert('person', {
      lastName: `Personne${personCount}`,
      firstName: 'Alex',
      birthDate: '1995-04-12',
      caseNumber: `DOS-${personCount}`,
      ...overrides,
    }),
  );
}

export async function addMeasure(ctx: RepoContext, personId: string, overrides: Partial<MeasureInput> = {}): Promise<Measure> {
  return writeTransaction(ctx, (w) =>
    w.insert('measure', {
      personId,
      kind: 'tig_peine',
      jurisdiction: 'Tribunal judiciaire de Nancy',
      decisionDate: '2026-06-01',
      offenceDate: '2026-01-10',
      offenceCategory: 'delit',
      hoursOrdered: 70,
      periodStart: '2026-06-15',
      periodMonths: 18,
      suspensions: [],
      status: 'en_cours',
      ...overrides,
    }),
  );
}

export const tigProgrammeInput: ProgrammeInput = {
  kind: 'tig_pedagogique',
  title: 'TIG pédagogique avec ECTI',
  domain: 'insertion_emploi',
  milieu: 'ouvert',
  places: 3,
};

/** Monday 16 to Friday 20 November 2026: before the test clock (25 November 2026). */
export const fiveDays = ['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20'];

export function tigSessionInput(programmeId: string, days: string[] = fiveDays): SessionInput {
  return {
    programmeId,
    startDate: days[0]!,
    endDate: days[days.length - 1]!,
    days,
    hoursPerDay: 6,
    facilitator: 'Bénévole ECTI',
    themes: [...requiredTigThemes],
  };
}

/**
 * Put a record into the database as sync would deliver it from another site: with that site's id and
 * clock, outside the repositories (which refuse to write for another site).
 */
export async function receiveFromElsewhere<T extends object>(
  ctx: RepoContext,
  table: 'partners' | 'agreements' | 'programmes',
  fields: T,
  siteId = uuidv7(),
): Promise<T & { id: string; siteId: string }> {
  const record = { ...fields, id: uuidv7(), siteId, updatedAt: '2026-01-05T09:00:00.000Z-0000-hq', updatedBy: 'Siège ATIGIP' };
  await ctx.db.table(table).add(record);
  return record;
}
