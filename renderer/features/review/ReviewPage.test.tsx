import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Bridge, BridgeRequest } from '../../../shared/bridge/contract.ts';
import { BridgeError } from '../../../shared/bridge/envelope.ts';
import { writeTransaction } from '../../../shared/repos/writer.ts';
import { computeAnnualReview } from '../../../shared/review/annualReview.ts';
import type { ReviewData, SiteDirectoryEntry } from '../../../shared/review/types.ts';
import type { SiteSetupInput } from '../../../shared/schemas/site.ts';
import { testContext } from '../../../test/support/memoryDb.ts';
import { renderRoutes } from '../../../test/support/renderApp.ts';
import { addMeasure, addPerson } from '../../../test/support/workshopFixtures.ts';
import { reviewRoutes } from './index.ts';

const headquarters: SiteSetupInput = { kind: 'atigip', code: 'ATIGIP', name: 'ATIGIP', departement: '75', userName: 'Claire Siège' };

// The headquarters review comes over the bridge: the page finds this one where Electron's preload puts it.
const hqReview = vi.fn<(request: BridgeRequest<'hqReview'>) => ReturnType<Bridge['hqReview']>>();
beforeAll(() => {
  window.passerelle = { hqReview } as unknown as Bridge;
});
afterEach(() => {
  cleanup();
  hqReview.mockReset();
  vi.restoreAllMocks();
});

/** A convention's host with a post; a placement in 2024 (6 h) and one in 2025 (7 h + 3,5 h). */
async function siteWithPlacements() {
  const ctx = await testContext();
  await writeTransaction(ctx, async (w) => {
    const partner = await w.insert('partner', { name: 'Ville de Toul', kind: 'collectivite', scope: 'local' });
    const agreement = await w.insert('agreement', {
      partnerId: partner.id,
      kind: 'convention_locale',
      signedOn: '2024-01-10',
      validFrom: '2024-01-10',
      scope: ['tig'],
    });
    const host = await w.insert('organisation', {
      name: 'Médiathèque',
      kind: 'collectivite_territoriale',
      communeName: 'Toul',
      departement: '54',
      agreementId: agreement.id,
    });
    return w.insert('post', {
      organisationId: host.id,
      tutorIds: [],
      title: 'Rangement',
      domain: 'environnement_recyclage',
      communeName: 'Toul',
      departement: '54',
      capacity: 2,
      openToMinors: false,
      accessiblePmr: true,
      active: true,
    });
  }).then(async (post) => {
    const person = await addPerson(ctx);
    const measure = await addMeasure(ctx, person.id, { periodStart: '2024-03-01', decisionDate: '2024-02-01', offenceDate: '2023-10-01' });
    await writeTransaction(ctx, async (w) => {
      const before = await w.insert('placement', {
        measureId: measure.id,
        postId: post.id,
        personId: person.id,
        startDate: '2024-05-01',
        plannedEnd: '2024-06-30',
        status: 'terminee',
        endedOn: '2024-06-30',
      });
      await w.insert('hourLog', { measureId: measure.id, personId: person.id, placementId: before.id, date: '2024-05-02', hours: 6, confirmedByTutor: true });
      const now = await w.insert('placement', {
        measureId: measure.id,
        postId: post.id,
        personId: person.id,
        startDate: '2025-04-01',
        plannedEnd: '2025-06-30',
        status: 'terminee',
        endedOn: '2025-06-30',
      });
      await w.insert('hourLog', { measureId: measure.id, personId: person.id, placementId: now.id, date: '2025-04-02', hours: 7, confirmedByTutor: true });
      await w.insert('hourLog', { measureId: measure.id, personId: person.id, placementId: now.id, date: '2025-04-03', hours: 3.5, confirmedByTutor: true });
    });
  });
  return ctx;
}

function summaryRow(indicator: string): string[] {
  const table = screen.getByRole('table', { name: /^Synthèse/ });
  const row = within(table).getByRole('rowheader', { name: indicator }).closest('tr')!;
  return [...row.querySelectorAll('th, td')].map((c) => c.textContent ?? '');
}

