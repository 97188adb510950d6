import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeFirstRun, expectAccessible, launchBrowser, logIn, openApp, screenshot, startSite, type Site } from './support/harness.ts';
import { modal, modalShown, openModal } from './support/screens.ts';

let browser: Browser;
let site: Site;
let usb: string;

beforeAll(async () => {
  [browser, site] = await Promise.all([launchBrowser(), startSite('sauvegarde')]);
  usb = await mkdtemp(join(tmpdir(), 'passerelle-e2e-cle-usb-'));
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await rm(usb, { recursive: true, force: true });
});

const passphrase = 'le coffre du service est au deuxième étage';

/** Every store of the page's IndexedDB database, every row: what "identical data" is checked on. */
function readDatabase(page: Page): Promise<Record<string, unknown[]>> {
  return page.evaluate(
    () =>
      new Promise<Record<string, unknown[]>>((resolve, reject) => {
        const request = indexedDB.open('passerelle');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const db = request.result;
          const names = [...db.objectStoreNames];
          const tx = db.transaction(names, 'readonly');
          const out: Record<string, unknown[]> = {};
          for (const name of names) {
            const all = tx.objectStore(name).getAll();
            all.onsuccess = () => (out[name] = all.result);
          }
          tx.oncomplete = () => {
            db.close();
            resolve(out);
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

/** Mark the page's database as cut off mid-restore, as a crash during a restore leaves it. */
function breakDatabase(page: Page): Promise<void> {
  return page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.open('passerelle');
        request.onsuccess = () => {
          const db = request.result;
          const tx = db.transaction('meta', 'readwrite');
          tx.objectStore('meta').put({ key: 'restore.incomplete', value: true });
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

async function openBackups(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Paramètres', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Paramètres' }).waitFor();
  await page.getByRole('link', { name: 'Sauvegardes et restauration' }).click();
  await page.getByRole('heading', { level: 1, name: 'Sauvegardes et restauration' }).waitFor();
}

/** Checks the file, reads what it holds, confirms in the modal: the page reloads and restores. */
async function restoreFile(page: Page, path: string): Promise<void> {
  await page.getByLabel('Chemin complet du fichier de sauvegarde').fill(path);
  await page.getByLabel('Phrase secrète de la sauvegarde').fill(passphrase);
  await page.getByRole('button', { name: 'Vérifier la sauvegarde' }).click();
  await page.getByText('Sauvegarde vérifiée : elle est complète et lisible').waitFor({ timeout: 60_000 });
}

async function confirmRestore(page: Page): Promise<void> {
  await openModal(page.getByRole('button', { name: 'Restaurer cette sauvegarde' }), modal(page));
  await modalShown(page);
  await modal(page).getByRole('button', { name: 'Restaurer la sauvegarde' }).click();
}

describe('backups and restore through the screens', () => {
  it('writes a backup, restores it into a fresh profile with identical data, restores over newer data, and from the error screen', async () => {
    const first = await openApp(browser, site);
    await completeFirstRun(first.page, { demo: true });
    await openBackups(first.page);
    await expectAccessible(first.page, 'sauvegardes');
    await first.page.getByLabel('Phrase secrète *').fill(passphrase);
    await first.page.getByLabel('Phrase secrète, une deuxième fois *').fill(passphrase);
    await first.page.getByLabel('Dossier de la sauvegarde *').fill(usb);
    await first.page.getByRole('button', { name: 'Écrire la sauvegarde' }).click();
    await first.page.getByText('Sauvegarde écrite, relue et vérifiée').waitFor({ timeout: 120_000 });
    await screenshot(first.page, 'sauvegarde-ecrite');
    const [file] = await readdir(usb);
    expect(file).toMatch(/^passerelle-sauvegarde-SPIP-54-.+\.passerelle-sauvegarde$/);
    const written = await readDatabase(first.page);
    expect(written.persons!.length).toBeGreaterThan(10);

    // A fresh profile (a reinstalled PC): the first run offers the restore.
    const second = await openApp(browser, site);
    await second.page.getByRole('heading', { name: 'Ou restaurer une sauvegarde' }).waitFor();
    await restoreFile(second.page, join(usb, file!));
    await expect.poll(() => second.page.getByText(/^Personne : \d+/).textContent()).toBe(`Personne : ${written.persons!.length}`);
    await expectAccessible(second.page, 'première mise en route, sauvegarde vérifiée');
    await confirmRestore(second.page);
    // The restored site's accounts came with it: its administrator logs in on the new profile.
    await logIn(second.page);
    await second.page.getByRole('heading', { level: 1, name: 'Tableau de bord' }).waitFor({ timeout: 120_000 });
    expect(await readDatabase(second.page)).toEqual(written);

    // Work done after the backup, then the backup restored over it: the work is gone, kept in a backup taken first.
    await second.page.goto(`${site.host.url}#/personnes/nouvelle`);
    await second.page.getByRole('heading', { level: 1, name: 'Nouvelle personne' }).waitFor();
    await second.page.getByLabel('Nom', { exact: true }).fill('Après-Sauvegarde');
    await second.page.getByLabel('Prénom', { exact: true }).fill('Zoé');
    await second.page.getByLabel('Date de naissance').fill('1990-03-04');
    await second.page.getByLabel('Numéro de dossier').fill('2026/777');
    await second.page.getByRole('button', { name: 'Créer la personne' }).click();
    await second.page.getByRole('heading', { level: 1, name: 'APRÈS-SAUVEGARDE Zoé' }).waitFor();
    await openBackups(second.page);
    await restoreFile(second.page, join(usb, file!));
    await confirmRestore(second.page);
    await second.page.getByRole('heading', { level: 1, name: 'Tableau de bord' }).waitFor({ timeout: 120_000 });
    expect(await readDatabase(second.page)).toEqual(written);

    // The database left incomplete (a crash mid-restore): the error screen offers the latest automatic backup,
    // the one taken before the last restore, which holds the person typed after the backup.
    await breakDatabase(second.page);
    await second.page.reload();
    await second.page.getByRole('heading', { level: 1, name: 'Passerelle ne peut pas ouvrir ses données' }).waitFor();
    await second.page.getByRole('heading', { name: 'Restaurer la dernière sauvegarde' }).waitFor();
    const latest = second.page.getByRole('button', { name: /^Restaurer la sauvegarde du / }).first();
    await latest.waitFor();
    await expectAccessible(second.page, 'écran d’erreur de la base');
    await screenshot(second.page, 'erreur-base-restaurer');
    await latest.click();
    await second.page.getByText('Avant une restauration du').waitFor({ timeout: 60_000 });
    await confirmRestore(second.page);
    await second.page.getByRole('heading', { level: 1, name: 'Tableau de bord' }).waitFor({ timeout: 120_000 });
    const recovered = await readDatabase(second.page);
    expect((recovered.persons as { lastName: string }[]).some((p) => p.lastName === 'Après-Sauvegarde')).toBe(true);

    expect([...first.problems, ...second.problems]).toEqual([]);
    await Promise.all([first.context.close(), second.context.close()]);
  }, 600_000);
});
