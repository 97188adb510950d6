import communes from '@etalab/decoupage-administratif/data/communes.json' with { type: 'json' };
import departementsData from '@etalab/decoupage-administratif/data/departements.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import { chefLieuOf } from './chefsLieux.ts';

describe('chef-lieu of each département', () => {
  it('is the official one, for every département and none other', () => {
    const names = new Map(communes.filter((c) => c.type === 'commune-actuelle').map((c) => [c.code, c.nom]));
    expect(Object.keys(chefLieuOf).sort()).toEqual(departementsData.map((d) => d.code).sort());
    for (const d of departementsData) expect(chefLieuOf[d.code], d.code).toBe(names.get(d.chefLieu));
    expect(chefLieuOf['37']).toBe('Tours');
    expect(chefLieuOf['88']).toBe('Épinal');
  });
});
