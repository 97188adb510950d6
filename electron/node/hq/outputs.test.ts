import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { writeTransaction } from '../../../shared/repos/writer.ts';
import { siteLine } from '../../../shared/sync/centralExport.ts';
import { bundleFileName } from '../../../shared/sync/bundle.ts';
import { hqFixture, siteFixture } from '../../../test/support/sync.ts';
import { exportFrom, office } from '../../../test/support/workstations.ts';
import { centralCsvFiles, centralExportFile, centralNdjsonFiles, centralSiteDirectory, hqSiteRows } from './outputs.ts';
import { createOrganisation } from '../../../shared/repos/organisations.ts';
import { csvFileName } from '../../../shared/sync/centralExport.ts';
import { CODES_FILE, dataDictionary, DICTIONARY_FILE, NDJSON_FILE } from '../../../shared/sync/dictionary.ts';
import { isEntityName } from '../../../shared/schemas/entities.ts';
import { seedPlacement } from '../../../test/support/tig.ts';

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
    const [header, ...lines] = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
      .map((l) => l.split(';'));
    const column = (name: string) => header!.indexOf(name);
    expect(column('disp')).toBeGreaterThan(0);
    expect(lines.map((cells) => [cells[column('code')], cells[column('departement')], cells[column('disp')]]).sort()).toEqual(expected);

    const ndjson = new TextDecoder()
      .decode(gunzipSync(centralExportFile(hq.store)))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const sites = ndjson.filter((l) => l.entity === 'site').map((l) => [l.code, l.departement, l.disp]);
    expect(sites.sort()).toEqual(expected);
  });
});

describe('the Sites tab and the central export name the same last bundle', () => {
  it('shows the latest bundle, received when it arrived, whatever the order of import', async () => {
    const hq = await hqFixture();
    const site = await siteFixture({ code: 'SPIP-57', name: 'SPIP de la Moselle', departement: '57' });
    const exportedAt = ['2026-11-23T09:00:00.000Z', '2026-11-24T09:00:00.000Z', '2026-11-25T09:00:00.000Z'];
    const bundles = [];
    for (const [i, at] of exportedAt.entries()) {
      site.ctx.clock.set(at);
      await writeTransaction(site.ctx, (w) =>
        w.insert('organisation', { name: `Mairie ${i + 1}`, kind: 'collectivite_territoriale', communeName: 'Metz', departement: '57' }),
      );
      bundles.push(await site.export(hq.pub));
    }
    expect(bundles.map((b) => b.name)).toEqual([1, 2, 3].map((n) => bundleFileName('SPIP-57', n, site.identity.deviceId)));

    // The newest bundle arrives first; the two older ones, found later on a USB key, after it.
    const importedAt = ['2026-11-25T13:00:00.000Z', '2026-11-25T14:00:00.000Z', '2026-11-25T15:00:00.000Z'];
    for (const [i, index] of [2, 0, 1].entries()) {
      hq.setNow(importedAt[i]!);
      expect(hq.import(bundles[index]!).status).toBe('accepted');
    }

    const [row] = hqSiteRows(hq.store);
    expect(row).toMatchObject({ code: 'SPIP-57', lastSequence: 3, lastCreatedAt: exportedAt[2], lastBundleAt: importedAt[0], bundleCount: 3 });
    const [directory] = centralSiteDirectory(hq.store);
    expect(directory!.lastBundle).toEqual({ sequence: row!.lastSequence, createdAt: row!.lastCreatedAt });
  });

  it('follows the clocks, not the number, when a site restored from an older backup numbers its exports again', async () => {
    const hq = await hqFixture();
    const site = await siteFixture({ code: 'SPIP-57', name: 'SPIP de la Moselle', departement: '57' });
    const exportAt = async (at: string, name: string) => {
      site.ctx.clock.set(at);
      await writeTransaction(site.ctx, (w) => w.insert('organisation', { name, kind: 'collectivite_territoriale', communeName: 'Metz', departement: '57' }));
      return site.export(hq.pub);
    };
    const first = await exportAt('2026-11-23T09:00:00.000Z', 'Mairie de Metz');
    const second = await exportAt('2026-11-24T09:00:00.000Z', 'Mairie de Thionville');
    // The database comes back from a backup taken before its first export: it counts from 1 again.
    await site.ctx.db.meta.delete('sync.sequence');
    const again = await exportAt('2026-11-25T09:00:00.000Z', 'Mairie de Sarreguemines');
    expect([first.name, second.name, again.name]).toEqual([1, 2, 1].map((n) => bundleFileName('SPIP-57', n, site.identity.deviceId)));
    for (const bundle of [first, again, second]) expect(hq.import(bundle).status).toBe('accepted');

    const [row] = hqSiteRows(hq.store);
    expect(row).toMatchObject({ lastSequence: 1, lastCreatedAt: '2026-11-25T09:00:00.000Z', bundleCount: 3 });
    expect(centralSiteDirectory(hq.store)[0]!.lastBundle).toEqual({ sequence: row!.lastSequence, createdAt: row!.lastCreatedAt });
  });
});

