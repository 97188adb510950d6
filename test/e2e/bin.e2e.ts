import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeFirstRun, expectAccessible, launchBrowser, openApp, screenshot, startSite, type Site } from './support/harness.ts';
import { heading } from './support/screens.ts';

let browser: Browser;
let site: Site;

beforeAll(async () => {
  [browser, site] = await Promise.all([launchBrowser(), startSite('bin')]);
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe('the recycle bin through the screens', () => {
  it('sends a measure to the bin, lists it in « Corbeille », and restores it on its person’s page', async () => {
    const { context, page, problems } = await openApp(browser, site);
    await completeFirstRun(page, { demo: true });
    await page.goto(`${site.host.url}#/personnes?vue=mesures`);
    await heading(page, 'Personnes et mesures');
    await page.getByLabel('Statut', { exact: true }).selectOption({ label: 'À affecter' });
    const row = page.getByRole('table', { name: 'Mesures' }).locator('tbody tr[data-index="0"]');
    const person = (await row.locator('td').first().textContent())!;
    await row.click();
    await heading(page, person);
    await page.waitForFunction(() => document.activeElement?.id.startsWith('mesure-'));
    const id = await page.evaluate(() => document.activeElement!.id);
    const section = page.locator(`section[id="${id}"]`);
    const personPage = page.url();

    await section.getByRole('button', { name: 'Supprimer la mesure' }).click();
    await page.getByText('ira à la corbeille', { exact: false }).waitFor();
    await expectAccessible(page, 'confirmation : mesure à la corbeille');
    await page.getByRole('button', { name: 'Mettre la mesure à la corbeille' }).click();
    await expect.poll(() => section.count()).toBe(0);

    await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Corbeille', exact: true }).click();
    await heading(page, 'Corbeille');
    const restore = page.getByRole('button', { name: /^Restaurer « / }).first();
    await restore.waitFor();
    await screenshot(page, 'corbeille-mesure');
    await expectAccessible(page, 'corbeille');
    await restore.click();
    await page.getByText('Restauration effectuée', { exact: false }).waitFor();

    await page.goto(personPage);
    await heading(page, person);
    await expect.poll(() => section.count()).toBe(1);
    expect(problems).toEqual([]);
    await context.close();
  }, 180_000);
});
