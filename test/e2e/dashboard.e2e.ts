import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeFirstRun, expectAccessible, launchBrowser, openApp, screenshot, screenshotDir, startSite, type Site } from './support/harness.ts';

let browser: Browser;
let site: Site;

beforeAll(async () => {
  [browser, site] = await Promise.all([launchBrowser(), startSite('dashboard')]);
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name }).waitFor();

describe('dashboard', () => {
  it('shows the dashboard of the demonstration data: the four action lists, each item opening its record, and the charts', async () => {
    const { context, page, problems } = await openApp(browser, site);
    await completeFirstRun(page, { demo: true });
    // The four lists that need action, one tab each with its count; demonstration data fills every one.
    for (const [tab, title] of [
      [/^Échéances \(/, 'Échéances dans moins de 60 jours'],
      [/^Habilitations \(/, 'Habilitations qui expirent'],
      [/^Sans heures \(/, 'Mises en situation sans heures depuis 14 jours'],
      [/^Incidents \(/, 'Incidents non signalés au JAP'],
    ] as const) {
      await page.getByRole('tab', { name: tab }).click();
      const table = page.getByRole('table', { name: title });
      await table.locator('tbody tr[data-index]').first().waitFor();
      expect(await table.locator('tbody tr[data-index]').count(), title).toBeGreaterThan(0);
      await screenshot(page, `tableau-de-bord-${title.split(' ')[0]!.toLowerCase()}`);
    }
    await page.getByRole('tab', { name: /^Habilitations \(/ }).click();
    for (const chart of ['Mesures par statut', 'Heures réalisées par mois (12 derniers mois)', 'Postes actifs par domaine d’activité']) {
      const figure = page.getByRole('figure', { name: chart });
      await figure.waitFor();
      await figure.getByRole('img').locator('svg .recharts-bar-rectangle').first().waitFor();
    }
    await screenshot(page, 'tableau-de-bord-demo');
    await page.screenshot({ path: join(screenshotDir, 'tableau-de-bord-demo-complet.png'), fullPage: true });
    await expectAccessible(page, 'tableau de bord (démonstration)');
    // A row opens its record, with Enter as with a click.
    const habilitation = page.getByRole('table', { name: 'Habilitations qui expirent' }).locator('tbody tr[data-index="0"]');
    const name = (await habilitation.locator('td').first().textContent())!;
    await habilitation.focus();
    await habilitation.press('Enter');
    await heading(page, name);
    await expect.poll(() => page.getByText('Expire dans moins de 60 jours', { exact: false }).count()).toBeGreaterThan(0);

    await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Structures et postes TIG' }).click();
    await heading(page, 'Structures et postes TIG');
    await page.getByText(/lignes affichées sur/).waitFor();
    await screenshot(page, 'structures-demo');
    await expectAccessible(page, 'structures (démonstration)');
    await page.getByRole('tab', { name: 'Postes de TIG' }).click();
    await page.getByText(/lignes affichées sur/).waitFor();
    await screenshot(page, 'postes-demo');
    await expectAccessible(page, 'postes (démonstration)');
    expect(problems).toEqual([]);
    await context.close();
  });
});
