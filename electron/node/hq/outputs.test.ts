import { describe, expect, it } from 'vitest';
import { hqFixture, siteFixture } from '../../../test/support/sync.ts';
import { centralCsvFiles } from './outputs.ts';

describe('central export as CSV', () => {
  it('labels every site with the DISP of its département', async () => {
    const hq = await hqFixture();
    for (const site of [
      await siteFixture({ code: 'SPIP-57', name: 'SPIP de la Moselle', departement: '57' }),
      await siteFixture({ kind: 'etablissement', code: 'CP-LILLE', name: 'CP de Lille', departement: '59' }),
      await siteFixture({ code: 'SPIP-974', name: 'SPIP de La Réunion', departement: '974' }),
    ]) {
      expect(hq.import(await site.export(hq.pub)).status).toBe('accepted');
    }
    const csv = new TextDecoder().decode(centralCsvFiles(hq.store).find((f) => f.name === 'sites.csv')!.bytes);
    const [header, ...lines] = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(header!.split(';')).toEqual(['siteId', 'code', 'nom', 'type', 'departement', 'disp', 'derniereHorloge', 'remplace']);
    const codeDepartementDisp = lines.map((l) => l.split(';')).map((cells) => [cells[1], cells[4], cells[5]]);
    expect(codeDepartementDisp.sort()).toEqual([
      ['CP-LILLE', '59', 'DISP de Lille'],
      ['SPIP-57', '57', 'DISP de Strasbourg'],
      ['SPIP-974', '974', 'Mission des services pénitentiaires de l’outre-mer'],
    ]);
  });
});
