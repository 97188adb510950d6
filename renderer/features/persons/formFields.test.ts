import { describe, expect, it } from 'vitest';
import { blank, numberOrBlank, parseFrenchNumber, requiredDate } from './formFields.ts';

describe('form fields', () => {
  it('reads numbers typed the French way, and says NaN for what is not one', () => {
    expect(parseFrenchNumber('3,5')).toBe(3.5);
    expect(parseFrenchNumber(' 3.75 ')).toBe(3.75);
    expect(parseFrenchNumber('1 234')).toBe(1234);
    expect(parseFrenchNumber('1\u202f234,5')).toBe(1234.5);
    for (const bad of ['', 'abc', '3,5h', '1e3', '3,5,5']) expect(parseFrenchNumber(bad)).toBeNaN();
  });

  it('turns blank fields into undefined', () => {
    expect(blank('  ')).toBeUndefined();
    expect(blank(undefined)).toBeUndefined();
    expect(blank(' Nancy ')).toBe('Nancy');
    expect(numberOrBlank('')).toBeUndefined();
    expect(numberOrBlank('7')).toBe(7);
  });

  it('names a missing date by its label, and a malformed one as invalid', () => {
    const date = requiredDate('Date de naissance');
    expect(date.safeParse(undefined).error?.issues[0]?.message).toBe('Date de naissance : champ obligatoire');
    expect(date.safeParse('2026-02-30').error?.issues[0]?.message).toBe('Date invalide (format attendu : jj/mm/aaaa)');
    expect(date.parse('2026-02-28')).toBe('2026-02-28');
  });
});
