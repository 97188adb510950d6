import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeFirstRun, expectAccessible, launchBrowser, openApp, screenshot, startSite, type Site } from './support/harness.ts';
import { frDate, lastWeekdays, parisDay } from './support/dates.ts';

let browser: Browser;
let site: Site;

beforeAll(async () => {
  [browser, site] = await Promise.all([launchBrowser(), startSite('workshops')]);
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

const hours = (text: string) => Number(text.replace(/[\s\u202fh]/g, '').replace(',', '.'));

async function heading(page: Page, name: string | RegExp): Promise<void> {
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

/** French number as the application prints it (narrow no-break space between thousands). */
const fr = (n: number) => new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 }).format(n);

/** Enrol the first three persons offered whose open TIG measure has `needed` hours left; what their measure had. */
async function enrolThree(page: Page, needed: number): Promise<{ name: string; done: number; ordered: number }[]> {
  const enrolled: { name: string; done: number; ordered: number }[] = [];
  const tried = new Set<string>();
  const personSelect = page.getByLabel('Participant *');
  const measureSelect = page.getByLabel('Mesure de TIG *');
  // Both lists are filled by live queries: wait for their options before reading them.
  await expect.poll(() => personSelect.locator('option[value]:not([value=""])').count()).toBeGreaterThan(0);
  while (enrolled.length < 3) {
    const options = await personSelect.locator('option').evaluateAll((nodes) => nodes.map((n) => [(n as HTMLOptionElement).value, n.textContent ?? '']));
    const next = options.find(([value]) => value && !tried.has(value));
    if (!next) break;
    tried.add(next[0]!);
    await personSelect.selectOption(next[0]!);
    await expect.poll(() => measureSelect.locator('option[value]:not([value=""])').count()).toBeGreaterThan(0);
    const measures = await measureSelect.locator('option').evaluateAll((nodes) => nodes.map((n) => [(n as HTMLOptionElement).value, n.textContent ?? '']));
    const usable = measures
      .map(([value, text]) => ({ value: value!, m: /([\d,\s\u202f]+) h effectuées sur ([\d,\s\u202f]+) h/.exec(text!) }))
      .find(({ value, m }) => value && m && hours(m[2]!) - hours(m[1]!) >= needed);
    if (!usable) continue;
    await measureSelect.selectOption(usable.value);
    const name = next[1]!.split(' – ')[0]!;
    await page.getByRole('button', { name: 'Inscrire', exact: true }).click();
    await page.getByText(`Inscription à la séance enregistrée : ${name}.`).waitFor();
    enrolled.push({ name, done: hours(usable.m![1]!), ordered: hours(usable.m![2]!) });
  }
  return enrolled;
}

describe('workshops, training and TIG pédagogique', () => {
  it('creates a TIG pédagogique session, enrols three persons, fills attendance from the keyboard and lands the hours on their measures', async () => {
    const { context, page, problems } = await openApp(browser, site);
    await completeFirstRun(page, { demo: true });
    await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Ateliers et formations' }).click();
    await heading(page, 'Ateliers et formations');
    await page.getByRole('table', { name: 'Programmes' }).waitFor();
    await expectAccessible(page, 'programmes');
    await screenshot(page, 'ateliers-programmes');

    // A programme: refused in milieu fermé, accepted in milieu ouvert.
    await page.getByRole('link', { name: 'Nouveau programme' }).click();
    await heading(page, 'Nouveau programme');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Type de programme : choisissez une valeur de la liste').waitFor();
    expect(await page.getByText('Intitulé du programme : champ obligatoire').count()).toBe(1);
    await page.getByLabel('Type de programme *').selectOption('tig_pedagogique');
    await page.getByLabel('Intitulé du programme *').fill('TIG pédagogique – essai de bout en bout');
    await page.getByLabel('Domaine d’activité *').selectOption('insertion_emploi');
    await page.getByLabel('Milieu *').selectOption('ferme');
    await page.getByLabel('Places *').fill('3');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Un TIG pédagogique se déroule en milieu ouvert', { exact: true }).waitFor();
    await expectAccessible(page, 'formulaire programme');
    await page.getByLabel('Milieu *').selectOption('ouvert');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await heading(page, 'TIG pédagogique – essai de bout en bout');

    // A session of the last three weekdays, 3 h a day: refused without the job interview theme, then accepted.
    const days = lastWeekdays(3);
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
    for (const theme of ['Ce qu’attendent les employeurs', 'Projet professionnel', 'Curriculum vitae (CV)', 'Recherche d’emploi']) {
      await page.locator('label', { hasText: `${theme} (obligatoire)` }).click();
    }
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Un TIG pédagogique doit aborder : entretien d’embauche').first().waitFor();
    const themes = page.getByRole('group', { name: /Thèmes abordés/ });
    expect(await themes.getByText('Un TIG pédagogique doit aborder : entretien d’embauche').count()).toBe(1);
    await screenshot(page, 'ateliers-seance-refusee');
    await expectAccessible(page, 'formulaire séance refusé');
    await page.locator('label', { hasText: 'Entretien d’embauche (obligatoire)' }).click();
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await heading(page, `Séance du ${frDate(days[0]!)} au ${frDate(days[2]!)}`);

    // Three persons with a TIG measure that has 9 hours left.
    const enrolled = await enrolThree(page, 9);
    expect(enrolled).toHaveLength(3);
    await page.getByText('La séance est complète').waitFor();

    // The grid from the keyboard: row 1 present every day, row 2 present, absent, 2 h typed, row 3 all present.
    const grid = page.getByRole('table', { name: /Feuille de présence/ });
    const names = await grid.locator('tbody th').allTextContents();
    expect([...names].sort()).toEqual(enrolled.map((e) => e.name).sort());
    await grid.locator('tbody button').first().focus();
    const press = async (...keys: string[]) => {
      for (const key of keys) await page.keyboard.press(key);
    };
    await press('p', 'ArrowRight', 'p', 'ArrowRight', 'p');
    await press('ArrowDown', 'Home', 'KeyP', 'ArrowRight', 'a', 'ArrowRight', '2');
    await page.keyboard.press('Enter');
    await press('ArrowDown', 'Home', 'Space', 'ArrowRight', 'Space', 'ArrowRight', 'p');
    await page.getByText('9 modifications non enregistrées').waitFor();
    await screenshot(page, 'ateliers-grille-modifiee');
    await expectAccessible(page, 'séance avec grille modifiée');

    // Leaving with unsaved changes asks first; staying keeps them.
    await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Tableau de bord' }).click();
    const dialog = page.getByRole('dialog', { name: 'Quitter sans enregistrer ?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Rester sur la page' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await heading(page, `Séance du ${frDate(days[0]!)} au ${frDate(days[2]!)}`);
    expect(await page.getByRole('note').textContent()).toBe('* 9 modifications non enregistrées');

    // Enter on a cell saves the whole grid.
    await grid.locator('tbody button').first().focus();
    await page.keyboard.press('Enter');
    await page.getByText('Feuille de présence enregistrée : 9 cases mises à jour.').waitFor();
    expect(await page.getByText(/modifications? non enregistrées?/).count()).toBe(0);

    // Hours attended per participant, and on their measures.
    const attended = new Map(names.map((name, row) => [name, row === 1 ? 5 : 9]));
    const participants = page.getByRole('table', { name: 'Participants de la séance' });
    for (const person of enrolled) {
      const row = participants.locator(`tr[data-participant="${person.name}"]`);
      const got = attended.get(person.name)!;
      // The table follows the database through a live query: it may show the new figures a moment later.
      await expect
        .poll(async () => (await row.locator('td').allTextContents()).slice(3, 5), { message: person.name })
        .toEqual([`${got} h`, `${fr(person.done + got)} h / ${fr(person.ordered)} h`]);
    }
    await participants.scrollIntoViewIfNeeded();
    await screenshot(page, 'ateliers-participants');
    await expectAccessible(page, 'séance');

    // A participant who abandons keeps the days attended, and the grid no longer takes any for them.
    await participants.getByLabel(`Statut de ${names[2]}`).selectOption('abandon');
    const leaver = grid.locator('tbody tr').filter({ has: page.getByRole('rowheader', { name: names[2]! }) });
    await expect.poll(() => leaver.getByRole('rowheader').textContent()).toBe(`${names[2]}Participant en abandon : sa présence ne se saisit plus.`);
    const leaverCells = leaver.getByRole('button');
    await expect.poll(() => leaverCells.evaluateAll((cells) => cells.map((c) => c.getAttribute('aria-disabled')))).toEqual(['true', 'true', 'true']);
    await leaverCells.first().focus();
    await page.keyboard.press('a');
    await page.getByRole('status').filter({ hasText: 'Participant en abandon : sa présence ne se saisit plus.' }).first().waitFor();
    expect(await leaverCells.first().textContent()).toContain('présent, 3 h, non modifiable');
    expect(await page.getByText(/modifications? non enregistrées?/).count()).toBe(0);
    await screenshot(page, 'ateliers-grille-abandon');
    await expectAccessible(page, 'grille avec un abandon');

    // Printable documents.
    await page.getByRole('link', { name: 'Feuille d’émargement' }).click();
    await heading(page, 'Feuille d’émargement');
    expect(await page.getByRole('row').count()).toBe(1 + 3 + 1);
    await expectAccessible(page, 'feuille d’émargement');
    await screenshot(page, 'ateliers-emargement');
    await page.getByRole('link', { name: 'Retour à la séance' }).click();
    await participants
      .locator(`tr[data-participant="${names[0]}"]`)
      .getByRole('link', { name: /^Attestation de participation/ })
      .click();
    await heading(page, 'Attestation de participation');
    expect(await page.getByText('soit 9 h de présence').count()).toBe(1);
    await expectAccessible(page, 'attestation de participation');
    await screenshot(page, 'ateliers-attestation');

    // Every session, and a production workshop's monthly figures.
    await page.getByRole('link', { name: 'Retour à la séance' }).click();
    await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Ateliers et formations' }).click();
    await page.getByRole('tab', { name: 'Séances' }).click();
    await page.getByRole('table', { name: 'Séances' }).waitFor();
    await expectAccessible(page, 'séances');
    await screenshot(page, 'ateliers-seances');
    await page.getByRole('tab', { name: 'Programmes' }).click();
    await page.getByRole('table', { name: 'Programmes' }).getByText('Atelier de métallerie').click();
    await heading(page, 'Atelier de métallerie');
    const month = parisDay(0).slice(0, 7);
    await page.getByLabel('Mois *').fill(month);
    await page.getByLabel('Travailleurs *').fill('99');
    await page.getByLabel('Heures travaillées *').fill('1200');
    await page.getByRole('button', { name: 'Enregistrer le relevé' }).click();
    await page.getByText('L’atelier compte 14 postes de travail : pas plus de travailleurs.').first().waitFor();
    await page.getByLabel('Travailleurs *').fill('12');
    await page.getByLabel('Heures travaillées *').fill('1 200,5');
    await page.getByRole('button', { name: 'Enregistrer le relevé' }).click();
    await page.getByText(/Relevé de .* enregistré\./).waitFor();
    expect(
      await page
        .getByRole('table', { name: /Relevés mensuels/ })
        .getByText(`${fr(1200.5)} h`)
        .count(),
    ).toBe(1);
    await expectAccessible(page, 'atelier de production');
    await screenshot(page, 'ateliers-production');

    expect(problems).toEqual([]);
    await context.close();
  }, 150_000);

  it('keeps the profile of an establishment: shown, refused with French messages, then saved', async () => {
    const { context, page, problems } = await openApp(browser, site);
    await completeFirstRun(page, { kind: 'Établissement pénitentiaire', code: 'EP-NANCY', name: 'Centre pénitentiaire de Nancy-Maxéville' });
    await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Ateliers et formations' }).click();
    await page.getByRole('tab', { name: 'Fiche établissement' }).click();
    await page.getByText('Pas encore de fiche établissement').waitFor();
    await expectAccessible(page, 'fiche établissement vide');
    await page.getByRole('link', { name: 'Créer la fiche' }).first().click();
    await heading(page, 'Nouvelle fiche établissement');
    expect(await page.getByLabel('Nom de l’établissement *').inputValue()).toBe('Centre pénitentiaire de Nancy-Maxéville');
    await page.getByLabel('Capacité (places) *').fill('beaucoup');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Capacité : nombre attendu').waitFor();
    expect(await page.getByText('DISP : choisissez une valeur de la liste').count()).toBe(1);
    expect(await page.getByText('Référent travail et formation : champ obligatoire').count()).toBe(1);
    await expectAccessible(page, 'formulaire fiche établissement');
    await screenshot(page, 'ateliers-fiche-refusee');
    await page.getByLabel('DISP *').selectOption('strasbourg');
    await page.getByLabel('Commune *').fill('Maxéville');
    await page.getByLabel('Capacité (places) *').fill('690');
    await page.getByLabel('Surface de production (m²) *').fill('2 400');
    await page.getByLabel('Surface de stockage (m²) *').fill('350,5');
    await page.locator('label', { hasText: 'Métallerie' }).click();
    await page.locator('label', { hasText: 'Recyclage de matériels informatiques' }).click();
    await page.getByLabel('Référent travail et formation *').fill('Claire Morel');
    await page.getByLabel('Courriel du référent').fill('travail-formation@justice.fr');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Fiche établissement enregistrée.').waitFor();
    await page.getByText('DISP de Strasbourg', { exact: true }).waitFor();
    const text = await page.locator('main').textContent();
    for (const shown of [
      'DISP de Strasbourg',
      'Maxéville',
      '690',
      `${fr(2400)} m²`,
      '350,5 m²',
      'Métallerie, Recyclage de matériels informatiques',
      'Claire Morel',
      'travail-formation@justice.fr',
    ]) {
      expect(text).toContain(shown);
    }
    await expectAccessible(page, 'fiche établissement');
    await screenshot(page, 'ateliers-fiche');
    expect(problems).toEqual([]);
    await context.close();
  });
});
