import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeFirstRun, expectAccessible, launchBrowser, openApp, startSite, type Site } from './support/harness.ts';

let browser: Browser;
let senderHost: Site;
let receiverHost: Site;
let hqHost: Site;
let folder54: string;
let folder57: string;

beforeAll(async () => {
  [browser, senderHost, receiverHost, hqHost] = await Promise.all([launchBrowser(), startSite('spip54'), startSite('spip57'), startSite('siege')]);
  folder54 = await mkdtemp(join(tmpdir(), 'passerelle-e2e-54-'));
  folder57 = await mkdtemp(join(tmpdir(), 'passerelle-e2e-57-'));
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([senderHost?.close(), receiverHost?.close(), hqHost?.close()]);
  await Promise.all([folder54, folder57].map((f) => (f ? rm(f, { recursive: true, force: true }) : undefined)));
});

const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 30_000, interval: 200 });

async function go(page: Page, nav: string, title = nav): Promise<void> {
  await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: nav, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
}

async function useSyncFolder(page: Page, folder: string): Promise<void> {
  await go(page, 'Paramètres');
  await page.getByRole('textbox', { name: 'Dossier de synchronisation' }).fill(folder);
  await page.getByRole('button', { name: 'Utiliser ce dossier' }).click();
  await eventually(() => page.getByTestId('sync-folder').textContent()).toBe(folder);
}

/** A folder typed in the web host's chooser labelled `label`, then its own button. */
async function toFolder(page: Page, label: string, folder: string, button = 'Écrire dans ce dossier'): Promise<void> {
  const form = page.locator('form', { has: page.getByLabel(label) });
  await form.getByLabel(label).fill(folder);
  await form.getByRole('button', { name: button }).click();
}

/** A site's first run, its folder, headquarters' key and its own keys, then its first bundle. */
async function setUpSite(page: Page, folder: string, hqPub: Buffer): Promise<void> {
  await useSyncFolder(page, folder);
  await page.getByLabel('Fichier hq.pub').setInputFiles({ name: 'hq.pub', mimeType: 'application/json', buffer: hqPub });
  await page.getByRole('button', { name: 'Importer la clé du siège' }).click();
  await eventually(() => page.getByText(/Clé du siège [0-9a-f]{16} importée/).count()).toBe(1);
  await page.getByRole('button', { name: 'Générer les clés du site' }).click();
  await eventually(() => page.getByText(/Clés du site créées/).count()).toBe(1);
  await go(page, 'Synchronisation');
  await page.getByRole('button', { name: 'Exporter maintenant' }).click();
  await eventually(() => page.getByText(/Lot SPIP-5\d-[0-9a-f]{12}-\d+\.passerelle exporté/).count()).toBeGreaterThan(0);
}

/** Headquarters imports both folders, publishes the directory to both and writes acknowledgements (and relayed files) to both. */
async function hqRound(page: Page): Promise<void> {
  await go(page, 'Consolidation');
  await page.getByRole('tab', { name: 'Import des lots' }).click();
  const importDone = async () => {
    await page.waitForTimeout(500);
    await eventually(() => page.locator('#hq-import-progress').count()).toBe(0);
  };
  await page.getByRole('button', { name: 'Importer le dossier de synchronisation' }).click();
  await importDone();
  await toFolder(page, 'Importer les lots d’un autre dossier', folder57, 'Importer ce dossier');
  await importDone();
  await page.getByRole('tab', { name: 'Diffusion' }).click();
  await page.getByRole('button', { name: 'Publier dans le dossier de synchronisation' }).click();
  await eventually(() => readdir(folder54).then((names) => names.includes('referentiel.passerelle-ref'))).toBe(true);
  await toFolder(page, 'Publier dans un autre dossier', folder57);
  await eventually(() => readdir(folder57).then((names) => names.includes('referentiel.passerelle-ref'))).toBe(true);
  await page.getByRole('button', { name: 'Écrire les accusés dans le dossier de synchronisation' }).click();
  await toFolder(page, 'Écrire les accusés dans un autre dossier', folder57);
  await eventually(() => readdir(folder57).then((names) => names.some((n) => n.endsWith('.passerelle-ack')))).toBe(true);
}

/** The site checks its folder: reference data and acknowledgements applied. */
async function checkFolder(page: Page): Promise<void> {
  await go(page, 'Synchronisation');
  await page.getByRole('button', { name: 'Vérifier le dossier maintenant' }).click();
}

