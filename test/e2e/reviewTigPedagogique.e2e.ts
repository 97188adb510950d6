import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeFirstRun, expectAccessible, launchBrowser, openApp, screenshot, startSite, type Site } from './support/harness.ts';
import { frDate, lastWeekdays } from './support/dates.ts';

let browser: Browser;
let site: Site;

beforeAll(async () => {
  [browser, site] = await Promise.all([launchBrowser(), startSite('bilan-tigp')]);
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

/** A French number or hours as shown (`1 234,5`, `9 h`) read back. */
const num = (text: string) => Number(text.replace(/[\s\u202fh]/g, '').replace(',', '.'));

async function heading(page: Page, name: string | RegExp, level = 1): Promise<void> {
  await page.getByRole('heading', { level, name }).waitFor();
}

function menu(page: Page, entry: string) {
  return page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: entry, exact: true }).click();
}

/** The review of `year` on this site: the summary's figure for this year, and the cells of a partner's line. */
async function review(page: Page, year: number) {
  await menu(page, 'Partenariats');
  await page.getByRole('tab', { name: 'Bilan annuel' }).click();
  await page.getByLabel('Année').selectOption(String(year));
  await heading(page, new RegExp(`^Bilan annuel ${year} – `), 2);
  const summary = async (indicator: string) => {
    const row = page
      .getByRole('table', { name: /^Synthèse/ })
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: indicator, exact: true }) });
    return num((await row.locator('td').first().textContent()) ?? '');
  };
  const partnerLine = async (partner: string) => {
    const row = page
      .getByRole('table', { name: `Par partenaire, ${year}` })
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: partner, exact: true }) });
    return (await row.count()) === 0 ? undefined : row.locator('td').allTextContents();
  };
  return {
    sessions: await summary('Séances de TIG pédagogique'),
    persons: await summary('Personnes en TIG pédagogique'),
    hours: await summary('Heures de TIG pédagogique'),
    totalTigHours: await summary('Heures de TIG réalisées (total)'),
    withoutPartner: await partnerLine('Sans partenaire'),
  };
}

/** Enrol the first three persons offered whose open TIG measure has `needed` hours left. */
async function enrolThree(page: Page, needed: number): Promise<number> {
  const tried = new Set<string>();
  let enrolled = 0;
  const personSelect = page.getByLabel('Participant *');
  const measureSelect = page.getByLabel('Mesure de TIG *');
  // The candidates load from the database after the form shows: wait for the real list, not the placeholder.
  await expect.poll(() => personSelect.locator('option:not([value=""])').count()).toBeGreaterThan(0);
  while (enrolled < 3) {
    const options = await personSelect.locator('option').evaluateAll((nodes) => nodes.map((n) => [(n as HTMLOptionElement).value, n.textContent ?? '']));
    const next = options.find(([value]) => value && !tried.has(value));
    if (!next) break;
    tried.add(next[0]!);
    await personSelect.selectOption(next[0]!);
    const measures = await measureSelect.locator('option').evaluateAll((nodes) => nodes.map((n) => [(n as HTMLOptionElement).value, n.textContent ?? '']));
    const usable = measures
      .map(([value, text]) => ({ value: value!, m: /([\d,\s\u202f]+) h effectuées sur ([\d,\s\u202f]+) h/.exec(text!) }))
      .find(({ value, m }) => value && m && num(m[2]!) - num(m[1]!) >= needed);
    if (!usable) continue;
    await measureSelect.selectOption(usable.value);
    const name = next[1]!.split(' – ')[0]!;
    await page.getByRole('button', { name: 'Inscrire', exact: true }).click();
    await page.getByText(`Inscription à la séance enregistrée : ${name}.`).waitFor();
    enrolled += 1;
  }
  return enrolled;
}

describe('TIG pédagogique in the annual review', () => {
  it('counts a session recorded in the workshop screens, its three persons and their attended hours', async () => {
    const { context, page, problems } = await openApp(browser, site);
    await completeFirstRun(page, { demo: true });
    const days = lastWeekdays(3);
    const year = Number(days[0]!.slice(0, 4));
    const before = await review(page, year);

    await menu(page, 'Ateliers et formations');
    await heading(page, 'Ateliers et formations');
    await page.getByRole('link', { name: 'Nouveau programme' }).click();
    await heading(page, 'Nouveau programme');
    await page.getByLabel('Type de programme *').selectOption('tig_pedagogique');
    await page.getByLabel('Intitulé du programme *').fill('TIG pédagogique – bilan annuel');
    await page.getByLabel('Domaine d’activité *').selectOption('insertion_emploi');
    await page.getByLabel('Milieu *').selectOption('ouvert');
    await page.getByLabel('Places *').fill('3');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await heading(page, 'TIG pédagogique – bilan annuel');

    await page.getByRole('link', { name: 'Nouvelle séance' }).click();
    await heading(page, /^Nouvelle séance/);
    await page.getByLabel('Début *').fill(days[0]!);
    await page.getByLabel('Fin *').fill(days[2]!);
    for (const day of days) {
      const box = page.locator(`input[name="days"][value="${day}"]`);
      if (!(await box.isChecked())) await page.locator(`label[for="${await box.getAttribute('id')}"]`).click();
    }
    await page.getByLabel('Heures par jour *').fill('3');
    await page.getByLabel('Animateur *').fill('Bénévole ECTI');
    for (const theme of ['Ce qu’attendent les employeurs', 'Projet professionnel', 'Curriculum vitae (CV)', 'Recherche d’emploi', 'Entretien d’embauche']) {
      await page.locator('label', { hasText: `${theme} (obligatoire)` }).click();
    }
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await heading(page, `Séance du ${frDate(days[0]!)} au ${frDate(days[2]!)}`);
    expect(await enrolThree(page, 9)).toBe(3);

    // Every participant present every day (3 h a day), from the keyboard, saved with Enter.
    const grid = page.getByRole('table', { name: /Feuille de présence/ });
    await grid.locator('tbody button').first().focus();
    for (let row = 0; row < 3; row++) {
      if (row > 0) await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Home');
      for (let day = 0; day < 3; day++) {
        if (day > 0) await page.keyboard.press('ArrowRight');
        await page.keyboard.press('p');
      }
    }
    await page.keyboard.press('Enter');
    await page.getByText('Feuille de présence enregistrée : 9 cases mises à jour.').waitFor();

    const after = await review(page, year);
    expect(after.sessions).toBe(before.sessions + 1);
    expect(after.hours).toBe(before.hours + 27);
    expect(after.totalTigHours).toBe(before.totalTigHours + 27);
    expect(after.persons).toBeGreaterThanOrEqual(before.persons);
    expect(after.persons).toBeLessThanOrEqual(before.persons + 3);
    // The programme names no partner (the demonstration's TIG pédagogique runs with ECTI): the "Sans partenaire"
    // line's TIG pédagogique figures are this session's alone, in the year, the year before and the change.
    const line = after.withoutPartner!;
    const figure = (first: number) => line.slice(first, first + 3);
    expect([figure(11), figure(14), figure(17)]).toEqual([
      ['1', '0', '—'],
      ['3', '0', '—'],
      ['27', '0', '—'],
    ]);
    await expectAccessible(page, 'bilan après la séance');
    await screenshot(page, 'bilan-tig-pedagogique');
    expect(problems).toEqual([]);
    await context.close();
  }, 150_000);
});
