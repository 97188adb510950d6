import { describe, expect, it } from 'vitest';
import { departementsOfDisp, dispLabelOfDepartement, dispLabelOfSite, dispOfDepartement, disps } from './disp.ts';
import { departements } from './geo.ts';

const metropolitan = departements.filter((d) => d.code.length === 2).map((d) => d.code);

describe('DISP of a département', () => {
  it('puts every metropolitan département in exactly one DISP', () => {
    expect(metropolitan).toHaveLength(96);
    for (const code of metropolitan) {
      const holders = disps.filter((disp) => departementsOfDisp[disp].includes(code));
      expect(holders, `département ${code}`).toHaveLength(1);
    }
  });

  it('names only official départements, the overseas départements and collectivities under the overseas mission', () => {
    const official = new Set(departements.map((d) => d.code));
    const listed = disps.flatMap((disp) => departementsOfDisp[disp]);
    expect(listed.filter((code) => !official.has(code))).toEqual([]);
    expect(new Set(listed).size).toBe(listed.length);
    expect(departementsOfDisp.outre_mer).toEqual(['971', '972', '973', '974', '975', '976', '977', '978', '986', '987', '988']);
  });

  it('answers the DISP of a département, and nothing for a code it does not cover', () => {
    expect(dispOfDepartement('54')).toBe('strasbourg');
    expect(dispOfDepartement('2A')).toBe('marseille');
    expect(dispOfDepartement('02')).toBe('lille');
    expect(dispOfDepartement('76')).toBe('rennes');
    expect(dispOfDepartement('90')).toBe('dijon');
    expect(dispOfDepartement('15')).toBe('lyon');
    expect(dispOfDepartement('48')).toBe('toulouse');
    expect(dispOfDepartement('87')).toBe('bordeaux');
    expect(dispOfDepartement('95')).toBe('paris');
    expect(dispLabelOfDepartement('974')).toBe('Mission des services pénitentiaires de l’outre-mer');
    expect(dispLabelOfDepartement('59')).toBe('DISP de Lille');
    for (const code of ['975', '977', '978', '986', '987', '988']) expect(dispOfDepartement(code), code).toBe('outre_mer');
    expect(dispLabelOfDepartement('987')).toBe('Mission des services pénitentiaires de l’outre-mer');
    expect(dispOfDepartement('984')).toBeUndefined();
    expect(dispOfDepartement('989')).toBeUndefined();
    expect(dispLabelOfDepartement('20')).toBe('');
  });

  it('counts a SPIP, an establishment or a PJJ unit in the DISP of its département, headquarters in none', () => {
    expect(dispLabelOfSite({ kind: 'spip', departement: '57' })).toBe('DISP de Strasbourg');
    expect(dispLabelOfSite({ kind: 'etablissement', departement: '33' })).toBe('DISP de Bordeaux');
    expect(dispLabelOfSite({ kind: 'pjj', departement: '13' })).toBe('DISP de Marseille');
    expect(dispLabelOfSite({ kind: 'atigip', departement: '75' })).toBe('');
  });
});
