import { describe, expect, it } from 'vitest';
import { labelOf } from '../schemas/labels.ts';
import { mapHeaders } from './import.ts';
import { coerceBoolean, coerceDate, coerceDepartement, coerceNumber, importFields, type ImportKind } from './importFields.ts';

describe('cells of French spreadsheets', () => {
  it('reads dates as dd/mm/yyyy and a few other spellings', () => {
    expect(coerceDate('05/03/2026')).toEqual({ value: '2026-03-05' });
    expect(coerceDate('5/3/2026')).toEqual({ value: '2026-03-05' });
    expect(coerceDate('05.03.2026')).toEqual({ value: '2026-03-05' });
    expect(coerceDate('05/03/2026 00:00:00')).toEqual({ value: '2026-03-05' });
    expect(coerceDate('2026-03-05')).toEqual({ value: '2026-03-05' });
    expect(coerceDate('31/02/2026')).toEqual({ error: '« 31/02/2026 » n’est pas une date (jj/mm/aaaa)' });
    expect(coerceDate('03/05/26')).toHaveProperty('error');
  });

  it('reads oui/non and decimal commas', () => {
    for (const yes of ['oui', 'OUI', 'O', 'x', 'Vrai', '1']) expect(coerceBoolean(yes)).toEqual({ value: true });
    for (const no of ['non', 'N', 'faux', '0']) expect(coerceBoolean(no)).toEqual({ value: false });
    expect(coerceBoolean('peut-être')).toEqual({ error: '« peut-être » : répondez oui ou non' });
    expect(coerceNumber('3,5')).toEqual({ value: 3.5 });
    expect(coerceNumber('1 234,25')).toEqual({ value: 1234.25 });
    expect(coerceNumber('1\u202f234')).toEqual({ value: 1234 });
    expect(coerceNumber('trois')).toHaveProperty('error');
  });

  it('labels every field in French, and every label or synonym finds its own field through the header mapping', () => {
    for (const kind of ['organisations', 'posts', 'persons'] as ImportKind[]) {
      const fields = importFields[kind];
      for (const f of fields) {
        expect(f.synonyms.length, f.field).toBeGreaterThan(0);
        for (const header of [f.label, ...f.synonyms]) expect(mapHeaders([header], fields).columns, `${kind} « ${header} »`).toEqual({ [f.field]: header });
      }
    }
    expect(importFields.organisations.find((f) => f.field === 'contactPhone')?.label).toBe(labelOf('organisation', 'contactPhone'));
  });

  it('reads a département by code, by name, or both', () => {
    expect(coerceDepartement('54')).toEqual({ value: '54' });
    expect(coerceDepartement('1')).toEqual({ value: '01' });
    expect(coerceDepartement('2a')).toEqual({ value: '2A' });
    expect(coerceDepartement('Meurthe-et-Moselle')).toEqual({ value: '54' });
    expect(coerceDepartement('54 – Meurthe-et-Moselle')).toEqual({ value: '54' });
    expect(coerceDepartement('971 - Guadeloupe')).toEqual({ value: '971' });
  });
});
