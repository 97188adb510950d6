import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { hqFixture, siteFixture } from '../../../test/support/sync.ts';
import { centralCsvFiles, centralExportFile } from './outputs.ts';

describe('central export: the DISP of each site', () => {
  it('labels every site, in the NDJSON directory and in sites.csv, with the DISP of its département', async () => {
    const hq = await hqFixture();
    for (const site of [
      await siteFixture({ code: 'SPIP-57', name: 'SPIP de la Moselle', departement: '57' }),
      await siteFixture({ kind: 'etablissement', code: 'CP-LILLE', name: 'CP de Lille', departement: '59' }),
      await siteFixture({ code: 'SPIP-974', name: 'SPIP de La Réunion', departement: '974' }),
    ]) {
      expect(hq.import(await site.export(hq.pub)).status).toBe('accepted');
    }
    const expected = [
      ['CP-LILLE', '59', 'DISP de Lille'],
      ['SPIP-57', '57', 'DISP de Strasbourg'],
      ['SPIP-974', '974', 'Mission des services pénitentiaires de l’outre-mer'],
    ];

    const csv = new TextDecoder().decode(centralCsvFiles(hq.store).find((f) => f.name === 'sites.csv')!.bytes);
    const [header, ...lines] = csv.replace(/^\uFEFF/, '').trim().split('\r\n').map((l) => l.split(';'));
    const column = (name: string) => header!.indexOf(name);
    expect(column('disp')).toBeGreaterThan(0);
    expect(lines.map((cells) => [cells[column('code')], cells[column('departement')], cells[column('disp')]]).sort()).toEqual(expected);

    const ndjson = new TextDecoder().decode(gunzipSync(centralExportFile(hq.store))).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const sites = ndjson.filter((l) => l.entity === 'site').map((l) => [l.code, l.departement, l.disp]);
    expect(sites.sort()).toEqual(expected);
  });
});
