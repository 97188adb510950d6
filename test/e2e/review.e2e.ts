import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readHqPublic } from '../../electron/node/hq/hqDir.ts';
import { nationalAgreements, nationalPartners } from '../../shared/repos/nationalPartners.ts';
import { createAgreement } from '../../shared/repos/agreements.ts';
import { saveEstablishmentProfile } from '../../shared/repos/establishmentProfiles.ts';
import { createPartner } from '../../shared/repos/partners.ts';
import { createProgramme } from '../../shared/repos/programmes.ts';
import { saveWorkshopFigures } from '../../shared/repos/workshopFigures.ts';
import { writeTransaction } from '../../shared/repos/writer.ts';
import { siteFixture } from '../support/sync.ts';
import { addMeasure, addPerson } from '../support/workshopFixtures.ts';
import { completeFirstRun, expectAccessible, launchBrowser, openApp, screenshot, startSite, type Site } from './support/harness.ts';
import { openModal } from './support/screens.ts';

let browser: Browser;
let site: Site;

beforeAll(async () => {
  [browser, site] = await Promise.all([launchBrowser(), startSite('bilan')]);
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

const thisYear = new Date().getFullYear();
const lastYear = thisYear - 1;

async function heading(page: Page, name: string | RegExp, level = 1): Promise<void> {
  await page.getByRole('heading', { level, name }).waitFor();
}

async function openPartnerships(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Partenariats', exact: true }).click();
  await heading(page, 'Partenariats');
}

/** The cells of the summary table's line for one indicator: this year, last year, change. */
async function summaryLine(page: Page, indicator: string): Promise<string[]> {
  const row = page
    .getByRole('table', { name: /^Synthèse/ })
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: indicator, exact: true }) });
  return row.locator('td').allTextContents();
}

/** A download started by `click`, saved to the test's temp folder: its suggested name and its bytes. */
async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [event] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = join(site.dataDir, event.suggestedFilename());
  await event.saveAs(path);
  return { name: event.suggestedFilename(), bytes: await readFile(path) };
}

/** French number as the application prints it. */
const fr = (n: number) => new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 }).format(n);

