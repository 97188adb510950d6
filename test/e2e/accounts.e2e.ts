import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeFirstRun, expectAccessible, launchBrowser, logIn, openApp, screenshot, startSite, type Site } from './support/harness.ts';

let browser: Browser;
let site: Site;

beforeAll(async () => {
  [browser, site] = await Promise.all([launchBrowser(), startSite('accounts')]);
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

const cpipPassword = 'phrase de la conseillère';

async function settings(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Paramètres', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Paramètres' }).waitFor();
}

async function setLockDelay(page: Page, minutes: string): Promise<void> {
  await settings(page);
  await page.getByLabel(/^Verrouillage après inactivité/).fill(minutes);
  await page.getByRole('button', { name: 'Enregistrer le délai' }).click();
  await page.getByText('Délai de verrouillage enregistré.').waitFor();
}

describe('accounts, log-in and lock', () => {
  it('an administrator creates a CPIP account; the screen locks after a short delay keeping a form, and a CPIP is refused a cadre’s deletion', async () => {
    const { context, page, problems } = await openApp(browser, site);
    await completeFirstRun(page);

    // The administrator creates a counsellor's account.
    await settings(page);
    await expectAccessible(page, 'paramètres, comptes');
    await page.getByText('Créer un compte').click();
    const create = page.locator('form', { has: page.getByLabel('Rôle') });
    await create.getByLabel('Nom et prénom').fill('Léa Conseillère');
    await create.getByLabel(/^Identifiant/).fill('l.conseillere');
    await create.getByLabel('Rôle').selectOption({ label: 'CPIP (conseiller pénitentiaire d’insertion et de probation)' });
    await create.getByLabel(/^Mot de passe\s*12/).fill(cpipPassword);
    await create.getByLabel('Mot de passe, une deuxième fois').fill(cpipPassword);
    await create.getByRole('button', { name: 'Créer le compte', exact: true }).click();
    await page.getByText('Compte de Léa Conseillère créé (identifiant l.conseillere).').waitFor({ timeout: 30_000 });
    expect(await page.getByRole('cell', { name: 'l.conseillere' }).count()).toBe(1);

    // A short lock delay (6 s), a form being typed, then nothing touched: the lock hides it and keeps it.
    await setLockDelay(page, '0,1');
    await page.goto(`${site.host.url}#/personnes/nouvelle`);
    await page.getByRole('heading', { level: 1, name: 'Nouvelle personne' }).waitFor();
    await page.getByLabel('Nom', { exact: true }).fill('Saisie-En-Cours');
    await page.getByRole('heading', { level: 1, name: 'Poste verrouillé' }).waitFor({ timeout: 30_000 });
    expect(await page.getByRole('heading', { level: 1, name: 'Nouvelle personne' }).isVisible()).toBe(false);
    expect(await page.getByLabel('Nom', { exact: true }).isVisible()).toBe(false);
    await screenshot(page, 'poste-verrouille');
    await expectAccessible(page, 'poste verrouillé');
    await page.getByLabel('Mot de passe').fill('pas le bon mot de passe');
    await page.getByRole('button', { name: 'Déverrouiller' }).click();
    await page.getByText('Identifiant ou mot de passe incorrect.').waitFor({ timeout: 30_000 });
    await page.getByLabel('Mot de passe').fill('phrase de passe du test');
    await page.getByRole('button', { name: 'Déverrouiller' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nouvelle personne' }).waitFor({ timeout: 30_000 });
    expect(await page.getByLabel('Nom', { exact: true }).inputValue()).toBe('Saisie-En-Cours');
    await page.getByLabel('Prénom', { exact: true }).fill('Zoé');
    await page.getByLabel('Date de naissance').fill('1990-03-04');
    await page.getByLabel('Numéro de dossier').fill('2026/555');
    await page.getByRole('button', { name: 'Créer la personne' }).click();
    await page.getByRole('heading', { level: 1, name: 'SAISIE-EN-COURS Zoé' }).waitFor();
    const personPage = page.url();
    await setLockDelay(page, '10');

    // Logged out, the counsellor logs in: she may follow the person, not delete her (a cadre's action).
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor();
    await expectAccessible(page, 'connexion');
    await screenshot(page, 'connexion');
    await logIn(page, 'l.conseillere', cpipPassword);
    const status = page.getByRole('status', { name: 'Barre d’état' });
    await status.waitFor({ timeout: 30_000 });
    expect(await status.textContent()).toContain('Léa Conseillère');
    await page.goto(personPage);
    await page.getByRole('heading', { level: 1, name: 'SAISIE-EN-COURS Zoé' }).waitFor();
    await page.getByRole('button', { name: 'Supprimer', exact: true }).click();
    await page.getByRole('button', { name: 'Mettre la personne à la corbeille' }).click();
    await page
      .getByText('Votre rôle (CPIP) ne permet pas la suppression d’une personne ou d’une mesure : demandez à un compte cadre ou administrateur.')
      .waitFor();
    await screenshot(page, 'cpip-refus');

    // Her settings show her account, without the site's accounts.
    await page.getByRole('button', { name: 'Annuler' }).click();
    await settings(page);
    await page.getByText('Connecté : Léa Conseillère (l.conseillere)', { exact: false }).waitFor();
    expect(await page.getByText('Créer un compte').count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  }, 180_000);
});
