import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { completeFirstRun, expectAccessible, launchBrowser, openApp, screenshot, startSite, type Site } from './support/harness.ts';
import { addDays, frDate, heading, modal, modalShown, parisToday, printed, stubPrint } from './support/screens.ts';

let browser: Browser;
let site: Site;
// One site with demonstration data for both tests (loading it is the slow part): they work on measures of
// different statuses, so neither sees the other's changes.
let context: BrowserContext;
let page: Page;
let problems: string[];

beforeAll(async () => {
  [browser, site] = await Promise.all([launchBrowser(), startSite('measures')]);
  ({ context, page, problems } = await openApp(browser, site));
  await completeFirstRun(page, { demo: true });
}, 180_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await site?.close();
});

/** Opens the person of the first measure of the list with this status; returns that measure's section. */
async function openMeasureWithStatus(status: string) {
  await page.goto(`${site.host.url}#/personnes?vue=mesures`);
  await heading(page, 'Personnes et mesures');
  await page.getByLabel('Statut', { exact: true }).selectOption({ label: status });
  const row = page.getByRole('table', { name: 'Mesures' }).locator('tbody tr[data-index="0"]');
  const person = (await row.locator('td').first().textContent())!;
  await row.click();
  await heading(page, person);
  await page.waitForFunction(() => document.activeElement?.id.startsWith('mesure-'));
  const id = await page.evaluate(() => document.activeElement!.id);
  return page.locator(`section[id="${id}"]`);
}

