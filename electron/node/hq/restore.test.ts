import { copyFile, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pendingChangeCount } from '../../../shared/repos/changes.ts';
import { writeTransaction } from '../../../shared/repos/writer.ts';
import { ackFileName } from '../../../shared/sync/signed.ts';
import { readBundle } from '../../../shared/sync/bundle.ts';
import type { HqPublic } from '../../../shared/sync/keys.ts';
import { applyAcknowledgement } from '../../../shared/sync/site.ts';
import { siteFixture, type BundleFile } from '../../../test/support/sync.ts';
import { hqPaths, initHqDir, openHqStore } from './hqDir.ts';
import { importBundleFiles } from './import.ts';
import { centralExportFile } from './outputs.ts';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'passerelle-restore-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/** The organisations headquarters holds, by name. */
function organisationNames(dir: string): string[] {
  const store = openHqStore(dir, { readOnly: true });
  try {
    return gunzipSync(centralExportFile(store))
      .toString('utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { entity: string; name?: string })
      .filter((l) => l.entity === 'organisation')
      .map((l) => l.name as string)
      .sort();
  } finally {
    store.close();
  }
}

/** A site that writes one organisation, exports, and applies what headquarters acknowledged in `acks/`. */
async function office(dir: string, pub: HqPublic) {
  const site = await siteFixture();
  let clock = 0;
  return {
    site,
    async write(name: string): Promise<BundleFile> {
      site.ctx.clock.advance(60_000);
      await writeTransaction(site.ctx, (w) => w.insert('organisation', { name, kind: 'association', communeName: 'Nancy', departement: '54' }));
      return site.export(pub);
    },
    async importAndAcknowledge(bundle: BundleFile) {
      clock += 60_000;
      const [result] = await importBundleFiles(dir, [{ name: bundle.name, bytes: bundle.bytes }], { now: () => Date.parse('2026-11-25T12:00:00Z') + clock });
      const applied = await applyAcknowledgement(site.ctx, await readFile(join(hqPaths(dir).acks, ackFileName('SPIP-54', site.identity.deviceId))), pub);
      return { result: result!, applied };
    },
  };
}

describe('headquarters restored from a backup', () => {
  it('refuses the next bundle, tells the site what it holds, and the site sends it again: nothing is lost', async () => {
    const dir = join(root, 'hq');
    const pub = await initHqDir(dir, new Date('2026-11-25T12:00:00Z'));
    const { site, write, importAndAcknowledge } = await office(dir, pub);

    expect((await importAndAcknowledge(await write('Mairie'))).result.status).toBe('accepted');
    await copyFile(hqPaths(dir).database, join(root, 'backup.sqlite'));
    expect((await importAndAcknowledge(await write('Hôpital'))).result.status).toBe('accepted');
    expect(await pendingChangeCount(site.ctx)).toBe(0);

    // Headquarters' disk fails; its store comes back from the backup, without the second bundle.
    await copyFile(join(root, 'backup.sqlite'), hqPaths(dir).database);
    expect(organisationNames(dir)).toEqual(['Mairie']);

    const third = await write('Médiathèque');
    const refused = await importAndAcknowledge(third);
    expect(refused.result).toMatchObject({ status: 'refused', reason: expect.stringMatching(/^Lot incomplet/) });
    expect((await readdir(hqPaths(dir).quarantine)).filter((n) => !n.endsWith('.rapport.txt'))).toHaveLength(1);
    expect(refused.applied.current).toBeDefined();
    expect(refused.applied.current! < refused.applied.previous!).toBe(true);
    expect(await pendingChangeCount(site.ctx)).toBe(2);

    // The site's next export starts where headquarters' store stops.
    const again = await site.export(pub);
    const header = readBundle(again.bytes);
    expect(header.ok && header.header).toMatchObject({ afterClock: refused.applied.current, counts: { organisation: 2 } });
    expect((await importAndAcknowledge(again)).result.status).toBe('accepted');
    expect(organisationNames(dir)).toEqual(['Hôpital', 'Mairie', 'Médiathèque']);
    expect(await pendingChangeCount(site.ctx)).toBe(0);
  });

  it('restored from before a site’s first bundle: it holds nothing of the site, says so, and the site sends everything again', async () => {
    const dir = join(root, 'hq');
    const pub = await initHqDir(dir, new Date('2026-11-25T12:00:00Z'));
    await copyFile(hqPaths(dir).database, join(root, 'empty.sqlite'));
    const { site, write, importAndAcknowledge } = await office(dir, pub);
    expect((await importAndAcknowledge(await write('Mairie'))).result.status).toBe('accepted');
    await copyFile(join(root, 'empty.sqlite'), hqPaths(dir).database);

    const refused = await importAndAcknowledge(await write('Hôpital'));
    expect(refused.result).toMatchObject({ status: 'refused', reason: expect.stringContaining('ne détient encore aucune modification de ce site') });
    expect(refused.applied).toMatchObject({ applied: true, current: undefined });
    expect(await pendingChangeCount(site.ctx)).toBe(2);
    expect((await importAndAcknowledge(await site.export(pub))).result.status).toBe('accepted');
    expect(organisationNames(dir)).toEqual(['Hôpital', 'Mairie']);
  });
});
