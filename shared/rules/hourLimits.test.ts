import { describe, expect, it } from 'vitest';
import { doneWith, hourLogErrors as issues, MAX_HOURS_PER_DAY, type HourLogFacts } from './hourLimits.ts';
import { measureDoneOf } from './ordered.ts';

const hourLogErrors = (facts: HourLogFacts) => issues(facts).map((i) => i.message);

const base: HourLogFacts = {
  date: '2026-11-20',
  hours: 7,
  today: '2026-11-25',
  placement: { startDate: '2026-11-02', plannedEnd: '2027-01-31' },
  measure: { kind: 'tig_peine', offenceCategory: 'delit', hoursOrdered: 70, periodStart: '2026-10-01', periodMonths: 12, suspensions: [] },
  personHoursThatDay: 0,
  measureDone: { hours: 0, days: new Set() },
};

describe('hour log limits', () => {
  it('accepts hours done within every limit', () => {
    expect(hourLogErrors(base)).toEqual([]);
    expect(hourLogErrors({ ...base, date: base.today, personHoursThatDay: 5, measureDone: { hours: 63, days: new Set() } })).toEqual([]);
  });

  it('names the field to correct', () => {
    expect(issues({ ...base, date: '2026-12-01', personHoursThatDay: 11 })).toEqual([
      { path: 'date', message: expect.stringMatching(/futur/) as string },
      { path: 'hours', message: expect.stringMatching(/12 heures au plus/) as string },
    ]);
  });

  it('refuses more than 12 hours on one day for one person', () => {
    expect(MAX_HOURS_PER_DAY).toBe(12);
    expect(hourLogErrors({ ...base, personHoursThatDay: 5.25 })).toEqual([
      '12 heures au plus par jour pour une même personne : 5,25 h déjà saisies le 20/11/2026, 7 h de plus dépasseraient la limite',
    ]);
    expect(hourLogErrors({ ...base, hours: 12.25 })).toHaveLength(1);
  });

  it('refuses a date in the future', () => {
    expect(hourLogErrors({ ...base, date: '2026-11-26' })).toEqual(['Le 26/11/2026 est dans le futur : on ne saisit que des heures effectuées']);
  });

  it('refuses a date outside the placement', () => {
    expect(hourLogErrors({ ...base, date: '2026-11-01' })).toEqual(['Le 01/11/2026 est en dehors de la mise en situation (du 02/11/2026 au 31/01/2027)']);
    expect(hourLogErrors({ ...base, placement: { startDate: '2026-10-01', plannedEnd: '2026-11-19' } })).toHaveLength(1);
    expect(hourLogErrors({ ...base, placement: undefined, date: '2026-10-01' })).toEqual([]);
  });

  it('refuses a date after the measure ended, or while it was suspended', () => {
    expect(hourLogErrors({ ...base, measure: { ...base.measure, endedOn: '2026-11-19' } })).toEqual([
      'La mesure a pris fin le 19/11/2026 : aucune heure après cette date',
    ]);
    expect(hourLogErrors({ ...base, measure: { ...base.measure, endedOn: '2026-11-20' } })).toEqual([]);
    expect(hourLogErrors({ ...base, measure: { ...base.measure, suspensions: [{ from: '2026-11-15' }] } })).toEqual(['La mesure est suspendue le 20/11/2026']);
  });

  it('never lets the total exceed the hours ordered', () => {
    expect(hourLogErrors({ ...base, measureDone: { hours: 63.25, days: new Set() } })).toEqual([
      'Le total dépasserait les 70 h ordonnées : 63,25 h déjà effectuées, 6,75 h restantes',
    ]);
    expect(hourLogErrors({ ...base, measureDone: { hours: 70, days: new Set() }, hours: 0.25 })).toHaveLength(1);
  });

  it('counts a measure ordered in days by the days with hours: more hours on a counted day, never one day more', () => {
    const inDays: HourLogFacts = {
      ...base,
      measure: { ...base.measure, kind: 'stage', hoursOrdered: undefined, daysOrdered: 2 },
      measureDone: { hours: 10, days: new Set(['2026-11-18', '2026-11-20']) },
    };
    expect(hourLogErrors({ ...inDays, hours: 2 })).toEqual([]);
    expect(doneWith({ ...inDays, hours: 2 })).toBe(2);
    expect(issues({ ...inDays, date: '2026-11-19' })).toEqual([
      { path: 'date', message: 'Les 2 jours ordonnés sont déjà effectués : des heures le 19/11/2026 compteraient un jour de plus' },
    ]);
    const one: HourLogFacts = { ...inDays, measure: { ...inDays.measure, daysOrdered: 1 }, measureDone: { hours: 7, days: new Set(['2026-11-18']) } };
    expect(hourLogErrors(one)).toEqual(['Le jour ordonné est déjà effectué : des heures le 20/11/2026 compteraient un jour de plus']);
    expect(doneWith({ ...inDays, measureDone: { hours: 7, days: new Set(['2026-11-18']) } })).toBe(2);
    // The hours a day ordered in days takes have no total, only the 12 hours a day.
    expect(hourLogErrors({ ...inDays, date: '2026-11-18', hours: 12 })).toEqual([]);
    expect(hourLogErrors({ ...inDays, date: '2026-11-18', hours: 12, personHoursThatDay: 4 })).toHaveLength(1);
  });

  it('keeps the hours of a TNR ordered in days within the legal maximum (art. 41-2 and 41-3 CPP)', () => {
    const tnr: HourLogFacts = {
      ...base,
      placement: undefined,
      measure: { ...base.measure, kind: 'tnr', hoursOrdered: undefined, daysOrdered: 20 },
      measureDone: { hours: 95, days: new Set(['2026-11-02']) },
    };
    expect(hourLogErrors({ ...tnr, hours: 5 })).toEqual([]);
    expect(issues({ ...tnr, hours: 5.25 })).toEqual([
      {
        path: 'hours',
        message: 'Heures : un TNR pour un délit compte 100 heures au plus (article 41-2 du code de procédure pénale) ; 95 h déjà effectuées sur cette mesure',
      },
    ]);
    const contravention = {
      ...tnr,
      measure: { ...tnr.measure, offenceCategory: 'contravention_5e' as const },
      measureDone: { hours: 28, days: new Set<string>() },
    };
    expect(hourLogErrors({ ...contravention, hours: 2 })).toEqual([]);
    expect(hourLogErrors({ ...contravention, hours: 3 })).toEqual([expect.stringMatching(/30 heures au plus \(article 41-3/)]);
  });

  it('refuses hours of a session outside the measure’s period, as placements are kept within it', () => {
    const session: HourLogFacts = { ...base, placement: undefined, measure: { ...base.measure, periodStart: '2026-11-25' }, date: '2026-11-23' };
    expect(issues(session)).toEqual([
      { path: 'date', message: 'Le délai d’exécution de la mesure commence le 25/11/2026 : des heures du 23/11/2026 ne peuvent compter sur elle' },
    ]);
    expect(hourLogErrors({ ...session, date: '2026-11-25' })).toEqual([]);
    const short = { ...session, today: '2027-03-01', measure: { ...base.measure, periodStart: '2026-10-01', periodMonths: 1 } };
    expect(hourLogErrors({ ...short, date: '2026-11-01' })).toEqual([]);
    expect(hourLogErrors({ ...short, date: '2026-11-02' })).toEqual([
      'Le délai d’exécution de la mesure a pris fin le 01/11/2026 : des heures du 02/11/2026 ne peuvent compter sur elle',
    ]);
  });

  it('reads what is done on a measure from its logs', () => {
    expect(
      measureDoneOf([
        { date: '2026-11-02', hours: 3 },
        { date: '2026-11-02', hours: 4 },
        { date: '2026-11-03', hours: 2.5 },
      ]),
    ).toEqual({ hours: 9.5, days: new Set(['2026-11-02', '2026-11-03']) });
    expect(doneWith({ ...base, measureDone: { hours: 63.25, days: new Set() } })).toBe(70.25);
  });

  it('refuses a date after the placement’s real end', () => {
    const ended = { startDate: '2026-11-02', plannedEnd: '2027-01-31', endedOn: '2026-11-19' };
    expect(hourLogErrors({ ...base, placement: ended, date: '2026-11-19' })).toEqual([]);
    expect(hourLogErrors({ ...base, placement: ended })).toEqual(['La mise en situation a pris fin le 19/11/2026 : aucune heure après cette date sur elle']);
  });
});