describe('following a measure: status actions, incidents and the printed documents', () => {
  it('lists the persons and the measures of the site, and opens a measure on its person’s page', async () => {
    onTestFailed(() => screenshot(page, 'echec-listes'));
    await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Personnes et mesures', exact: true }).click();
    await heading(page, 'Personnes et mesures');
    await page.getByRole('table', { name: 'Personnes suivies' }).waitFor();
    expect(await page.getByText('150 lignes affichées sur 150').count()).toBe(1);
    await page.getByLabel('Moins de 60 j').selectOption('oui');
    await expect.poll(() => page.getByText(/^\d+ lignes? affichées? sur 150$/).textContent()).not.toBe('150 lignes affichées sur 150');
    expect(await page.getByRole('table', { name: 'Personnes suivies' }).locator('tbody tr[data-index]').first().textContent()).toMatch(
      /(dans \d+ j|aujourd’hui|dépassée)/,
    );
    await expectAccessible(page, 'liste des personnes');
    await screenshot(page, 'personnes-liste-demo');
    await page.getByRole('tab', { name: /^Mesures/ }).click();
    await page.getByRole('table', { name: 'Mesures' }).waitFor();
    await expectAccessible(page, 'liste des mesures');
    await screenshot(page, 'personnes-mesures');
    const measure = await openMeasureWithStatus('En cours');
    expect(await measure.textContent()).toContain('En cours');
    expect(problems).toEqual([]);
  }, 60_000);

  it('suspends, refuses a same-day resumption, revokes, and reports an incident to the judge', async () => {
    onTestFailed(() => screenshot(page, 'echec-mesures'));
    const measure = await openMeasureWithStatus('À affecter');
    const actions = measure.getByRole('list', { name: 'Actions sur la mesure' });

    await actions.getByRole('button', { name: 'Suspendre', exact: true }).click();
    await modal(page)
      .getByLabel(/^Motif/)
      .fill('Incarcération');
    await modalShown(page);
    await expectAccessible(page, 'suspension');
    await screenshot(page, 'mesure-suspension');
    await modal(page).getByRole('button', { name: 'Suspendre la mesure' }).click();
    await expect.poll(() => measure.textContent()).toContain('Suspendue');
    expect(await measure.textContent()).toContain(`du ${frDate(parisToday())} (en cours) : Incarcération`);

    await actions.getByRole('button', { name: 'Reprendre', exact: true }).click();
    await modal(page).getByRole('button', { name: 'Reprendre la mesure' }).click();
    await expect.poll(() => modal(page).textContent()).toContain('La reprise doit suivre le début de la suspension');
    await screenshot(page, 'mesure-reprise-refusee');
    await modal(page).getByRole('button', { name: 'Annuler' }).click();
    expect(await measure.textContent()).toContain('Suspendue');

    // An incident, reported to the JAP, and its report printed.
    await measure.getByRole('button', { name: 'Nouvel incident' }).click();
    await modal(page).getByLabel('Nature').selectOption('absence_injustifiee');
    await modal(page).getByRole('button', { name: 'Enregistrer l’incident' }).click();
    await expect.poll(() => modal(page).textContent()).toContain('Description : champ obligatoire');
    await modal(page).getByLabel('Description').fill('Absent sans prévenir le tuteur');
    await modal(page).getByRole('button', { name: 'Enregistrer l’incident' }).click();
    const incidents = measure.getByRole('table', { name: 'Incidents de la mesure' });
    await expect.poll(() => incidents.getByText('Non signalé').count()).toBe(1);

    // Corrected on its own screen (a row opens it), under the rules of its creation, with its history.
    await incidents.locator('tbody tr[data-index="0"]').getByRole('cell', { name: 'Absent sans prévenir le tuteur' }).click();
    await heading(page, `Modifier l’incident du ${frDate(parisToday())}`);
    await page
      .getByRole('region', { name: 'Historique de l’incident' })
      .getByText(/^Création/)
      .waitFor();
    await page.getByLabel('Date').fill(addDays(parisToday(), 1));
    await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await expect.poll(() => page.getByText('Un incident ne peut être daté dans le futur').count()).toBeGreaterThan(0);
    await expectAccessible(page, 'modification d’un incident (refus)');
    await screenshot(page, 'incident-modification');
    await page.getByLabel('Date').fill(parisToday());
    await page.getByLabel('Description').fill('Absent sans prévenir le tuteur, injoignable');
    await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await page.getByText('Incident modifié.').waitFor();
    await expect.poll(() => incidents.getByRole('cell', { name: 'Absent sans prévenir le tuteur, injoignable' }).count()).toBe(1);

    await incidents.getByRole('button', { name: /^Signaler au JAP/ }).click();
    await modal(page).getByRole('button', { name: 'Marquer comme signalé' }).click();
    await expect.poll(() => incidents.getByText(`le ${frDate(parisToday())}`).count()).toBe(1);
    await expect.poll(() => page.locator('dialog[open]').count()).toBe(0);
    await screenshot(page, 'mesure-incidents');
    await measure.getByRole('link', { name: 'Rapport', exact: true }).click();
    await heading(page, /^Rapport d’incident/);
    const report = page.locator('article.app-document');
    expect(await report.textContent()).toContain('Absent sans prévenir le tuteur, injoignable');
    expect(await report.textContent()).toContain(`Rapport transmis le ${frDate(parisToday())}`);
    await expectAccessible(page, 'rapport d’incident');
    expect(await printed(page, 'document-rapport-incident')).toBeLessThanOrEqual(2);
    await page.getByRole('link', { name: 'Retour à la fiche' }).click();

    await actions.getByRole('button', { name: 'Révoquer', exact: true }).click();
    await modal(page).getByRole('button', { name: 'Révoquer la mesure' }).click();
    await expect.poll(() => measure.textContent()).toContain('Révoquée');
    expect(await actions.getByRole('button', { name: /^(Suspendre|Reprendre|Révoquer|Transférer)$/ }).count()).toBe(0);
    await measure.getByRole('link', { name: 'Rapport de fin de mesure' }).click();
    await heading(page, /^Rapport de fin de mesure/);
    expect(await page.locator('article.app-document').textContent()).toContain(`Mesure révoquée le ${frDate(parisToday())}`);
    expect(problems).toEqual([]);
  }, 90_000);

  it('prints the documents of a measure done in full, each on A4 without the application around it', async () => {
    onTestFailed(() => screenshot(page, 'echec-documents'));
    const measure = await openMeasureWithStatus('Terminée');
    const progress = (await measure.locator('label', { hasText: 'effectuées sur' }).textContent())!;
    const ordered = /sur ([\d\u202f,]+) h ordonnées/.exec(progress)![1]!;

    await measure.getByRole('link', { name: 'Attestation d’heures' }).click();
    await heading(page, /^Attestation d’exécution/);
    const sheet = page.locator('article.app-document');
    expect(await sheet.textContent()).toContain(`a effectué ${ordered} h`);
    expect(await sheet.textContent()).toContain(`soit la totalité des ${ordered} h ordonnées`);
    const printCalls = await stubPrint(page);
    await page.getByRole('button', { name: 'Imprimer' }).click();
    expect(await printCalls()).toBe(1);
    await expectAccessible(page, 'attestation');
    await page.emulateMedia({ media: 'print' });
    for (const chrome of [
      page.getByRole('navigation', { name: 'Menu principal' }),
      page.getByRole('button', { name: 'Imprimer' }),
      page.locator('header.fr-header'),
      page.locator('footer.fr-footer'),
    ]) {
      expect(await chrome.first().isVisible()).toBe(false);
    }
    await page.emulateMedia({ media: 'screen' });
    expect(await printed(page, 'document-attestation')).toBe(1);

    // The timesheet is the one sheet the tutor signs each month: it must fit on one page.
    for (const [link, title, pages] of [
      ['Rapport de fin de mesure', 'Rapport de fin de mesure', 2],
      ['Fiche', 'Fiche de mise en situation', 2],
      ['Feuille de présence', 'Feuille de présence mensuelle', 1],
    ] as const) {
      await page.getByRole('link', { name: 'Retour à la fiche' }).click();
      await measure.getByRole('link', { name: link, exact: true }).first().click();
      await heading(page, new RegExp(`^${title}`));
      await expectAccessible(page, title);
      expect(await printed(page, `document-${title.toLowerCase().replace(/[^a-z]+/g, '-')}`)).toBeLessThanOrEqual(pages);
    }
    // The timesheet's month can be changed from its toolbar.
    const month = page.getByLabel('Mois');
    const shown = await month.inputValue();
    const [year, m] = shown.split('-').map(Number) as [number, number];
    const previous = m === 1 ? `${year - 1}-12` : `${year}-${String(m - 1).padStart(2, '0')}`;
    await month.fill(previous);
    await expect.poll(() => page.url()).toContain(`/feuille-de-presence/${previous}`);
    expect(problems).toEqual([]);
  }, 90_000);
});
