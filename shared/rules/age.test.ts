import { describe, expect, it } from 'vitest';
import { ageOn, isMinorOn, minorPostError, tigAgeError } from './age.ts';

describe('age', () => {
  it('counts completed years', () => {
    expect(ageOn('2010-05-20', '2026-05-19')).toBe(15);
    expect(ageOn('2010-05-20', '2026-05-20')).toBe(16);
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
  });

  it('requires 16 on the offence date for a TIG', () => {
    expect(tigAgeError('tig_peine', '2010-05-20', '2026-05-20')).toBeUndefined();
    expect(tigAgeError('tig_peine', '2010-05-20', '2026-05-19')).toMatch(/au moins 16 ans au moment des faits \(15 ans le 19\/05\/2026\)/);
    expect(tigAgeError('sursis_probatoire_tig', '2011-01-01', '2026-05-19')).toMatch(/16 ans/);
  });

  it('does not apply the TIG age to the other measures', () => {
    expect(tigAgeError('reparation_penale', '2012-01-01', '2026-05-19')).toBeUndefined();
    expect(tigAgeError('stage', '2012-01-01', '2026-05-19')).toBeUndefined();
  });

  it('calls a person under 18 a minor', () => {
    expect(isMinorOn('2008-11-25', '2026-11-24')).toBe(true);
    expect(isMinorOn('2008-11-25', '2026-11-25')).toBe(false);
  });

  it('keeps minors off posts not open to them', () => {
    expect(minorPostError('2009-06-01', '2026-11-25', false)).toMatch(/mineure le 25\/11\/2026 \(17 ans\) : ce poste n’est pas ouvert aux mineurs/);
    expect(minorPostError('2009-06-01', '2026-11-25', true)).toBeUndefined();
    expect(minorPostError('2008-06-01', '2026-11-25', false)).toBeUndefined();
  });
});