describe('the Sites tab, for an office of several workstations', () => {
  it('shows the site once, with each workstation under it, its name, key and last bundle', async () => {
    const hq = await hqFixture();
    const { a, b, chainOfA, chainOfB } = await office();
    for (const [w, chain] of [
      [a, chainOfA],
      [b, chainOfB],
    ] as const) {
      await writeTransaction(w.ctx, (t) => t.insert('organisation', { name: 'Mairie de Nancy', kind: 'association', communeName: 'Nancy', departement: '54' }));
      expect(hq.import(await exportFrom(w, hq, chain)).status).toBe('accepted');
    }
    const rows = hqSiteRows(hq.store);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ code: 'SPIP-54', bundleCount: 2 });
    expect(rows[0]?.workstations.map((w) => w.name).sort()).toEqual(['Poste de Mme Durand', 'Poste de l’accueil']);
    expect(rows[0]?.workstations.every((w) => /^[0-9a-f]{16}$/.test(w.keyId) && w.lastBundleAt !== null)).toBe(true);
  });
});

describe('docs/sync-format.md', () => {
  const doc = readFileSync(join(import.meta.dirname, '..', '..', '..', 'docs', 'sync-format.md'), 'utf8');
  /** The names in backquotes of the first column of the table that follows `intro`, in order. */
  const firstColumn = (intro: string) => {
    const start = doc.indexOf(intro);
    expect(start, intro).toBeGreaterThanOrEqual(0);
    const table = doc.slice(start).split('\n\n')[1]!;
    return table
      .split('\n')
      .slice(2)
      .flatMap((row) => [...row.split('|')[1]!.matchAll(/`([^`]+)`/g)].map((m) => m[1]!));
  };

  it('lists the keys of a directory line in the order the central export writes them', () => {
    const full = siteLine({
      siteId: '019b0000-0000-7000-8000-000000000001',
      code: 'CP-69',
      name: 'Centre pénitentiaire de Lyon',
      kind: 'etablissement',
      departement: '69',
      disp: 'DISP de Lyon',
      keyId: '8bb314b5180d33e3',
      ackedClock: '0000000000000-0000-0000000000000000',
      lastBundle: { sequence: 2, createdAt: '2026-11-25T09:00:00.000Z' },
      retired: true,
    });
    expect(firstColumn('A directory line (')).toEqual(Object.keys(JSON.parse(full) as object));
  });

  it('lists the columns of sites.csv as the export writes them', async () => {
    const hq = await hqFixture();
    expect(hq.import(await (await siteFixture()).export(hq.pub)).status).toBe('accepted');
    const csv = new TextDecoder().decode(centralCsvFiles(hq.store).find((f) => f.name === 'sites.csv')!.bytes);
    expect(firstColumn('`sites.csv` is the site directory')).toEqual(
      csv
        .replace(/^\uFEFF/, '')
        .split('\r\n')[0]!
        .split(';'),
    );
  });
});

describe('the data dictionary shipped with the central export', () => {
  it('describes every column of every CSV file and every key of every NDJSON line the export writes', async () => {
    const hq = await hqFixture();
    const site = await siteFixture();
    await seedPlacement(site.ctx);
    await createOrganisation(site.ctx, { name: 'Mairie de Laxou', kind: 'collectivite_territoriale', communeName: 'Laxou', departement: '54' });
    expect(hq.import(await site.export(hq.pub)).status).toBe('accepted');
    const dictionary = dataDictionary();
    const described = (file: string, column: string) => dictionary.some((e) => e.file === file && e.column === column);

    const csvFiles = centralCsvFiles(hq.store);
    expect(csvFiles.map((f) => f.name)).toEqual(expect.arrayContaining([DICTIONARY_FILE, CODES_FILE, 'sites.csv', 'measures.csv']));
    const undescribed = csvFiles
      .filter((f) => f.name !== DICTIONARY_FILE && f.name !== CODES_FILE)
      .flatMap((f) => {
        const header = new TextDecoder()
          .decode(f.bytes)
          .replace(/^\uFEFF/, '')
          .split('\r\n')[0]!
          .split(';');
        return header.filter((column) => !described(f.name, column)).map((column) => `${f.name} ${column}`);
      });
    expect(undescribed).toEqual([]);

    const [ndjson, ...dictionaryFiles] = centralNdjsonFiles(hq.store, 'central.ndjson.gz');
    expect(dictionaryFiles.map((f) => f.name)).toEqual([DICTIONARY_FILE, CODES_FILE]);
    const lines = new TextDecoder()
      .decode(gunzipSync(ndjson!.bytes))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(new Set(lines.map((l) => l.entity))).toEqual(new Set(['site', 'organisation', 'habilitation', 'tutor', 'post', 'person', 'measure', 'placement']));
    const keys = lines.flatMap((line) =>
      Object.keys(line)
        .filter((key) => {
          const entity = String(line.entity);
          if (key === 'entity' || key === 'deleted') return !described(NDJSON_FILE, key);
          if (entity === 'site') return !dictionary.some((e) => e.file === NDJSON_FILE && e.entity === 'site' && e.column === key);
          return !(isEntityName(entity) && described(csvFileName(entity), key));
        })
        .map((key) => `${String(line.entity)} ${key}`),
    );
    expect(keys).toEqual([]);
  });
});
