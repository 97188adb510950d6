import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { completeFirstRun, expectAccessible, launchBrowser, openApp, screenshot, screenshotDir, startSite, type Site } from './support/harness.ts';
import { addDays, fieldGroup, frDate, heading, lastMonday, parisToday, printed, stubPrint } from './support/screens.ts';

let browser: Browser;
let site: Site;

beforeAll(async () => {
  [browser, site] = await Promise.all([launchBrowser(), startSite('persons')]);
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

async function createPerson(page: Page, person: { lastName: string; firstName: string; birthDate: string; caseNumber: string }) {
  await page.goto(`${site.host.url}#/personnes/nouvelle`);
  await heading(page, 'Nouvelle personne');
  await page.getByLabel('Nom', { exact: true }).fill(person.lastName);
  await page.getByLabel('Prénom', { exact: true }).fill(person.firstName);
  await page.getByLabel('Date de naissance').fill(person.birthDate);
  await page.getByLabel('Numéro de dossier').fill(person.caseNumber);
  await page.getByRole('button', { name: 'Créer la personne' }).click();
  await heading(page, `${person.lastName.toUpperCase()} ${person.firstName}`);
}

async function createMeasure(page: Page, today: string, hours: string) {
  await page.getByRole('link', { name: 'Nouvelle mesure' }).click();
  await heading(page, /^Nouvelle mesure pour/);
  await page.getByLabel('Nature de la mesure').selectOption('tig_peine');
  await page.getByLabel('Juridiction').fill('Tribunal correctionnel de Nancy');
  await page.getByLabel('Date de la décision').fill(addDays(today, -40));
  await page.getByLabel('Date des faits').fill(addDays(today, -200));
  await page.getByLabel('Heures ordonnées').fill(hours);
  await page.getByLabel('Début du délai d’exécution').fill(addDays(today, -30));
  await page.getByRole('button', { name: 'Créer la mesure' }).click();
}

/** Opens the placement form of the person's only measure for a period around today. */
async function openPlacement(page: Page, today: string) {
  await page.getByRole('link', { name: 'Nouvelle mise en situation' }).click();
  await heading(page, /^Nouvelle mise en situation de/);
  await page.getByLabel('Début', { exact: true }).fill(addDays(today, -14));
  await page.getByLabel(/^Fin prévue/).fill(addDays(today, 60));
}

/** Types a commune, waits for the official list, then picks the suggestion as a user does. */
async function chooseCommune(page: Page, typed: string, option: string) {
  const input = page.getByLabel(/^Commune/);
  await input.fill(typed);
  await expect.poll(() => page.locator(`datalist option[value="${option}"]`).count(), { timeout: 15_000 }).toBe(1);
  await input.fill(option);
  await input.blur();
}

/**
 * A host through the host organisation screens: an association habilitated from a year ago for two more
 * years, its tutor, and a post for one person at a time.
 */
async function createHost(page: Page, today: string) {
  await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Structures et postes TIG' }).click();
  await heading(page, 'Structures et postes TIG');
  await page.getByRole('link', { name: 'Ajouter une structure' }).first().click();
  await heading(page, 'Nouvelle structure d’accueil');
  await page.getByLabel('Nom de la structure').fill('Association Les Jardins du Cœur');
  await page.getByLabel('Type de structure').selectOption({ label: 'Association' });
  await page.getByLabel('Adresse').fill('12 rue de la Paix');
  await chooseCommune(page, 'Nancy', 'Nancy (54000)');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await heading(page, 'Association Les Jardins du Cœur');

  await page.getByRole('link', { name: 'Ajouter une habilitation' }).click();
  await heading(page, /Nouvelle habilitation/);
  await page.getByLabel('Date de la décision').fill(addDays(today, -380));
  await page.getByLabel('Valable à partir du').fill(addDays(today, -365));
  await page.getByLabel('Valable jusqu’au').fill(addDays(today, 730));
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await heading(page, 'Association Les Jardins du Cœur');

  await page.getByRole('link', { name: 'Ajouter un tuteur' }).click();
  await heading(page, /Nouveau tuteur/);
  await page.getByLabel('Nom', { exact: false }).first().fill('Morel');
  await page.getByLabel(/^Prénom/).fill('Claire');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await heading(page, 'Association Les Jardins du Cœur');

  await page.getByRole('link', { name: 'Ajouter un poste' }).click();
  await heading(page, 'Nouveau poste – Association Les Jardins du Cœur');
  await page.getByLabel('Intitulé du poste').fill('Entretien des espaces verts');
  await page.getByLabel('Domaine d’activité').selectOption({ label: 'Espaces verts' });
  await page.locator('label', { hasText: 'Claire Morel' }).click();
  await page.getByLabel('Capacité').fill('1');
  await page.getByLabel('Horaires').fill('Lundi, mardi et mercredi, 8 h – 15 h');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await heading(page, 'Entretien des espaces verts');
}

describe('persons, measures, placements and hours', () => {
  it('walks a TIG from the person to the attestation, with every refusal shown in French', async () => {
    const { context, page, problems } = await openApp(browser, site);
    onTestFailed(() => screenshot(page, 'echec-personnes'));
    const today = parisToday();
    await completeFirstRun(page);

    // The host organisation, its habilitation, its tutor and its post, through their own screens.
    await createHost(page, today);

    // No one followed yet: the list says what to do next.
    await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Personnes et mesures', exact: true }).click();
    await heading(page, 'Personnes et mesures');
    await page.getByText(/Aucune personne suivie pour l’instant/).waitFor();
    expect(await page.getByRole('link', { name: 'Importer un fichier CSV' }).count()).toBeGreaterThan(0);
    await expectAccessible(page, 'liste des personnes (vide)');

    // A malformed person form: French messages next to the fields, nothing saved.
    await page.getByRole('link', { name: 'Nouvelle personne' }).first().click();
    await heading(page, 'Nouvelle personne');
    await page.getByLabel('Téléphone (facultatif)').fill('12');
    await page.getByRole('button', { name: 'Créer la personne' }).click();
    await expect.poll(() => fieldGroup(page, 'Nom').textContent()).toContain('Nom : champ obligatoire');
    expect(await fieldGroup(page, 'Date de naissance').textContent()).toContain('Date de naissance : champ obligatoire');
    expect(await fieldGroup(page, 'Téléphone (facultatif)').textContent()).toContain('Numéro de téléphone invalide');
    await expectAccessible(page, 'nouvelle personne (erreurs)');
    await screenshot(page, 'personne-formulaire-erreurs');

    await createPerson(page, { lastName: 'Testeur', firstName: 'Élise', birthDate: '1995-03-14', caseNumber: '2026/E2E01' });
    expect(await page.getByText('La fiche de TESTEUR Élise est enregistrée').count()).toBe(1);

    // A measure: hours outside the TIG bounds are refused next to the field, then corrected.
    await createMeasure(page, today, '500');
    await expect.poll(() => fieldGroup(page, 'Heures ordonnées').textContent()).toContain('compte de 20 à 400 heures');
    await expectAccessible(page, 'nouvelle mesure (erreurs)');
    await page.getByLabel('Heures ordonnées').fill('20');
    await page.getByRole('button', { name: 'Créer la mesure' }).click();
    await heading(page, 'TESTEUR Élise');
    const measure = page.locator('section.app-measure');
    await expect.poll(() => measure.textContent()).toContain('0 h effectuée sur 20 h ordonnées');
    expect(await measure.textContent()).toContain('À affecter');

    // Place the person on the post, free during the period.
    await openPlacement(page, today);
    const firstPost = page.getByRole('table', { name: 'Postes de TIG correspondant à la recherche' }).locator('tbody tr[data-index="0"]');
    await firstPost.waitFor();
    expect(await firstPost.textContent()).toContain('Association Les Jardins du Cœur');
    expect(await firstPost.textContent()).toContain('Claire Morel');
    await firstPost.click();
    await expect.poll(() => page.getByText(/^Poste choisi/).count()).toBe(1);
    await expectAccessible(page, 'nouvelle mise en situation');
    await screenshot(page, 'mise-en-situation-formulaire');
    await page.getByRole('button', { name: 'Placer sur ce poste' }).click();
    await heading(page, 'TESTEUR Élise');
    await expect.poll(() => measure.textContent()).toContain('En cours');
    expect(await page.getByText(/^Mise en situation enregistrée : .* sur le poste/).count()).toBe(1);
    await screenshot(page, 'personne-mise-en-situation');

    // A placement row opens its post, whose page lists who was placed there; a row of it opens the person.
    await measure.getByRole('table', { name: 'Mises en situation de la mesure' }).getByRole('cell', { name: 'Association Les Jardins du Cœur' }).click();
    await heading(page, 'Entretien des espaces verts');
    const placed = page.getByRole('table', { name: 'Mises en situation sur ce poste' }).locator('tbody tr[data-index="0"]');
    await expect.poll(() => placed.textContent()).toContain('TESTEUR Élise');
    expect(await placed.textContent()).toContain('En cours');
    await page.screenshot({ path: join(screenshotDir, 'poste-mises-en-situation.png'), fullPage: true });
    await expectAccessible(page, 'poste avec ses mises en situation');
    await placed.focus();
    await placed.press('Enter');
    await heading(page, 'TESTEUR Élise');

    // Someone else on the same post for the same period: not offered among the free posts, and refused when
    // chosen anyway: the post is full.
    await createPerson(page, { lastName: 'Second', firstName: 'Marc', birthDate: '1988-07-02', caseNumber: '2026/E2E02' });
    await createMeasure(page, today, '40');
    await heading(page, 'SECOND Marc');
    await openPlacement(page, today);
    await page.getByText(/Aucun poste actif ne correspond/).waitFor();
    await page.locator('label', { hasText: 'Seulement les postes ayant une place libre' }).click();
    const posts = page.getByRole('table', { name: 'Postes de TIG correspondant à la recherche' });
    await posts.locator('tbody tr', { hasText: 'Association Les Jardins du Cœur' }).first().click();
    await page.getByRole('button', { name: 'Placer sur ce poste' }).click();
    await expect.poll(() => page.getByText(/Le poste est complet le/).count()).toBeGreaterThan(0);
    expect(await page.getByText('Mise en situation refusée').count()).toBe(1);
    await screenshot(page, 'mise-en-situation-refusee');

    // Back to the first person, from the list: a week of hours, refused whole when a day is over 12 h or the
    // total over the hours ordered.
    await page.goto(`${site.host.url}#/personnes`);
    await heading(page, 'Personnes et mesures');
    await page.getByRole('table', { name: 'Personnes suivies' }).waitFor();
    await expectAccessible(page, 'liste des personnes');
    await screenshot(page, 'personnes-liste');
    await page.getByLabel('Rechercher').fill('Testeur');
    await page.getByRole('table', { name: 'Personnes suivies' }).locator('tbody tr[data-index="0"]').click();
    await heading(page, 'TESTEUR Élise');
    const week = page.locator('form.app-week');
    const monday = lastMonday(today);
    await week.getByLabel('Semaine du').fill(monday);
    const day = (i: number) => week.getByLabel(new RegExp(`^(Lundi|Mardi|Mercredi|Jeudi|Vendredi|Samedi|Dimanche) ${frDate(addDays(monday, i)).slice(0, 5)}`));
    await day(0).fill('13');
    await week.getByRole('button', { name: 'Enregistrer la semaine' }).click();
    await expect.poll(() => week.textContent()).toContain('12 heures au plus par jour');
    await day(0).fill('7');
    await day(1).fill('7');
    await day(2).fill('7');
    await week.getByRole('button', { name: 'Enregistrer la semaine' }).click();
    await expect.poll(() => week.textContent()).toContain('Le total dépasserait les 20 h ordonnées');
    expect(await week.textContent()).toContain('Rien n’a été enregistré pour cette semaine');
    expect(await page.getByText('Aucune heure saisie pour l’instant.').count()).toBe(1);
    await expectAccessible(page, 'saisie de la semaine (refus)');
    await screenshot(page, 'semaine-refusee');

    // The keyboard way: type, Tab to the next day, Enter saves the whole week.
    for (const i of [0, 1, 2]) await day(i).fill('');
    await day(0).focus();
    await page.keyboard.type('7');
    await page.keyboard.press('Tab');
    await page.keyboard.type('7');
    await page.keyboard.press('Tab');
    await page.keyboard.type('6');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByText(/20 h enregistrées sur 3 jours/).count()).toBe(1);
    await expect.poll(() => measure.textContent()).toContain('Terminée');
    expect(await measure.textContent()).toContain('20 h effectuées sur 20 h ordonnées (100 %)');

    await page.getByRole('button', { name: /Historique des modifications/ }).click();
    await expectAccessible(page, 'fiche de la personne');
    await screenshot(page, 'personne-fiche');
    await page.screenshot({ path: join(screenshotDir, 'personne-fiche-complete.png'), fullPage: true });

    // The attestation, printed: the right totals, no application chrome on paper.
    await measure.getByRole('link', { name: 'Attestation d’heures' }).click();
    await heading(page, 'Attestation d’exécution – TIG (peine)');
    const sheet = page.locator('article.app-document');
    expect(await sheet.textContent()).toContain('a effectué 20 h de travail d’intérêt général, soit la totalité des 20 h ordonnées');
    expect(await sheet.textContent()).toContain('TESTEUR Élise');
    const printCalls = await stubPrint(page);
    await page.getByRole('button', { name: 'Imprimer' }).click();
    expect(await printCalls()).toBe(1);
    await expectAccessible(page, 'attestation');
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('navigation', { name: 'Menu principal' }).isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Imprimer' }).isVisible()).toBe(false);
    expect(await page.getByRole('status', { name: 'Barre d’état' }).isVisible()).toBe(false);
    expect(await printed(page, 'document-attestation')).toBe(1);

    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);

  it('follows a stage ordered in days: each day with hours counts one day, and the last day ends it', async () => {
    const { context, page, problems } = await openApp(browser, site);
    onTestFailed(() => screenshot(page, 'echec-stage-en-jours'));
    const today = parisToday();
    await completeFirstRun(page);
    await createHost(page, today);
    await createPerson(page, { lastName: 'Journée', firstName: 'Inès', birthDate: '1992-09-30', caseNumber: '2026/E2E03' });

    await page.getByRole('link', { name: 'Nouvelle mesure' }).click();
    await heading(page, /^Nouvelle mesure pour/);
    await page.getByLabel('Nature de la mesure').selectOption('stage');
    await page.locator('label', { hasText: 'En jours' }).click();
    await page.getByLabel('Juridiction').fill('Tribunal correctionnel de Nancy');
    await page.getByLabel('Date de la décision').fill(addDays(today, -40));
    await page.getByLabel('Date des faits').fill(addDays(today, -200));
    await page.getByLabel('Jours ordonnés').fill('2');
    await page.getByLabel('Début du délai d’exécution').fill(addDays(today, -30));
    await expectAccessible(page, 'nouvelle mesure en jours');
    await screenshot(page, 'mesure-en-jours-formulaire');
    await page.getByRole('button', { name: 'Créer la mesure' }).click();
    await heading(page, 'JOURNÉE Inès');
    const measure = page.locator('section.app-measure');
    await expect.poll(() => measure.textContent()).toContain('0 jour effectué sur 2 jours ordonnés');
    await screenshot(page, 'mesure-en-jours');

    await openPlacement(page, today);
    await page.getByRole('table', { name: 'Postes de TIG correspondant à la recherche' }).locator('tbody tr[data-index="0"]').click();
    await page.getByRole('button', { name: 'Placer sur ce poste' }).click();
    await heading(page, 'JOURNÉE Inès');
    await expect.poll(() => measure.textContent()).toContain('En cours');

    // Three days for a stage of two: refused whole, the third day named.
    const week = page.locator('form.app-week');
    const monday = lastMonday(today);
    await week.getByLabel('Semaine du').fill(monday);
    const day = (i: number) => week.getByLabel(new RegExp(`^(Lundi|Mardi|Mercredi|Jeudi|Vendredi|Samedi|Dimanche) ${frDate(addDays(monday, i)).slice(0, 5)}`));
    for (const i of [0, 1, 2]) await day(i).fill('7');
    await week.getByRole('button', { name: 'Enregistrer la semaine' }).click();
    await expect
      .poll(() => week.textContent())
      .toContain(`Les 2 jours ordonnés sont déjà effectués : des heures le ${frDate(addDays(monday, 2))} compteraient un jour de plus`);
    expect(await page.getByText('Aucune heure saisie pour l’instant.').count()).toBe(1);

    await day(0).fill('3,5');
    await day(2).fill('');
    await week.getByRole('button', { name: 'Enregistrer la semaine' }).click();
    await expect.poll(() => measure.textContent()).toContain('Terminée');
    expect(await measure.textContent()).toContain('2 jours effectués sur 2 jours ordonnés (100 %), soit 10,5 h');
    expect(await measure.textContent()).toContain('Jours à effectuer0 jour');
    expect(await measure.textContent()).toContain('Tous les jours ordonnés sont effectués : la mesure est terminée.');
    await screenshot(page, 'stage-en-jours');

    await measure.getByRole('link', { name: 'Attestation de jours' }).click();
    await heading(page, 'Attestation d’exécution – Stage');
    expect(await page.locator('article.app-document').textContent()).toContain(
      'a effectué 2 jours (10,5 h) au titre de la mesure « Stage », soit la totalité des 2 jours ordonnés',
    );
    await expectAccessible(page, 'attestation en jours');

    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);
});
