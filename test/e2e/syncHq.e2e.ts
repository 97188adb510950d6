import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealBundle, type WireRecord } from '../../shared/sync/bundle.ts';
import { parseHqPublic, siteKeysFrom, type HqPublic } from '../../shared/sync/keys.ts';
import { completeFirstRun, expectAccessible, launchBrowser, openApp, screenshot, startSite, type Site } from './support/harness.ts';
import { openModal } from './support/screens.ts';

let browser: Browser;
let hqHost: Site;

beforeAll(async () => {
  [browser, hqHost] = await Promise.all([launchBrowser(), startSite('siege')]);
});

afterAll(async () => {
  await browser?.close();
  await hqHost?.close();
});

/** Work crosses the bridge, a worker thread and the disk: give it time. */
const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 20_000, interval: 100 });

/**
 * Headquarters' public key as the sites receive it, read from its data folder. The first run creates the folder
 * behind the screen it leaves, so wait for the file rather than read it once.
 */
async function hqPublic(): Promise<HqPublic> {
  const file = join(hqHost.dataDir, 'hq', 'hq.pub');
  await eventually(() =>
    readFile(file).then(
      () => true,
      () => false,
    ),
  ).toBe(true);
  return parseHqPublic(await readFile(file));
}

/** A clock of the site's device, some minutes before now (headquarters refuses clocks ahead of its own). */
const clockAt = (minutesAgo: number, node: string) => `${new Date(Date.now() - minutesAgo * 60_000).toISOString()}-0000-${node}`;

/**
 * A site of its own kind, with its own keys, that seals bundles of hand-written wire records: two devices of the
 * site writing the same field make a conflict at headquarters; another site writing its record is refused.
 */
function craftedSite(code: string, departement: string) {
  const siteId = uuidv7();
  const node = uuidv7();
  const keys = siteKeysFrom(randomBytes(32), randomBytes(32));
  let sequence = 0;
  return {
    node,
    /** A second device of the same site (a laptop): its clocks carry another node. */
    laptop: uuidv7(),
    bundle(records: WireRecord[], hq: HqPublic): { name: string; mimeType: string; buffer: Buffer } {
      const clocks = records
        .flatMap((r) => [r.created, r.deleted, ...Object.values(r.fields).map(([, c]) => c)])
        .filter((c): c is string => !!c)
        .sort();
      sequence += 1;
      const built = sealBundle(
        {
          site: { siteId, code, name: `SPIP ${departement}`, kind: 'spip', departement },
          sequence,
          afterClock: undefined,
          firstClock: clocks[0],
          lastClock: clocks.at(-1),
          changeCount: clocks.length,
          createdAt: Date.now() - 60_000,
        },
        records,
        keys,
        hq,
      );
      return { name: built.fileName, mimeType: 'application/octet-stream', buffer: Buffer.from(built.bytes) };
    },
  };
}

async function importFiles(page: Page, files: { name: string; mimeType: string; buffer: Buffer }[], report: string): Promise<void> {
  await page.getByRole('tab', { name: 'Import des lots' }).click();
  await page.getByLabel('Importer des fichiers de lots').setInputFiles(files);
  await page.getByRole('button', { name: 'Importer ces fichiers' }).click();
  await eventually(() => page.getByText(`Rapport d’import : ${report}`).count()).toBe(1);
}