describe('annual review on a site', () => {
  it('opens on the last full year, with the site as its scope, its tables in French formats and its charts', async () => {
    const ctx = await siteWithPlacements();
    await renderRoutes(ctx, reviewRoutes, '/partenariats/bilan');
    await screen.findByRole('heading', { level: 2, name: 'Bilan annuel 2025 – SPIP de Meurthe-et-Moselle (SPIP-54)' });
    expect((screen.getByLabelText('Année') as HTMLSelectElement).value).toBe('2025');
    expect(screen.getByText(/Périmètre :/).textContent).toContain('SPIP de Meurthe-et-Moselle');
    expect(screen.queryByLabelText('Périmètre')).toBeNull();
    expect(summaryRow('Mises en situation commencées')).toEqual(['Mises en situation commencées', '1', '1', '0 %']);
    expect(summaryRow('Heures de TIG en mise en situation')).toEqual(['Heures de TIG en mise en situation', '10,5', '6', '+75 %']);
    expect(summaryRow('Séances')).toEqual(['Séances', '0', '0', '—']);

    const partners = screen.getByRole('table', { name: 'Par partenaire, 2025' });
    expect(
      within(partners)
        .getAllByRole('columnheader')
        .map((h) => h.textContent)
        .slice(0, 6),
    ).toEqual(['Partenaire', 'Type', 'Portée', 'Postes de TIG offerts', 'Mises en situation commencées', 'Heures de TIG en mise en situation']);
    expect(within(partners).getByRole('rowheader', { name: 'Ville de Toul' })).toBeTruthy();
    expect(screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent)).toEqual(
      expect.arrayContaining(['Activité 2025 et 2024', 'Heures réalisées 2025 et 2024', 'Synthèse 2025', 'Ateliers de production par territoire (site), 2025']),
    );
    const hoursChart = screen.getByRole('figure', { name: 'Heures réalisées 2025 et 2024' });
    expect(within(hoursChart).getByRole('img').getAttribute('aria-label')).toContain('TIG en mise en situation : 10,5 h en 2025 (6 h en 2024)');
    expect(within(hoursChart).getByRole('table', { name: 'Heures réalisées 2025 et 2024' })).toBeTruthy();
  });

  it('follows the year chosen, and says what to record when a year has nothing to count', async () => {
    const ctx = await siteWithPlacements();
    await renderRoutes(ctx, reviewRoutes, '/partenariats/bilan');
    await screen.findByRole('heading', { level: 2, name: /^Bilan annuel 2025/ });
    fireEvent.change(screen.getByLabelText('Année'), { target: { value: '2024' } });
    await screen.findByRole('heading', { level: 2, name: /^Bilan annuel 2024/ });
    expect(summaryRow('Heures de TIG en mise en situation')).toEqual(['Heures de TIG en mise en situation', '6', '0', '—']);
    fireEvent.change(screen.getByLabelText('Année'), { target: { value: '2021' } });
    await screen.findByRole('heading', { name: 'Rien à compter pour 2021 ni pour 2020' });
    expect(screen.queryByRole('button', { name: /XLSX/ })).toBeNull();
  });

  it('downloads a table as a French CSV from its own button', async () => {
    const created: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => (created.push(blob as Blob), 'blob:bilan'));
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const downloads: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      downloads.push(this.download);
    });
    const ctx = await siteWithPlacements();
    await renderRoutes(ctx, reviewRoutes, '/partenariats/bilan');
    await screen.findByRole('heading', { level: 2, name: /^Bilan annuel 2025/ });
    fireEvent.click(screen.getByRole('button', { name: 'Télécharger en CSV : Synthèse 2025' }));
    expect(downloads).toEqual(['bilan-2025-spip-de-meurthe-et-moselle-spip-54-synthese.csv']);
    const text = await created[0]!.text();
    expect(text.split('\r\n')[0]).toBe('\uFEFFIndicateur;2025;2024;Évolution (%)');
    expect(text).toContain('\r\nHeures de TIG en mise en situation;10,5;6;75\r\n');
  });
});

