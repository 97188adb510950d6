import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { postalCodeOnChoice, searchCommunes, toCommune, type CommuneRow } from './communeSearch.ts';

const require = createRequire(import.meta.url);
const official = (
  JSON.parse(readFileSync(require.resolve('@etalab/decoupage-administratif/data/communes.json'), 'utf8')) as {
    code: string;
    nom: string;
    departement: string;
    type: string;
    codesPostaux?: string[];
  }[]
)
  .filter((c) => c.type === 'commune-actuelle')
  .map((c) => [c.code, c.nom, c.departement, c.codesPostaux?.[0] ?? ''] as const satisfies CommuneRow);

describe('commune search on the official list', () => {
  it('ignores case, accents and hyphens', () => {
    const found = searchCommunes(official, 'saint etienne', { departement: '42' });
    expect(found[0]).toMatchObject({ code: '42218', name: 'Saint-Étienne', departement: '42' });
  });

  it('restricts to a département and puts the shortest matching names first', () => {
    const found = searchCommunes(official, 'nancy', { departement: '54' });
    expect(found[0]).toMatchObject({ name: 'Nancy', code: '54395' });
    expect(found.every((c) => c.departement === '54')).toBe(true);
  });

  it('finds by postal code', () => {
    expect(searchCommunes(official, '54000').map((c) => c.name)).toContain('Nancy');
  });

  it('waits for two characters and caps the list', () => {
    expect(searchCommunes(official, 'n')).toEqual([]);
    expect(searchCommunes(official, 'sa', { limit: 5 })).toHaveLength(5);
  });
});

describe('postal code of a chosen commune', () => {
  const toul = toCommune(official.find((c) => c[1] === 'Toul')!);

  it('is the commune’s when none or another area’s was typed', () => {
    expect(toul.postalCode).toBe('54200');
    expect(postalCodeOnChoice('', toul)).toBe('54200');
    expect(postalCodeOnChoice('57000', toul)).toBe('54200');
    expect(postalCodeOnChoice('542', toul)).toBe('54200');
  });

  it('keeps a code of the same area typed before (a commune may have several)', () => {
    expect(postalCodeOnChoice(' 54201 ', toul)).toBe('54201');
  });

  it('keeps what was typed when the list has no code for the commune', () => {
    expect(postalCodeOnChoice('98000', { postalCode: '' })).toBe('98000');
  });
});
