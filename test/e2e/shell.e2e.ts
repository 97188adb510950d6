import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeFirstRun, dateFieldParts, expectAccessible, launchBrowser, openApp, screenshot, startSite, type Site } from './support/harness.ts';

let browser: Browser;
let site: Site;

beforeAll(async () => {
  [browser, site] = await Promise.all([launchBrowser(), startSite()]);
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

const screens = [
  { nav: 'Tableau de bord', title: 'Tableau de bord' },
  { nav: 'Personnes et mesures', title: 'Personnes et mesures' },
  { nav: 'Structures et postes TIG', title: 'Structures et postes TIG' },
  { nav: 'Ateliers et formations', title: 'Ateliers et formations' },
  { nav: 'Partenariats', title: 'Partenariats' },
  { nav: 'Transferts', title: 'Transferts de dossiers' },
  { nav: 'Synchronisation', title: 'Synchronisation' },
  { nav: 'Corbeille', title: 'Corbeille' },
  { nav: 'Paramètres', title: 'Paramètres' },
];

describe('application shell', () => {
  it('refuses a malformed first-run form with French messages next to the fields, and saves nothing', async () => {
    const { context, page, problems } = await openApp(browser, site);
    await page.getByRole('heading', { name: 'Bienvenue dans Passerelle' }).waitFor();
    await expectAccessible(page, 'première mise en route');
    await page.getByLabel('Code du site').fill('x');
    await page.getByRole('button', { name: 'Continuer' }).click();
    await expect.poll(() => page.getByText('Code du site : 2 à 20 caractères').count()).toBe(1);
    expect(await page.getByText('Nom du site : champ obligatoire').count()).toBe(1);
    expect(await page.getByText('Votre nom : champ obligatoire').count()).toBe(1);
    expect(await page.getByText(/Département/).count()).toBeGreaterThan(1);
    await page.reload();
    await page.getByRole('heading', { name: 'Bienvenue dans Passerelle' }).waitFor();
    expect(await page.getByLabel('Code du site').inputValue()).toBe('');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('sets up a site, then every navigation entry opens its screen, accessible and without error', async () => {
    const { context, page, problems } = await openApp(browser, site);
    await completeFirstRun(page);
    const status = page.getByRole('status', { name: 'Barre d’état' });
    await expect.poll(() => status.textContent()).toContain('SPIP de Meurthe-et-Moselle');
    expect(await status.textContent()).toContain('Camille Martin');
    // No sync folder set yet: the status bar says the site is offline.
    await expect.poll(() => status.textContent()).toContain('Hors ligne');
    await screenshot(page, 'tableau-de-bord');
    const menu = page.getByRole('navigation', { name: 'Menu principal' });
    for (const screen of screens) {
      await menu.getByRole('link', { name: screen.nav, exact: true }).click();
      await page.getByRole('heading', { level: 1, name: screen.title }).waitFor();
      expect(await page.title()).toBe(`${screen.title} · Passerelle`);
      await expectAccessible(page, screen.title);
    }
    expect(await page.getByText('Version web locale').count()).toBe(1);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows date fields in French (jj/mm/aaaa) and dates in Paris time, as the desktop app does', async () => {
    const { context, page, problems } = await openApp(browser, site);
    await completeFirstRun(page);
    await page.goto(`${site.host.url}#/personnes/nouvelle`);
    await page.getByLabel(/^Date de naissance/).waitFor();
    expect(await dateFieldParts(page)).toEqual(['Jour', 'Mois', 'Année']);
    expect(await page.evaluate(() => [navigator.language, Intl.DateTimeFormat().resolvedOptions().timeZone])).toEqual(['fr-FR', 'Europe/Paris']);
    await screenshot(page, 'personne-formulaire-date');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('keeps the site configured across reloads (data lives in the browser profile of this origin)', async () => {
    const { context, page } = await openApp(browser, site);
    await completeFirstRun(page, { code: 'EP-NANCY', name: 'Centre pénitentiaire de Nancy-Maxéville', kind: 'Établissement pénitentiaire' });
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Tableau de bord' }).waitFor();
    expect(await page.getByRole('status', { name: 'Barre d’état' }).textContent()).toContain('EP-NANCY');
    await context.close();
  });

  it('loads reproducible demonstration data through the repositories, so it waits in the change log', async () => {
    const { context, page, problems } = await openApp(browser, site);
    await completeFirstRun(page, { demo: true });
    const status = page.getByRole('status', { name: 'Barre d’état' });
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toMatch(/Hors ligne · \d[\d\u202f]* changements en attente/);
    expect(problems).toEqual([]);
    await context.close();
  });
});
