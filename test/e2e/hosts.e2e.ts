import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeFirstRun, expectAccessible, launchBrowser, logIn, openApp, screenshot, screenshotDir, startSite, type Site } from './support/harness.ts';
import { openModal } from './support/screens.ts';

let browser: Browser;
let site: Site;

beforeAll(async () => {
  [browser, site] = await Promise.all([launchBrowser(), startSite('hosts')]);
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

const fixtures = join(import.meta.dirname, '..', 'fixtures');
const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name }).waitFor();

/** Types a commune, waits for the official list, then picks the suggestion as a user does. */
async function chooseCommune(page: Page, label: string | RegExp, typed: string, option: string) {
  const input = page.getByLabel(label);
  await input.fill(typed);
  await expect.poll(() => page.locator(`datalist option[value="${option}"]`).count(), { timeout: 15_000 }).toBe(1);
  await input.fill(option);
  await input.blur();
}

describe('host organisations and posts', () => {
  it('creates an organisation with a habilitation, a tutor and a post through the forms, refusing malformed fields next to them', async () => {
    const { context, page, problems } = await openApp(browser, site);
    await completeFirstRun(page);
    await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Structures et postes TIG' }).click();
    await heading(page, 'Structures et postes TIG');
    await page.getByText('Aucune structure d’accueil enregistrée', { exact: false }).waitFor();
    await expectAccessible(page, 'structures (vide)');

    await page.getByRole('link', { name: 'Ajouter une structure' }).first().click();
    await heading(page, 'Nouvelle structure d’accueil');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('name');
    await page.getByLabel('SIRET').fill('123 456');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(() => page.getByText('Nom de la structure : champ obligatoire').count()).toBe(1);
    expect(await page.getByText('Type de structure : choisissez une valeur de la liste').count()).toBe(1);
    expect(await page.getByText('SIRET invalide : 14 chiffres dont la clé de contrôle est juste').count()).toBe(1);
    await screenshot(page, 'structure-formulaire-erreurs');
    await expectAccessible(page, 'nouvelle structure (erreurs)');

    await page.getByLabel('Nom de la structure').fill('Association Les Jardins du Cœur');
    await page.getByLabel('Type de structure').selectOption({ label: 'Association' });
    await page.getByLabel('SIRET').fill('215 403 954 00013');
    await page.getByLabel('Adresse').fill('12 rue de la Paix');
    await chooseCommune(page, /^Commune/, 'Nancy', 'Nancy (54000)');
    await expect.poll(() => page.getByLabel('Département').inputValue()).toBe('54');
    await page.getByLabel('Téléphone du contact').fill('03 83 00 00 01');
    await page.getByLabel('Nom de la structure').press('Enter');
    await heading(page, 'Association Les Jardins du Cœur');
    expect(await page.getByText('Structure « Association Les Jardins du Cœur » enregistrée.').count()).toBe(1);
    expect(await page.getByText('Aucune habilitation enregistrée').count()).toBe(1);

    await page.getByRole('link', { name: 'Ajouter une habilitation' }).click();
    await heading(page, /Nouvelle habilitation/);
    await page.getByLabel('Date de la décision').fill('2023-12-15');
    await page.getByLabel('Valable à partir du').fill('2024-01-01');
    await page.getByLabel('Valable jusqu’au').fill('2023-06-30');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(() => page.getByText('La fin de validité doit suivre le début de validité').count()).toBe(1);
    await expectAccessible(page, 'nouvelle habilitation');
    await page.getByLabel('Valable jusqu’au').fill('2030-12-31');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await heading(page, 'Association Les Jardins du Cœur');
    await expect.poll(() => page.locator('p', { hasText: 'État au' }).textContent()).toMatch(/: Valide \(jusqu’au 31\/12\/2030\)$/);

    await page.getByRole('link', { name: 'Ajouter un tuteur' }).click();
    await heading(page, /Nouveau tuteur/);
    await page.getByLabel('Nom', { exact: false }).first().fill('Morel');
    await page.getByLabel(/^Prénom/).fill('Claire');
    await page.getByLabel('Fonction').fill('Responsable des jardins');
    await page.getByLabel('Courriel').fill('claire.morel');
    await page.locator('label', { hasText: 'Tuteur formé' }).click();
    await page.getByLabel('Formé(e) le').fill('2024-03-01');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(() => page.getByText('Adresse électronique invalide').count()).toBe(1);
    await expectAccessible(page, 'nouveau tuteur');
    await page.getByLabel('Courriel').fill('claire.morel@jardins.fr');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await heading(page, 'Association Les Jardins du Cœur');
    await expect.poll(() => page.getByRole('cell', { name: 'Claire Morel', exact: true }).count()).toBe(1);

    // A tutor entered by mistake: deleted after confirmation, and the page stays usable (no modal left open).
    await page.getByRole('link', { name: 'Ajouter un tuteur' }).click();
    await heading(page, /Nouveau tuteur/);
    await page.getByLabel('Nom', { exact: false }).first().fill('Doublon');
    await page.getByLabel(/^Prénom/).fill('Test');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await heading(page, 'Association Les Jardins du Cœur');
    const mistaken = page.getByRole('row', { name: /Test Doublon/ });
    const confirmTutor = page.getByRole('dialog', { name: 'Supprimer Test Doublon ?' });
    await openModal(mistaken.getByRole('button', { name: 'Supprimer' }), confirmTutor);
    await confirmTutor.getByRole('button', { name: 'Supprimer le tuteur' }).click();
    await page.getByText('Fiche du tuteur Test Doublon supprimée.').waitFor();
    await expect.poll(() => mistaken.count()).toBe(0);
    expect(await page.locator('dialog[open]').count()).toBe(0);

    await page.getByRole('link', { name: 'Ajouter un poste' }).click();
    await heading(page, 'Nouveau poste – Association Les Jardins du Cœur');
    await page.getByLabel('Capacité').fill('0');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(() => page.getByText('Capacité : au moins 1 personne').count()).toBe(1);
    expect(await page.getByText('Intitulé du poste : champ obligatoire').count()).toBe(1);
    expect(await page.getByLabel(/^Commune/).inputValue()).toBe('Nancy');
    await page.getByLabel('Intitulé du poste').fill('Entretien des espaces verts');
    await page.getByLabel('Domaine d’activité').selectOption({ label: 'Espaces verts' });
    await page.locator('label', { hasText: 'Claire Morel' }).click();
    await page.getByLabel('Capacité').fill('2');
    await page.getByLabel('Horaires').fill('Du lundi au vendredi, 8 h – 12 h');
    await page.locator('label', { hasText: 'Ouvert aux mineurs' }).click();
    await screenshot(page, 'poste-formulaire');
    await expectAccessible(page, 'nouveau poste');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await heading(page, 'Entretien des espaces verts');
    expect(await page.getByText('2 places libres le').count()).toBe(1);
    expect(await page.getByText('Claire Morel').count()).toBeGreaterThan(0);
    await screenshot(page, 'poste-fiche');
    await expectAccessible(page, 'fiche du poste');

    await page.getByRole('link', { name: 'Association Les Jardins du Cœur' }).first().click();
    await heading(page, 'Association Les Jardins du Cœur');
    const dialog = page.getByRole('dialog', { name: 'Supprimer « Association Les Jardins du Cœur » ?' });
    await openModal(page.getByRole('button', { name: 'Supprimer', exact: true }).first(), dialog);
    // DSFR fades the modal in: axe measures colours once it is fully shown.
    await expect.poll(() => dialog.evaluate((el) => getComputedStyle(el).opacity)).toBe('1');
    await screenshot(page, 'structure-confirmation-suppression');
    await expectAccessible(page, 'confirmation de suppression');
    // Refused before it is tried: the dialog says why, and offers no button to confirm.
    await dialog.getByText('a encore 1 poste : supprimez-le d’abord', { exact: false }).waitFor();
    expect(await dialog.getByRole('button', { name: 'Mettre la structure à la corbeille' }).isDisabled()).toBe(true);
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await screenshot(page, 'structure-fiche');
    await expectAccessible(page, 'fiche de la structure');
    await page.screenshot({ path: join(screenshotDir, 'structure-fiche-complete.png'), fullPage: true });
    // Its habilitations, tutors and posts are lists of their own; a row opens its record.
    expect(await page.getByRole('table', { name: 'Habilitations de la structure' }).locator('tbody tr[data-index]').first().textContent()).toContain('Valide');
    expect(await page.getByRole('table', { name: 'Tuteurs de la structure' }).locator('tbody tr[data-index]').first().textContent()).toContain(
      'Entretien des espaces verts',
    );
    await page.getByRole('table', { name: 'Postes de la structure' }).getByRole('cell', { name: 'Espaces verts', exact: true }).click();
    await heading(page, 'Entretien des espaces verts');
    await page.getByText('Personne n’a encore été placé sur ce poste.').waitFor();
    await page.goBack();
    await heading(page, 'Association Les Jardins du Cœur');

    await page.getByRole('link', { name: 'Modifier', exact: true }).first().click();
    await heading(page, 'Modifier « Association Les Jardins du Cœur »');
    expect(await page.getByLabel('Type de structure').inputValue()).toBe('association');
    expect(await page.getByLabel('Département').inputValue()).toBe('54');
    await page.getByLabel('Téléphone du contact').fill('');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Structure modifiée.').waitFor();
    expect(await page.locator('dd', { hasText: '03 83 00 00 01' }).count()).toBe(0);

    await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Structures et postes TIG' }).click();
    await heading(page, 'Structures et postes TIG');
    await expect.poll(() => page.getByRole('row', { name: /Association Les Jardins du Cœur/ }).count()).toBe(1);
    expect(await page.getByRole('row', { name: /Association Les Jardins du Cœur/ }).textContent()).toContain('Valide');
    await screenshot(page, 'structures-liste');
    await expectAccessible(page, 'liste des structures');

    await page.getByRole('tab', { name: 'Postes de TIG' }).click();
    await heading(page, 'Structures et postes TIG');
    await page.getByRole('search', { name: 'Recherche de postes' }).waitFor();
    await expect.poll(() => page.getByRole('row', { name: /Entretien des espaces verts/ }).count()).toBe(1);
    await page.getByLabel('Domaine d’activité').selectOption({ label: 'Restauration' });
    await expect.poll(() => page.getByText('Aucun poste ne correspond à ces critères').count()).toBe(1);
    await page.getByLabel('Domaine d’activité').selectOption({ label: 'Espaces verts' });
    await page.getByLabel('Ouvert aux mineurs').selectOption({ label: 'Oui' });
    await chooseCommune(page, /^Commune/, 'Nancy', 'Nancy (54000)');
    const result = page.getByRole('row', { name: /Entretien des espaces verts/ });
    await expect.poll(() => result.count()).toBe(1);
    expect(await result.textContent()).toContain('Association Les Jardins du Cœur');
    expect(await result.textContent()).toContain('Claire Morel');
    expect(await result.textContent()).toContain('2 sur 2');
    await screenshot(page, 'postes-recherche');
    await expectAccessible(page, 'recherche de postes');
    await result.focus();
    await result.press('Enter');
    await heading(page, 'Entretien des espaces verts');
    await page.goBack();
    await expect.poll(() => page.getByLabel('Ouvert aux mineurs').inputValue()).toBe('oui');
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);

  it('imports the organisations file: refused rows reported with their reasons, nothing written before confirmation', async () => {
    const { context, page, problems } = await openApp(browser, site);
    await completeFirstRun(page);
    await page.goto(`${site.host.url}#/structures`);
    await heading(page, 'Structures et postes TIG');
    await page.getByRole('link', { name: 'Importer un fichier CSV' }).first().click();
    await heading(page, 'Importer des structures ou des postes');
    await expectAccessible(page, 'import : choix du fichier');
    await page.locator('input[type="file"]').setInputFiles(join(fixtures, 'organisations-windows-1252.csv'));
    await page.getByText('encodage Windows-1252 (Excel, ancien format), séparateur point-virgule').waitFor();
    expect(await page.getByLabel('Nom de la structure *').inputValue()).toBe('Raison sociale');
    await screenshot(page, 'import-colonnes');
    await expectAccessible(page, 'import : colonnes');
    await page.getByRole('button', { name: 'Vérifier les lignes' }).click();
    await page.getByRole('button', { name: 'Confirmer l’import de 4 structures d’accueil' }).waitFor();
    expect(await page.getByText('Rien n’a encore été enregistré.', { exact: false }).count()).toBe(1);
    for (const reason of [
      'SIRET invalide : 14 chiffres dont la clé de contrôle est juste',
      'Type de structure : champ obligatoire',
      'SIRET 77501234000011 : déjà présent plus haut dans le fichier',
    ]) {
      expect(await page.getByRole('cell', { name: reason }).count(), reason).toBe(1);
    }
    await screenshot(page, 'import-verification');
    await expectAccessible(page, 'import : vérification');

    // Another window of the same browser: its own log-in, then the same database.
    const other = await context.newPage();
    await other.goto(`${site.host.url}#/structures`);
    await logIn(other);
    await heading(other, 'Structures et postes TIG');
    await other.getByText('Aucune structure d’accueil enregistrée').waitFor();

    await page.getByRole('button', { name: 'Confirmer l’import de 4 structures d’accueil' }).click();
    await page.getByRole('heading', { name: '4 structures d’accueil importées' }).waitFor();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Télécharger le rapport (CSV)' }).click();
    const report = await readFile((await (await download).path())!, 'utf8');
    expect(report).toContain('6;Restos du Cœur – antenne de Toul;Refusée;SIRET invalide');
    expect(report).toContain('2;Association Les Jardins de Cocagne de Lorraine;Importée;');
    await screenshot(page, 'import-rapport');
    await expectAccessible(page, 'import : rapport');

    await other.reload();
    await heading(other, 'Structures et postes TIG');
    await expect.poll(() => other.getByText('4 lignes affichées sur 4').count()).toBe(1);

    await page.getByRole('button', { name: 'Importer un autre fichier' }).click();
    await page.locator('label', { hasText: 'Postes de TIG' }).click();
    await page.locator('input[type="file"]').setInputFiles(join(fixtures, 'postes-utf8-bom.csv'));
    await page.getByRole('button', { name: 'Vérifier les lignes' }).click();
    await page.getByRole('button', { name: 'Confirmer l’import de 3 postes de TIG' }).click();
    await page.getByRole('heading', { name: '3 postes de TIG importés' }).waitFor();
    expect(await page.getByRole('cell', { name: 'Aucune structure enregistrée au nom de « Association inconnue »' }).count()).toBe(1);

    await page.goto(`${site.host.url}#/import/personnes`);
    await heading(page, 'Importer des personnes suivies');
    await expectAccessible(page, 'import des personnes');
    expect(problems).toEqual([]);
    await context.close();
  });
});
