import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeFirstRun, expectAccessible, launchBrowser, openApp, screenshot, startSite, type Site } from './support/harness.ts';

let browser: Browser;
let siteHost: Site;
let hqHost: Site;
let share: string;

beforeAll(async () => {
  [browser, siteHost, hqHost] = await Promise.all([launchBrowser(), startSite('spip'), startSite('siege')]);
  share = await mkdtemp(join(tmpdir(), 'passerelle-e2e-partage-'));
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([siteHost?.close(), hqHost?.close()]);
  await rm(share, { recursive: true, force: true });
});

/** Work crosses the bridge, a worker thread and the disk: give it time. */
const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 20_000, interval: 100 });

async function go(page: Page, nav: string, title = nav): Promise<void> {
  await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: nav, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
}

/** Save what a click downloads and return its bytes. */
async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), bytes: await readFile(path) };
}

/** Types a commune, waits for the official list, then picks the suggestion as a user does. */
async function chooseCommune(page: Page, typed: string, option: string): Promise<void> {
  const input = page.getByLabel(/^Commune/);
  await input.fill(typed);
  await eventually(() => page.locator(`datalist option[value="${option}"]`).count()).toBe(1);
  await input.fill(option);
  await input.blur();
}

/** A host organisation created as a person does: the hosts screens, the new organisation form. */
async function createOrganisation(page: Page, name: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Menu principal' })
    .getByRole('link', { name: /^Structures/ })
    .click();
  await page.getByRole('heading', { level: 1, name: /^Structures/ }).waitFor();
  await page.getByRole('link', { name: 'Ajouter une structure' }).first().click();
  await page.getByRole('heading', { level: 1, name: 'Nouvelle structure d’accueil' }).waitFor();
  await page.getByLabel('Nom de la structure').fill(name);
  await page.getByLabel('Type de structure').selectOption({ label: 'Collectivité territoriale' });
  await chooseCommune(page, 'Nancy', 'Nancy (54000)');
  await eventually(() => page.getByLabel('Département').inputValue()).toBe('54');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

async function useSyncFolder(page: Page): Promise<void> {
  await go(page, 'Paramètres');
  await page.getByRole('textbox', { name: 'Dossier de synchronisation' }).fill(share);
  await page.getByRole('button', { name: 'Utiliser ce dossier' }).click();
  await eventually(() => page.getByTestId('sync-folder').textContent()).toBe(share);
}

describe('sync between a site and headquarters, through two web hosts', () => {
  it('a site exports, headquarters imports and acknowledges, the site’s pending count drops to zero; an edited bundle is refused', async () => {
    const hq = await openApp(browser, hqHost);
    await completeFirstRun(hq.page, { kind: 'ATIGIP (siège)', code: 'ATIGIP', name: 'ATIGIP – siège', departement: '75', user: 'Claire Durand' });
    const hqNav = hq.page.getByRole('navigation', { name: 'Menu principal' });
    expect(await hqNav.getByRole('link').allTextContents()).toEqual([
      'Tableau de bord',
      'Consolidation',
      'Partenariats',
      'Établissements (IPRO 360°)',
      'Corbeille',
      'Paramètres',
    ]);
    await useSyncFolder(hq.page);
    await expectAccessible(hq.page, 'Paramètres (siège)');
    const hqPub = await download(hq.page, () => hq.page.getByRole('button', { name: 'Télécharger hq.pub' }).click());
    expect(hqPub.name).toBe('hq.pub');

    const site = await openApp(browser, siteHost);
    await completeFirstRun(site.page);
    await useSyncFolder(site.page);
    await site.page.getByLabel('Fichier hq.pub').setInputFiles({ name: 'hq.pub', mimeType: 'application/json', buffer: hqPub.bytes });
    await site.page.getByRole('button', { name: 'Importer la clé du siège' }).click();
    await eventually(() => site.page.getByText(/Clé du siège [0-9a-f]{16} importée/).count()).toBe(1);
    await site.page.getByRole('button', { name: 'Générer les clés du site' }).click();
    await eventually(() => site.page.getByText(/Clés du site créées/).count()).toBe(1);
    await expectAccessible(site.page, 'Paramètres (site)');
    await screenshot(site.page, 'parametres-synchronisation');

    // A change, then the folder answers (checked every minute, or now on demand): the site exports on its own.
    await createOrganisation(site.page, 'Mairie de Nancy');
    const status = site.page.getByRole('status', { name: 'Barre d’état' });
    // The administrator's account made at first run is a change of this workstation too (it travels to the
    // office's other workstations, never to headquarters), so the organisation is the second one waiting.
    await eventually(() => status.textContent()).toContain('2 changements en attente');
    await go(site.page, 'Synchronisation');
    await site.page.getByRole('button', { name: 'Vérifier le dossier maintenant' }).click();
    // Bundles are named after the workstation (the last 12 digits of its device id), so no PC overwrites another's.
    await eventually(async () => (await readdir(share)).filter((name) => /^SPIP-54-[0-9a-f]{12}-1\.passerelle$/.test(name)).length).toBe(1);
    await eventually(() => site.page.getByText(/Lot SPIP-54-[0-9a-f]{12}-1\.passerelle exporté/).count()).toBe(1);
    await site.page.getByRole('button', { name: 'Exporter maintenant' }).click();
    await eventually(() => site.page.getByText(/Lot SPIP-54-[0-9a-f]{12}-2\.passerelle exporté/).count()).toBe(1);
    await eventually(() => site.page.getByTestId('sync-pending').textContent()).toBe('2');
    await expectAccessible(site.page, 'Synchronisation');
    await screenshot(site.page, 'synchronisation');

    // Headquarters imports the folder (in a worker thread), then writes the acknowledgements there.
    await go(hq.page, 'Consolidation');
    await hq.page.getByRole('button', { name: 'Importer le dossier de synchronisation' }).click();
    await eventually(() => hq.page.getByText('Rapport d’import : 2 acceptés, 0 déjà connu, 0 refusé').count()).toBe(1);
    await expectAccessible(hq.page, 'Consolidation, import');
    await hq.page.getByRole('tab', { name: 'Sites' }).click();
    await hq.page.getByRole('row', { name: /SPIP-54/ }).click();
    await eventually(() => hq.page.getByText('Structure d’accueil : 1').count()).toBe(2);
    await expectAccessible(hq.page, 'Consolidation, sites');
    await screenshot(hq.page, 'consolidation-sites');
    await hq.page.getByRole('tab', { name: 'Diffusion' }).click();
    await hq.page.getByRole('button', { name: 'Écrire les accusés dans le dossier de synchronisation' }).click();
    await eventually(() => hq.page.getByText(/1 accusé de réception écrit dans/).count()).toBeGreaterThan(0);
    expect((await readdir(share)).filter((name) => /^SPIP-54-[0-9a-f]{12}\.passerelle-ack$/.test(name))).toHaveLength(1);
    await expectAccessible(hq.page, 'Consolidation, diffusion');

    // The site picks the acknowledgement up: nothing is pending any more, every export is acknowledged.
    await site.page.getByRole('button', { name: 'Vérifier le dossier maintenant' }).click();
    await eventually(() => site.page.getByTestId('sync-pending').textContent()).toBe('0');
    await eventually(() => status.textContent()).toContain('Synchronisé à l’instant');
    await eventually(() => site.page.getByRole('cell', { name: 'Reçu', exact: true }).count()).toBe(2);
    await screenshot(site.page, 'synchronisation-accuse');

    // A bundle carried by hand and edited on the way is refused, with its reason on screen.
    await createOrganisation(site.page, 'CCAS de Nancy');
    await go(site.page, 'Synchronisation');
    await eventually(() => site.page.getByTestId('sync-pending').textContent()).toBe('1');
    const carried = await download(site.page, () => site.page.getByRole('button', { name: 'Télécharger le lot' }).click());
    // Automatic exports are a quarter of an hour apart: this one is the next after the two above.
    expect(carried.name).toMatch(/^SPIP-54-[0-9a-f]{12}-3\.passerelle$/);
    carried.bytes[carried.bytes.length - 90]! ^= 0x01;
    await hq.page.getByRole('tab', { name: 'Import des lots' }).click();
    await hq.page
      .getByLabel('Importer des fichiers de lots')
      .setInputFiles({ name: carried.name, mimeType: 'application/octet-stream', buffer: carried.bytes });
    await hq.page.getByRole('button', { name: 'Importer ces fichiers' }).click();
    await eventually(() => hq.page.getByText('Rapport d’import : 0 accepté, 0 déjà connu, 1 refusé').count()).toBe(1);
    expect(await hq.page.getByText(/Signature invalide : le fichier a été modifié ou abîmé/).count()).toBeGreaterThan(0);
    await hq.page.getByRole('tab', { name: 'Quarantaine' }).click();
    await eventually(() => hq.page.getByRole('cell', { name: /SPIP-54-[0-9a-f]{12}-3\.passerelle$/ }).count()).toBe(1);
    await expectAccessible(hq.page, 'Consolidation, quarantaine');
    await screenshot(hq.page, 'consolidation-import-refuse');

    expect(site.problems).toEqual([]);
    expect(hq.problems).toEqual([]);
    await Promise.all([site.context.close(), hq.context.close()]);
  });
});