describe('a person’s file transferred between two SPIPs through headquarters', () => {
  it('transfers a TIG under way, headquarters relays it unopened, the receiver accepts it and the sender sees the answer', async () => {
    const hq = await openApp(browser, hqHost);
    await completeFirstRun(hq.page, { kind: 'ATIGIP (siège)', code: 'ATIGIP', name: 'ATIGIP – siège', departement: '75', user: 'Claire Durand' });
    await useSyncFolder(hq.page, folder54);
    const [pubFile] = await Promise.all([hq.page.waitForEvent('download'), hq.page.getByRole('button', { name: 'Télécharger hq.pub' }).click()]);
    const hqPub = await readFile(await pubFile.path());

    const sender = await openApp(browser, senderHost);
    await completeFirstRun(sender.page, { demo: true });
    await setUpSite(sender.page, folder54, hqPub);
    const receiver = await openApp(browser, receiverHost);
    await completeFirstRun(receiver.page, { code: 'SPIP-57', name: 'SPIP de la Moselle', departement: '57', user: 'Inès Moreau' });
    await setUpSite(receiver.page, folder57, hqPub);
    await hqRound(hq.page);
    await checkFolder(sender.page);
    await checkFolder(receiver.page);

    // The sender: a TIG under way, « Transférer le dossier » to SPIP-57 found in the directory.
    await sender.page.goto(`${senderHost.host.url}#/personnes?vue=mesures`);
    await sender.page.getByRole('heading', { level: 1, name: 'Personnes et mesures' }).waitFor();
    await sender.page.getByLabel('Statut', { exact: true }).selectOption({ label: 'En cours' });
    const row = sender.page.getByRole('table', { name: 'Mesures' }).locator('tbody tr[data-index="0"]');
    const person = (await row.locator('td').first().textContent())!;
    await row.click();
    await sender.page.getByRole('heading', { level: 1, name: person }).waitFor();
    await sender.page.waitForFunction(() => document.activeElement?.id.startsWith('mesure-'));
    const measureId = (await sender.page.evaluate(() => document.activeElement!.id)).slice('mesure-'.length);
    await sender.page.getByRole('link', { name: 'Transférer le dossier' }).click();
    await sender.page.getByRole('heading', { level: 1, name: /^Transférer le dossier de / }).waitFor();
    await sender.page.getByLabel(/^Rechercher un site/).fill('moselle');
    await sender.page.locator('label', { hasText: 'SPIP-57 · SPIP de la Moselle' }).click();
    await expectAccessible(sender.page, 'Transférer le dossier');
    await sender.page.getByRole('button', { name: 'Transférer par le dossier de synchronisation' }).click();
    await sender.page.getByRole('heading', { level: 1, name: 'Transferts de dossiers' }).waitFor();
    await eventually(() => sender.page.getByText(/transféré à SPIP-57 \(SPIP de la Moselle\)/).count()).toBe(1);
    const written = (await readdir(folder54)).filter((n) => n.startsWith('dossier-SPIP-54-vers-SPIP-57-'));
    expect(written).toHaveLength(1);
    expect((await readdir(folder57)).filter((n) => n.startsWith('dossier-'))).toEqual([]);
    await checkFolder(sender.page);

    // Headquarters relays it to the receiver's folder with the acknowledgements.
    await hqRound(hq.page);
    await eventually(() => readdir(folder57).then((names) => names.includes(written[0]!))).toBe(true);

    // The receiver finds it, previews it and accepts it; the answer goes to its folder.
    await go(receiver.page, 'Transferts', 'Transferts de dossiers');
    await receiver.page.getByRole('button', { name: 'Relever le dossier de synchronisation' }).click();
    await eventually(() => receiver.page.getByText('1 nouveau dossier reçu.').count()).toBe(1);
    await expectAccessible(receiver.page, 'Transferts');
    await receiver.page.getByRole('table', { name: 'Dossiers reçus' }).getByRole('link').first().click();
    await receiver.page.getByRole('heading', { level: 1, name: /^Dossier reçu : / }).waitFor();
    expect(await receiver.page.getByRole('table', { name: 'Mesures transférées' }).count()).toBe(1);
    await expectAccessible(receiver.page, 'Dossier reçu');
    await receiver.page.getByRole('button', { name: 'Accepter le dossier' }).click();
    await receiver.page.getByRole('heading', { name: 'Réponse à envoyer' }).waitFor();
    await receiver.page.getByRole('button', { name: 'Écrire dans le dossier de synchronisation' }).click();
    await eventually(() => readdir(folder57).then((names) => names.filter((n) => n.startsWith('reponse-SPIP-57-vers-SPIP-54-')).length)).toBe(1);
    await checkFolder(receiver.page);

    // Headquarters relays the answer and records the move; the sender reads « accepté ».
    await hqRound(hq.page);
    await eventually(() => readdir(folder54).then((names) => names.filter((n) => n.startsWith('reponse-SPIP-57-vers-SPIP-54-')).length)).toBe(1);
    await go(sender.page, 'Transferts', 'Transferts de dossiers');
    await sender.page.getByRole('button', { name: 'Relever le dossier de synchronisation' }).click();
    await eventually(() => sender.page.getByText('1 réponse enregistrée.').count()).toBe(1);
    await eventually(() =>
      sender.page
        .getByRole('table', { name: 'Dossiers envoyés' })
        .getByText(/^Accepté par SPIP-57 le /)
        .count(),
    ).toBe(1);

    // The central export holds the transferred measure once.
    const central = await mkdtemp(join(tmpdir(), 'passerelle-e2e-central-'));
    try {
      await toFolder(hq.page, 'Exporter le fichier central dans un dossier', central);
      await eventually(() => readdir(central).then((names) => names.some((n) => n.endsWith('.ndjson.gz')))).toBe(true);
      const gz = (await readdir(central)).find((n) => n.endsWith('.ndjson.gz'))!;
      const lines = gunzipSync(await readFile(join(central, gz)))
        .toString('utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { entity: string; id: string; siteId: string; personId?: string; code?: string });
      const siteOf = (code: string) => lines.find((l) => l.entity === 'site' && l.code === code)!.id;
      // One line for the measure, named by the person's pseudonymous key only, first sent by the site that followed it.
      expect(lines.filter((l) => l.entity === 'measure' && l.id === measureId)).toEqual([
        expect.objectContaining({ siteId: siteOf('SPIP-54'), personId: expect.stringMatching(/^[0-9a-f]{64}$/) }),
      ]);
    } finally {
      await rm(central, { recursive: true, force: true });
    }

    expect(sender.problems).toEqual([]);
    expect(receiver.problems).toEqual([]);
    expect(hq.problems).toEqual([]);
    await Promise.all([sender.context.close(), receiver.context.close(), hq.context.close()]);
  });
});
