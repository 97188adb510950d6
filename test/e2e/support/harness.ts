import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { createServices, type Services } from '../../../electron/node/services.ts';
import { startWebHost, type RunningWebHost } from '../../../electron/webhost/server.ts';

const repoRoot = resolve(import.meta.dirname, '../../..');
export const screenshotDir = join(repoRoot, 'test-results', 'screenshots');

export interface Site {
  host: RunningWebHost;
  dataDir: string;
  services: Services;
  close(): Promise<void>;
}

/**
 * A web host on a free port with its own data folder, as `npm run web -- --port 0 --data DIR` would start:
 * the same services (file key store, import worker from source, the sync folder checked every minute).
 */
export async function startSite(label = 'site'): Promise<Site> {
  const dataDir = await mkdtemp(join(tmpdir(), `passerelle-e2e-${label}-`));
  const services = createServices({
    host: 'web',
    dataDir,
    version: 'e2e',
    importWorkerUrl: new URL('../../../electron/node/hq/importWorker.ts', import.meta.url),
  });
  const host = await startWebHost({ rendererDir: join(repoRoot, 'out', 'renderer'), port: 0, handlers: services.handlers, events: services.events });
  services.start();
  return {
    host,
    dataDir,
    services,
    close: async () => {
      services.stop();
      await host.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Chromium in French, as the desktop app (electron/main sets `lang` fr-FR): date fields read jj/mm/aaaa. The
 * contexts' `locale` only sets what pages read (navigator.language, Intl); the date fields follow the
 * browser's own language, which Chromium on Linux takes from the environment (and ignores `--lang`), and
 * which needs its French resources (Debian package chromium-l10n).
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      '--lang=fr-FR',
    ],
    env: { ...process.env, LANGUAGE: 'fr', LANG: 'fr_FR.UTF-8' },
  });
}

/**
 * The parts of the page's first date field in their order, as Chromium names them for assistive
 * technologies (`['Jour', 'Mois', 'Année']` in French): what a user sees in the field, which no DOM API reads.
 */
export async function dateFieldParts(page: Page): Promise<string[]> {
  const session = await page.context().newCDPSession(page);
  try {
    const { nodes } = await session.send('Accessibility.getFullAXTree');
    const parts = nodes.filter((n) => n.role?.value === 'spinbutton').map((n) => String(n.name?.value ?? '').split(' ')[0] ?? '');
    return parts.slice(0, 3);
  } finally {
    await session.detach();
  }
}

/**
 * A fresh browser context (its own empty IndexedDB) on the site; page errors and console errors (CSP
 * violations among them) are collected for the test to assert on.
 */
export async function openApp(browser: Browser, site: Site): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'fr-FR', timezoneId: 'Europe/Paris', acceptDownloads: true });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // Failed loads are reported below with their address.
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`console: ${m.text()}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${new URL(r.url()).pathname}`);
  });
  await page.goto(site.host.url);
  return { context, page, problems };
}

/** First run through the form, then an empty start or demo data. */
export async function completeFirstRun(
  page: Page,
  options: { kind?: string; code?: string; name?: string; departement?: string; user?: string; login?: string; demo?: boolean } = {},
): Promise<void> {
  await page.getByRole('heading', { name: 'Bienvenue dans Passerelle' }).waitFor();
  // DSFR draws the radio under its label: click the label, as a user does.
  if (options.kind) await page.locator('label', { hasText: options.kind }).click();
  await page.getByLabel('Code du site').fill(options.code ?? 'SPIP-54');
  await page.getByLabel('Nom du site').fill(options.name ?? 'SPIP de Meurthe-et-Moselle');
  await page.getByLabel('Département').selectOption(options.departement ?? '54');
  // The first run also offers to join an existing site, whose form asks for a name too.
  const setup = page.locator('form', { has: page.getByLabel('Code du site') });
  await setup.getByLabel('Votre nom').fill(options.user ?? 'Camille Martin');
  await page.getByRole('button', { name: 'Continuer' }).click();
  const choice = options.demo ? 'Charger des données de démonstration' : 'Commencer avec une base vide';
  await page.getByRole('button', { name: choice }).click();
  // The last step: the site's administrator account, named as the form above.
  await page.getByRole('heading', { level: 1, name: 'Votre compte administrateur' }).waitFor({ timeout: 60_000 });
  await page.getByLabel(/^Identifiant/).fill(options.login ?? ADMIN_LOGIN);
  await page.getByLabel(/^Mot de passe\s*12/).fill(ADMIN_PASSWORD);
  await page.getByLabel('Mot de passe, une deuxième fois').fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: 'Créer le compte et commencer' }).click();
  await page.getByRole('heading', { level: 1, name: 'Tableau de bord' }).waitFor({ timeout: 60_000 });
}

/** The administrator account `completeFirstRun` creates. */
export const ADMIN_LOGIN = 'c.martin';
export const ADMIN_PASSWORD = 'phrase de passe du test';

/** The log-in screen (a new window, a restored profile): the account's identifier and password, then the dashboard. */
export async function logIn(page: Page, login = ADMIN_LOGIN, password = ADMIN_PASSWORD): Promise<void> {
  await page.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor({ timeout: 60_000 });
  await page.getByLabel('Identifiant').fill(login);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
}

/** axe-core on the current screen: no serious or critical violation. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    bad.map((v) => `${screen}: ${v.id} (${v.impact}) ${v.help} -> ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    `accessibility violations on ${screen}`,
  ).toEqual([]);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: false });
}
