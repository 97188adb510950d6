import { describe, expect, it } from 'vitest';
import { emptySearch, readSearchParams, toPostSearch, writeSearchParams, type PostSearchForm } from './postSearch.ts';

const today = '2026-11-25';

describe('post search in the address', () => {
  it('round-trips every criterion and leaves the defaults out', () => {
    const form: PostSearchForm = {
      domain: 'espaces_verts',
      departement: '54',
      communeName: 'Vandœuvre-lès-Nancy',
      communeCode: '54547',
      minors: 'oui',
      pmr: 'non',
      on: '2026-12-01',
      freeOnly: true,
      includeInactive: true,
    };
    const params = writeSearchParams(form, today);
    expect(readSearchParams(new URLSearchParams(params.toString()), today)).toEqual(form);
    expect(writeSearchParams(emptySearch(today), today).toString()).toBe('');
    expect(writeSearchParams({ ...emptySearch(today), on: today }, today).has('date')).toBe(false);
  });

  it('falls back to all and today on unknown or malformed values', () => {
    const read = readSearchParams(new URLSearchParams('domaine=peinture&mineurs=peut-etre&date=2026-02-31&libres=oui'), today);
    expect(read).toEqual(emptySearch(today));
  });

  it('searches the commune by code once chosen from the list, by name when typed, and counts places on the date', () => {
    const base = emptySearch(today);
    expect(toPostSearch(base)).toEqual({ activeOnly: true, on: today });
    expect(toPostSearch({ ...base, communeName: 'Nancy', communeCode: '54395' })).toMatchObject({ communeCode: '54395' });
    expect(toPostSearch({ ...base, communeName: ' Nancy ' })).toMatchObject({ communeName: 'Nancy' });
    expect(toPostSearch({ ...base, communeName: ' ', communeCode: '54395' })).not.toHaveProperty('communeCode');
    expect(toPostSearch({ ...base, minors: 'non', pmr: 'oui', freeOnly: true, includeInactive: true, on: '2027-01-04' })).toEqual({
      openToMinors: false,
      accessiblePmr: true,
      minFreePlaces: 1,
      activeOnly: false,
      on: '2027-01-04',
    });
  });
});