describe('headquarters screens', () => {
  it('list the conflicts accessibly, and rotate the encryption key after a French confirmation; older bundles still import', async () => {
    const { context, page, problems } = await openApp(browser, hqHost);
    await completeFirstRun(page, { kind: 'ATIGIP (siège)', code: 'ATIGIP', name: 'ATIGIP – siège', departement: '75', user: 'Claire Durand' });
    await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Consolidation', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Consolidation' }).waitFor();
    const oldPub = await hqPublic();

    // SPIP-54 creates a host organisation on its desk PC and renames it on its laptop; SPIP-57, which does not
    // own it, tries to rename it too.
    const recordId = uuidv7();
    const nancy = craftedSite('SPIP-54', '54');
    const metz = craftedSite('SPIP-57', '57');
    const created: WireRecord = {
      entity: 'organisation',
      id: recordId,
      created: clockAt(30, nancy.node),
      fields: Object.fromEntries(
        Object.entries({ name: 'Mairie', kind: 'association', communeName: 'Nancy', departement: '54' }).map(([k, v]) => [k, [v, clockAt(30, nancy.node)]]),
      ),
    };
    const renamedOnLaptop: WireRecord = { ...created, fields: { ...created.fields, name: ['Mairie de Nancy', clockAt(20, nancy.laptop)] } };
    const renamedByMetz: WireRecord = { entity: 'organisation', id: recordId, fields: { name: ['Mairie de Metz', clockAt(15, metz.node)] } };
    await importFiles(
      page,
      [nancy.bundle([created], oldPub), nancy.bundle([renamedOnLaptop], oldPub), metz.bundle([renamedByMetz], oldPub)],
      '2 acceptés, 0 déjà connu, 1 refusé',
    );
    const refusal = page.getByRole('row', { name: /SPIP-57-1\.passerelle/ });
    expect(await refusal.textContent()).toContain(`qui appartient au site SPIP-54 (SPIP 54) : seul ce site peut le modifier ou le supprimer`);

    await page.getByRole('tab', { name: 'Conflits' }).click();
    const conflict = page.getByRole('row', { name: /Mairie de Nancy \(SPIP-54\)/ });
    await eventually(() => conflict.count()).toBe(1);
    expect(await conflict.textContent()).toContain('Mairie (SPIP-54)');
    await expectAccessible(page, 'Consolidation, conflits');
    await screenshot(page, 'consolidation-conflits');

    // A bundle sealed for the current key before the rotation, that will arrive after it.
    const late = nancy.bundle([{ entity: 'organisation', id: recordId, fields: { communeName: ['Laxou', clockAt(10, nancy.node)] } }], oldPub);

    await page.getByRole('tab', { name: 'Diffusion' }).click();
    await eventually(() => page.getByTestId('hq-key-id').textContent()).toBe(oldPub.keyId);
    const rotate = page.getByRole('button', { name: 'Changer la clé de chiffrement' });
    const dialog = page.getByRole('dialog', { name: 'Changer la clé de chiffrement du siège ?' });
    await openModal(rotate, dialog);
    for (const consequence of [
      /chaque site doit importer le nouveau fichier hq\.pub/,
      /les anciennes clés sont conservées/,
      /la clé de signature ne change pas/,
      /refaites-la aussitôt/,
      /ne peut pas être annulé/,
    ]) {
      expect(await dialog.getByText(consequence).count(), String(consequence)).toBe(1);
    }
    await expectAccessible(page, 'Consolidation, confirmation du changement de clé');
    await screenshot(page, 'consolidation-changement-de-cle');

    // "Annuler" leaves the key as it was.
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    await eventually(() => dialog.isVisible()).toBe(false);
    expect((await hqPublic()).keyId).toBe(oldPub.keyId);

    await openModal(rotate, dialog);
    await dialog.getByRole('button', { name: 'Changer la clé' }).click();
    // The modal fades out: axe reads the page once it is gone.
    await eventually(() => dialog.isVisible()).toBe(false);
    await eventually(() => page.getByText(/^Nouvelle clé [0-9a-f]{16} \(créée le .*\), qui remplace/).count()).toBe(1);
    const newPub = await hqPublic();
    expect(newPub.keyId).not.toBe(oldPub.keyId);
    expect(newPub.signingKey).toEqual(oldPub.signingKey);
    expect(await page.getByText(`Nouvelle clé ${newPub.keyId}`, { exact: false }).count()).toBe(1);
    await eventually(() => page.getByTestId('hq-key-id').textContent()).toBe(newPub.keyId);
    await eventually(() => page.getByTestId('hq-summary').textContent()).toContain(newPub.keyId);
    await page.getByRole('button', { name: 'Télécharger le nouveau hq.pub' }).scrollIntoViewIfNeeded();
    await expectAccessible(page, 'Consolidation, clé changée');
    await screenshot(page, 'consolidation-cle-changee');

    // The old key still opens what was sealed for it; the new key opens what the sites seal from now on.
    await importFiles(
      page,
      [late, nancy.bundle([{ entity: 'organisation', id: recordId, fields: { postalCode: ['54000', clockAt(5, nancy.laptop)] } }], newPub)],
      '2 acceptés, 0 déjà connu, 0 refusé',
    );

    expect(problems).toEqual([]);
    await context.close();
  });
});