describe('annual review at headquarters', () => {
  const site = (code: string, name: string, departement: string, region: string, disp: string, n: number): SiteDirectoryEntry => ({
    siteId: `01900000-0000-7000-8000-00000000000${n}`,
    code,
    name,
    kind: code.startsWith('CP') ? 'etablissement' : 'spip',
    departement,
    region,
    disp,
  });
  const directory = [
    site('CP-NANCY', 'CP de Nancy-Maxéville', '54', 'Grand Est', 'DISP de Strasbourg', 1),
    site('SPIP-54', 'SPIP de Meurthe-et-Moselle', '54', 'Grand Est', 'DISP de Strasbourg', 2),
    site('SPIP-59', 'SPIP du Nord', '59', 'Hauts-de-France', 'DISP de Lille', 3),
  ];
  const empty: ReviewData = {
    partners: [],
    agreements: [],
    organisations: [],
    posts: [],
    placements: [],
    hourLogs: [],
    programmes: [],
    sessions: [],
    attendance: [],
    workshopFigures: [],
  };
  const data: ReviewData = {
    ...empty,
    programmes: [{ id: 'w1', siteId: directory[0]!.siteId, kind: 'atelier_production' }],
    workshopFigures: [{ id: 'f1', siteId: directory[0]!.siteId, programmeId: 'w1', month: '2025-03', workers: 9, hoursWorked: 1234.5 }],
  };

  it('asks the Node side for all sites first, then the DISP, region or site chosen from the directory', async () => {
    hqReview.mockImplementation(async ({ year, scope }) => ({ review: computeAnnualReview(data, { year, scope, sites: directory }), directory }));
    const ctx = await testContext(headquarters);
    await renderRoutes(ctx, reviewRoutes, '/partenariats/bilan');
    await screen.findByRole('heading', { level: 2, name: 'Bilan annuel 2025 – Tous les sites' });
    expect(hqReview).toHaveBeenLastCalledWith({ year: 2025, scope: { kind: 'all' } });
    expect(summaryRow('Heures travaillées en atelier')).toEqual(['Heures travaillées en atelier', '1\u202f234,5', '0', '—']);
    expect(
      within(screen.getByRole('table', { name: 'Par territoire (région), 2025' }))
        .getAllByRole('rowheader')
        .map((h) => h.textContent),
    ).toEqual(['Grand Est', 'Hauts-de-France', 'Total']);
    const byDisp = screen.getByRole('table', { name: 'Par territoire (DISP), 2025' });
    expect(
      within(byDisp)
        .getAllByRole('rowheader')
        .map((h) => h.textContent),
    ).toEqual(['DISP de Lille', 'DISP de Strasbourg', 'Total']);
    expect(within(byDisp).getByRole('columnheader', { name: 'Heures de TIG réalisées (total)' })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 3, name: 'Programmes par territoire (DISP) et type de programme, 2025' })).toBeTruthy();
    const workshopsByDisp = screen.getByRole('table', { name: 'Ateliers de production par territoire (DISP), 2025' });
    const strasbourg = within(workshopsByDisp).getByRole('rowheader', { name: 'DISP de Strasbourg' }).closest('tr')!;
    expect([...strasbourg.querySelectorAll('td')].map((c) => c.textContent)).toEqual(['1', '0', '—', '9', '0', '—', '1\u202f234,5', '0', '—']);

    fireEvent.change(screen.getByLabelText('Périmètre'), { target: { value: 'disp' } });
    const disp = screen.getByLabelText('DISP') as HTMLSelectElement;
    expect([...disp.options].map((o) => o.text)).toEqual(['DISP de Lille', 'DISP de Strasbourg']);
    await waitFor(() => expect(hqReview).toHaveBeenLastCalledWith({ year: 2025, scope: { kind: 'disp', disp: 'DISP de Lille' } }));
    await screen.findByText('Rien à compter pour 2025 ni pour 2024');
    fireEvent.change(disp, { target: { value: 'DISP de Strasbourg' } });
    await screen.findByRole('heading', { level: 2, name: 'Bilan annuel 2025 – DISP de Strasbourg' });
    expect(hqReview).toHaveBeenLastCalledWith({ year: 2025, scope: { kind: 'disp', disp: 'DISP de Strasbourg' } });

    fireEvent.change(screen.getByLabelText('Périmètre'), { target: { value: 'site' } });
    expect([...(screen.getByLabelText('Site') as HTMLSelectElement).options].map((o) => o.text)).toEqual([
      'CP de Nancy-Maxéville (CP-NANCY)',
      'SPIP de Meurthe-et-Moselle (SPIP-54)',
      'SPIP du Nord (SPIP-59)',
    ]);
    await screen.findByRole('heading', { level: 2, name: 'Bilan annuel 2025 – CP de Nancy-Maxéville (CP-NANCY)' });

    fireEvent.change(screen.getByLabelText('Périmètre'), { target: { value: 'region' } });
    fireEvent.change(screen.getByLabelText('Région'), { target: { value: 'Hauts-de-France' } });
    await screen.findByText('Rien à compter pour 2025 ni pour 2024');
    expect(hqReview).toHaveBeenLastCalledWith({ year: 2025, scope: { kind: 'region', region: 'Hauts-de-France' } });
  });

  it('says in French why the review cannot be computed', async () => {
    hqReview.mockRejectedValue(
      new BridgeError(
        'Aucune base consolidée du siège sur ce poste : le bilan national et la liste des établissements se lisent dans les lots des sites importés en mode siège (ATIGIP).',
      ),
    );
    const ctx = await testContext(headquarters);
    await renderRoutes(ctx, reviewRoutes, '/partenariats/bilan');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Le bilan ne peut pas être calculé');
    expect(alert.textContent).toContain('Aucune base consolidée du siège sur ce poste');
    expect(hqReview).toHaveBeenCalledTimes(1);
    // Once headquarters mode has created its store, asking again gives the review.
    hqReview.mockImplementation(async ({ year, scope }) => ({ review: computeAnnualReview(data, { year, scope, sites: directory }), directory }));
    fireEvent.click(screen.getByRole('button', { name: 'Réessayer' }));
    await screen.findByText('Bilan annuel 2025 – Tous les sites');
    await waitFor(() => expect(hqReview).toHaveBeenCalledTimes(2));
  });
});