describe('partnerships and the annual review on a site', () => {
  // One demonstration site for both tests: loading it is the slow part.
  let demo: Awaited<ReturnType<typeof openApp>>;
  beforeAll(async () => {
    demo = await openApp(browser, site);
    await completeFirstRun(demo.page, { demo: true });
  });
  afterAll(async () => {
    await demo?.context.close();
  });

  it('lists partners and conventions, records a local partner and convention, refuses and confirms in French', async () => {
    const { page, problems } = demo;
    await openPartnerships(page);
    const partners = page.getByRole('table', { name: 'Partenaires' });
    await partners.waitFor();
    expect(await partners.getByText(/^Ville de /).count()).toBe(1);
    await expectAccessible(page, 'partenaires');
    await screenshot(page, 'partenariats-partenaires');

    await page.getByRole('link', { name: 'Ajouter un partenaire local' }).click();
    await heading(page, 'Nouveau partenaire local');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Nom du partenaire : champ obligatoire').waitFor();
    expect(await page.getByText('Type de partenaire : choisissez une valeur de la liste').count()).toBe(1);
    await expectAccessible(page, 'formulaire partenaire refusé');
    await page.getByLabel('Nom du partenaire *').fill('Association Tremplin');
    await page.getByLabel('Type de partenaire *').selectOption('association');
    await page.getByLabel('Nom du partenaire *').press('Enter');
    await heading(page, 'Association Tremplin');
    await page.getByText('Partenaire « Association Tremplin » enregistré.').waitFor();

    await page.getByRole('link', { name: 'Ajouter une convention avec ce partenaire' }).click();
    await heading(page, 'Nouvelle convention');
    expect(await page.getByLabel('Partenaire *').locator('option:checked').textContent()).toBe('Association Tremplin (local)');
    expect(await page.getByLabel('Type d’accord *').inputValue()).toBe('convention_locale');
    await page.getByLabel('Signé le *').fill(`${thisYear}-03-02`);
    await page.getByLabel('Valable à partir du *').fill(`${thisYear}-03-02`);
    await page.getByLabel('Valable jusqu’au').fill(`${thisYear}-01-01`);
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Champ de l’accord : cochez au moins une mesure ou activité').waitFor();
    await page.locator('label', { hasText: 'Travail d’intérêt général (TIG)' }).click();
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('La fin de validité doit suivre le début de validité').waitFor();
    await expectAccessible(page, 'formulaire convention refusé');
    await screenshot(page, 'partenariats-convention-refusee');
    await page.getByLabel('Valable jusqu’au').fill(`${thisYear + 2}-12-31`);
    await page.getByLabel('Engagements').fill('Accueil de deux personnes en TIG par mois.');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await heading(page, 'Convention locale – Association Tremplin');
    await page.getByText('Accueil de deux personnes en TIG par mois.', { exact: true }).waitFor();
    await expectAccessible(page, 'convention');

    // The partner cannot go while its convention names it; the convention goes after confirmation.
    await page.getByRole('link', { name: 'Association Tremplin' }).click();
    await heading(page, 'Association Tremplin');
    const confirmPartner = page.getByRole('dialog', { name: 'Supprimer « Association Tremplin » ?' });
    await openModal(page.getByRole('button', { name: 'Supprimer' }), confirmPartner);
    // The confirmation says why, and offers no button to confirm.
    await confirmPartner.getByText(/Ce partenaire est rattaché à 1 accord ou convention et 0 programme/).waitFor();
    expect(await confirmPartner.getByRole('button', { name: 'Mettre le partenaire à la corbeille' }).isDisabled()).toBe(true);
    await confirmPartner.getByRole('button', { name: 'Annuler' }).click();
    await confirmPartner.waitFor({ state: 'hidden' });
    await page.getByRole('table', { name: 'Accords et conventions avec Association Tremplin' }).getByRole('link', { name: 'Convention locale' }).click();
    await heading(page, 'Convention locale – Association Tremplin');
    const confirmAgreement = page.getByRole('dialog', { name: 'Supprimer cet accord ?' });
    await openModal(page.getByRole('button', { name: 'Supprimer' }), confirmAgreement);
    // DSFR fades the modal in: axe reads colours once it is opaque.
    await expect.poll(() => confirmAgreement.evaluate((e) => getComputedStyle(e).opacity)).toBe('1');
    await expectAccessible(page, 'confirmation de suppression');
    await confirmAgreement.getByRole('button', { name: 'Supprimer l’accord' }).click();
    await page.getByText('Convention locale avec « Association Tremplin » supprimée.').waitFor();

    // The town's convention names the two host organisations the demo attached to it.
    const agreements = page.getByRole('table', { name: 'Accords et conventions' });
    await agreements.waitFor();
    await expectAccessible(page, 'accords et conventions');
    await screenshot(page, 'partenariats-accords');
    const townRow = agreements.getByRole('row').filter({ hasText: /Ville de / });
    expect((await townRow.locator('td').allTextContents()).at(-1)).toBe('2');
    await townRow.click();
    await heading(page, /^Convention locale – Ville de /);
    expect(await page.getByRole('table', { name: 'Structures d’accueil rattachées à l’accord' }).getByRole('link').count()).toBe(2);
    await expectAccessible(page, 'convention avec structures');
    await screenshot(page, 'partenariats-convention');
    expect(problems).toEqual([]);
  }, 90_000);

  it('shows the review’s tables and charts, and exports them as XLSX and CSV', async () => {
    const { page, problems } = demo;
    // Whatever the previous test left open, the database stays: start from a fresh page on it.
    await page.reload();
    await openPartnerships(page);
    await page.getByRole('tab', { name: 'Bilan annuel' }).click();
    await heading(page, `Bilan annuel ${lastYear} – SPIP de Meurthe-et-Moselle (SPIP-54)`, 2);
    expect(await page.getByLabel('Année').inputValue()).toBe(String(lastYear));
    await page.getByLabel('Année').selectOption(String(thisYear));
    await heading(page, `Bilan annuel ${thisYear} – SPIP de Meurthe-et-Moselle (SPIP-54)`, 2);

    const tables = page.locator('section[aria-labelledby="bilan-tableaux"] table');
    expect(await tables.count()).toBe(7);
    const byKind = page.getByRole('table', { name: `Programmes par territoire (site) et type de programme, ${thisYear}` });
    expect(await byKind.getByRole('row').filter({ hasText: 'TIG pédagogique' }).count()).toBe(1);
    const sessions = await summaryLine(page, 'Séances de TIG pédagogique');
    expect(Number(sessions[0])).toBeGreaterThan(0);
    const hours = await summaryLine(page, 'Heures de TIG pédagogique');
    expect(hours[0]).toMatch(/^\d[\d\u202f]*(,\d+)?$/);
    // Every chart is drawn, with its description and its data as a table.
    const charts = page.locator('figure.app-review-chart');
    expect(await charts.count()).toBeGreaterThanOrEqual(4);
    await page.locator('figure.app-review-chart .recharts-surface').first().waitFor();
    expect(await page.locator('figure.app-review-chart .recharts-bar-rectangle').count()).toBeGreaterThan(4);
    await expectAccessible(page, 'bilan annuel');
    await screenshot(page, 'bilan-annuel');
    await page.locator('#bilan-graphiques').evaluate((e) => e.scrollIntoView());
    await screenshot(page, 'bilan-annuel-graphiques');
    await page.getByRole('heading', { name: 'Tableaux', level: 2 }).scrollIntoViewIfNeeded();
    await screenshot(page, 'bilan-annuel-tableaux');

    const xlsx = await download(page, () => page.getByRole('button', { name: 'Exporter en XLSX (un onglet par tableau)' }).click());
    expect(xlsx.name).toBe(`bilan-${thisYear}-spip-de-meurthe-et-moselle-spip-54.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.bytes.buffer.slice(xlsx.bytes.byteOffset, xlsx.bytes.byteOffset + xlsx.bytes.byteLength) as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      'Synthèse',
      'Partenaires',
      'Territoires (site)',
      'Programmes',
      'Programmes par partenaire',
      'Programmes par site',
      'Ateliers de production',
    ]);
    const summary = workbook.getWorksheet('Synthèse')!;
    expect((summary.getRow(1).values as unknown[]).slice(1)).toEqual(['Indicateur', String(thisYear), String(lastYear), 'Évolution']);
    const sheetLine = summary.getRows(2, summary.rowCount - 1)!.find((r) => r.getCell(1).value === 'Heures de TIG pédagogique')!;
    expect(fr(sheetLine.getCell(2).value as number)).toBe(hours[0]);
    expect(fr(sheetLine.getCell(3).value as number)).toBe(hours[1]);

    const csv = await download(page, () => page.getByRole('button', { name: `Télécharger en CSV : Programmes par partenaire, ${thisYear}` }).click());
    expect(csv.name).toBe(`bilan-${thisYear}-spip-de-meurthe-et-moselle-spip-54-programmes-partenaires.csv`);
    const lines = csv.bytes.toString('utf8').split('\r\n');
    expect(lines[0]).toBe(
      `\uFEFFPartenaire;Type de programme;Séances ${thisYear};Séances ${lastYear};Séances : évolution (%);Participants ${thisYear};Participants ${lastYear};Participants : évolution (%);Heures de présence ${thisYear};Heures de présence ${lastYear};Heures de présence : évolution (%)`,
    );
    expect(lines.some((l) => /;TIG pédagogique;\d+;/.test(l))).toBe(true);
    expect(problems).toEqual([]);
  }, 90_000);
});

/**
 * Three sites' bundles imported into the headquarters store the application created at its first start, through
 * the import channel the Consolidation screen calls.
 */
async function importSites(hq: Site): Promise<void> {
  await expect.poll(async () => (await hq.services.handlers.hqStatus({})).ok, { timeout: 20_000 }).toBe(true);
  const pub = await readHqPublic(join(hq.dataDir, 'hq'));
  const now = new Date().toISOString();
  const spip = await siteFixture({ code: 'SPIP-57', name: 'SPIP de la Moselle', departement: '57' }, now);
  const partner = await createPartner(spip.ctx, { name: 'Régie de quartier de Metz', kind: 'association', scope: 'local' });
  const convention = await createAgreement(spip.ctx, {
    partnerId: partner.id,
    kind: 'convention_locale',
    signedOn: `${lastYear}-01-15`,
    validFrom: `${lastYear}-01-15`,
    scope: ['tig'],
  });
  const person = await addPerson(spip.ctx);
  const measure = await addMeasure(spip.ctx, person.id, {
    decisionDate: `${lastYear}-01-05`,
    offenceDate: `${lastYear - 1}-10-01`,
    periodStart: `${lastYear}-02-01`,
  });
  await writeTransaction(spip.ctx, async (w) => {
    const host = await w.insert('organisation', {
      name: 'Régie de quartier',
      kind: 'association',
      communeName: 'Metz',
      departement: '57',
      agreementId: convention.id,
    });
    const post = await w.insert('post', {
      organisationId: host.id,
      tutorIds: [],
      title: 'Entretien',
      domain: 'espaces_verts',
      communeName: 'Metz',
      departement: '57',
      capacity: 2,
      openToMinors: false,
      accessiblePmr: true,
      active: true,
    });
    const placement = await w.insert('placement', {
      measureId: measure.id,
      postId: post.id,
      personId: person.id,
      startDate: `${lastYear}-03-02`,
      plannedEnd: `${lastYear}-06-30`,
      status: 'terminee',
      endedOn: `${lastYear}-06-30`,
    });
    await w.insert('hourLog', {
      measureId: measure.id,
      personId: person.id,
      placementId: placement.id,
      date: `${lastYear}-03-03`,
      hours: 7.5,
      confirmedByTutor: true,
    });
  });
  const prison = await siteFixture({ kind: 'etablissement', code: 'CP-METZ', name: 'CP de Metz', departement: '57' }, now);
  await saveEstablishmentProfile(prison.ctx, {
    name: 'Centre pénitentiaire de Metz',
    disp: 'strasbourg',
    communeName: 'Metz',
    departement: '57',
    capacity: 580,
    productionArea: 1800,
    storageArea: 400,
    domains: ['metallerie', 'conditionnement_logistique'],
    officerName: 'Nadia Keller',
    officerEmail: 'travail.cp-metz@justice.fr',
  });
  const workshop = await createProgramme(prison.ctx, {
    kind: 'atelier_production',
    title: 'Conditionnement',
    domain: 'conditionnement_logistique',
    milieu: 'ferme',
    places: 20,
  });
  await saveWorkshopFigures(prison.ctx, { programmeId: workshop.id, month: `${lastYear}-05`, workers: 16, hoursWorked: 2100 });
  const lille = await siteFixture({ kind: 'etablissement', code: 'CP-LILLE', name: 'CP de Lille', departement: '59' }, now);
  await saveEstablishmentProfile(lille.ctx, {
    name: 'Centre pénitentiaire de Lille-Annœullin',
    disp: 'lille',
    communeName: 'Annœullin',
    departement: '59',
    capacity: 800,
    productionArea: 600,
    storageArea: 1500,
    domains: ['dao'],
    officerName: 'Sophie Leroy',
  });

  const files = [];
  for (const s of [spip, prison, lille]) {
    const bundle = await s.export(pub);
    files.push({ name: bundle.name, base64: Buffer.from(bundle.bytes).toString('base64') });
  }
  const { results } = await hq.services.handlers.hqImport({ jobId: randomUUID(), source: { kind: 'files', files } });
  expect(results.map((r) => r.status)).toEqual(['accepted', 'accepted', 'accepted']);
}

describe('headquarters', () => {
  it('computes the national review from the consolidated store, per scope, and lists the establishments a company asks for', async () => {
    const hq = await startSite('siege');
    try {
      const { context, page, problems } = await openApp(browser, hq);
      await completeFirstRun(page, { kind: 'ATIGIP (siège)', code: 'ATIGIP', name: 'ATIGIP', departement: '75', user: 'Claire Siège' });
      // An empty start still installs the national reference list at headquarters.
      await openPartnerships(page);
      const partners = page.getByRole('table', { name: 'Partenaires' });
      await partners.getByText('ECTI', { exact: true }).waitFor();
      await expect.poll(() => partners.locator('tbody tr[data-index]').count()).toBe(nationalPartners.length);
      await page.getByText('34 accords-cadres nationaux signés le 12/11/2019', { exact: true }).waitFor();
      await page.getByRole('tab', { name: 'Accords et conventions' }).click();
      const agreements = page.getByRole('table', { name: 'Accords et conventions' });
      await expect.poll(() => agreements.locator('tbody tr[data-index]').count()).toBe(nationalAgreements.length);
      await page.getByText('34 accords-cadres nationaux signés le 12/11/2019', { exact: true }).waitFor();
      await screenshot(page, 'siege-accords-nationaux');

      await importSites(hq);
      await page.getByRole('tab', { name: 'Bilan annuel' }).click();
      await heading(page, `Bilan annuel ${lastYear} – Tous les sites`, 2);
      expect(await summaryLine(page, 'Heures de TIG en mise en situation')).toEqual(['7,5', '0', '—']);
      expect(await summaryLine(page, 'Heures travaillées en atelier')).toEqual([fr(2100), '0', '—']);
      const territories = page.getByRole('table', { name: new RegExp(`^Par territoire \\(région\\), ${lastYear}`) });
      expect(await territories.getByRole('rowheader').allTextContents()).toEqual(['Grand Est', 'Hauts-de-France', 'Total']);
      // Nationally, territories are regions and DISPs (from each site's département), TIG hours in both.
      const disps = page.getByRole('table', { name: `Par territoire (DISP), ${lastYear}`, exact: true });
      expect(await disps.getByRole('rowheader').allTextContents()).toEqual(['DISP de Lille', 'DISP de Strasbourg', 'Total']);
      expect(await disps.getByRole('columnheader').allTextContents()).toContain('Heures de TIG réalisées (total)');
      const xlsx = await download(page, () => page.getByRole('button', { name: 'Exporter en XLSX (un onglet par tableau)' }).click());
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(xlsx.bytes.buffer.slice(xlsx.bytes.byteOffset, xlsx.bytes.byteOffset + xlsx.bytes.byteLength) as ArrayBuffer);
      expect(workbook.worksheets.map((s) => s.name)).toEqual([
        'Synthèse',
        'Partenaires',
        'Territoires (région)',
        'Territoires (DISP)',
        'Programmes',
        'Programmes par partenaire',
        'Programmes par région',
        'Programmes par DISP',
        'Ateliers de production',
        'Ateliers (DISP)',
      ]);
      const dispSheet = workbook.getWorksheet('Territoires (DISP)')!;
      const header = (dispSheet.getRow(1).values as unknown[]).slice(1);
      const strasbourg = dispSheet.getRows(2, dispSheet.rowCount - 1)!.find((r) => r.getCell(1).value === 'DISP de Strasbourg')!;
      expect(strasbourg.getCell(header.indexOf(`Heures de TIG réalisées (total) ${lastYear}`) + 1).value).toBe(7.5);
      await expectAccessible(page, 'bilan national');
      await screenshot(page, 'siege-bilan-national');

      await page.getByLabel('Périmètre').selectOption('disp');
      await expect.poll(() => page.getByLabel('DISP', { exact: true }).locator('option').allTextContents()).toEqual(['DISP de Lille', 'DISP de Strasbourg']);
      await page.getByLabel('DISP', { exact: true }).selectOption('DISP de Strasbourg');
      await heading(page, `Bilan annuel ${lastYear} – DISP de Strasbourg`, 2);
      expect(await summaryLine(page, 'Heures travaillées en atelier')).toEqual([fr(2100), '0', '—']);
      // The SPIP of the Moselle has no establishment profile: its département puts it in the DISP of Strasbourg.
      expect(await summaryLine(page, 'Heures de TIG en mise en situation')).toEqual(['7,5', '0', '—']);
      await page.getByLabel('Périmètre').selectOption('site');
      await page.getByLabel('Site', { exact: true }).selectOption({ label: 'SPIP de la Moselle (SPIP-57)' });
      await heading(page, `Bilan annuel ${lastYear} – SPIP de la Moselle (SPIP-57)`, 2);
      expect(
        await page
          .getByRole('table', { name: `Par partenaire, ${lastYear}` })
          .getByRole('rowheader')
          .allTextContents(),
      ).toContain('Régie de quartier de Metz');

      await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Établissements (IPRO 360°)' }).click();
      await heading(page, 'Établissements (IPRO 360°)');
      await page.getByText('2 établissements répondent à cette demande, les plus grandes surfaces de production en premier.').waitFor();
      await page.getByLabel('Domaine d’activité').selectOption('metallerie');
      await page.getByLabel('Surface de stockage minimale (m²)').fill('300');
      await page.getByLabel('Surface de stockage minimale (m²)').press('Enter');
      await page.getByText('1 établissement répond à cette demande, les plus grandes surfaces de production en premier.').waitFor();
      const list = page.getByRole('table', { name: 'Établissements répondant à la demande' });
      expect(await list.locator('tbody tr[data-index] td').first().textContent()).toBe('Centre pénitentiaire de Metz');
      await list.locator('tbody tr[data-index]').first().click();
      expect(await page.getByRole('region', { name: 'Centre pénitentiaire de Metz' }).textContent()).toContain('travail.cp-metz@justice.fr');
      await expectAccessible(page, 'établissements');
      await screenshot(page, 'siege-etablissements');
      const csv = await download(page, () => page.getByRole('button', { name: 'Exporter en CSV' }).click());
      const lines = csv.bytes.toString('utf8').split('\r\n');
      expect(lines[0]).toBe('\uFEFFÉtablissement;Code;DISP;Commune;Places;Production (m²);Stockage (m²);Domaines;Référent');
      expect(lines[1]).toBe(
        'Centre pénitentiaire de Metz;CP-METZ;DISP de Strasbourg;Metz (57);580;1800;400;Métallerie, Conditionnement et logistique;Nadia Keller · travail.cp-metz@justice.fr',
      );
      expect(problems).toEqual([]);
      await context.close();
    } finally {
      await hq.close();
    }
  }, 90_000);
});
