import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createMemoryRouter, RouterProvider, useLocation } from 'react-router';
import type { Bridge, BridgeResponse } from '../../../shared/bridge/contract.ts';
import { readIdentity } from '../../../shared/repos/identity.ts';
import type { SiteIdentity } from '../../../shared/schemas/site.ts';
import { testContext } from '../../../test/support/memoryDb.ts';
import '../../../test/support/renderApp.ts';
import { RepoProvider } from '../../app/index.ts';
import { SyncProvider } from '../sync/index.ts';
import { dashboardRoutes } from './index.ts';

beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 600 });
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 300 });
});
afterAll(() => {
  Reflect.deleteProperty(HTMLElement.prototype, 'clientWidth');
  Reflect.deleteProperty(HTMLElement.prototype, 'clientHeight');
});
afterEach(cleanup);

const site = (code: string, region: string, disp: string, lastBundleAt: string | null, lagDays: number | null, late: boolean) => ({
  siteId: `019b0000-0000-7000-8000-0000000000${code.slice(-2)}`,
  code,
  name: `SPIP ${code}`,
  kind: 'spip' as const,
  departement: code.slice(-2),
  region,
  disp,
  lastBundleAt,
  lagDays,
  late,
  retired: false,
});

const board: BridgeResponse<'hqDashboard'> = {
  on: '2026-12-05',
  sites: [
    site('SPIP-57', 'Grand Est', 'DISP de Strasbourg', '2026-11-20T10:00:00.000Z', 15, true),
    site('SPIP-59', 'Hauts-de-France', 'DISP de Lille', '2026-12-05T08:00:00.000Z', 0, false),
  ],
  records: [
    { region: 'Grand Est', disp: 'DISP de Strasbourg', entity: 'measure', count: 120 },
    { region: 'Hauts-de-France', disp: 'DISP de Lille', entity: 'measure', count: 62 },
    { region: 'Hauts-de-France', disp: 'DISP de Lille', entity: 'placement', count: 30 },
  ],
  hoursByMonth: Array.from({ length: 12 }, (_, i) => ({ month: `2026-${String(i + 1).padStart(2, '0')}`, hours: i === 10 ? 84 : 0 })),
};

/** What the Node side answers; a test sets it before mounting (the page keeps the bridge it first finds). */
let shown = board;
const hq = { ok: true as const, dir: '/données/hq', keyId: 'k1', createdAt: '2026-01-01T00:00:00.000Z', sites: 2, bundles: 5, conflicts: 3, quarantined: 1 };
window.passerelle = {
  appInfo: vi.fn(async () => ({ version: 'test', host: 'web' as const, dataDir: '/tmp' })),
  startSession: vi.fn(async () => ({ mode: 'hq' as const, hq })),
  syncStatus: vi.fn(async () => ({
    folder: null,
    reachable: false,
    checkedAt: null,
    hqKey: null,
    siteKeys: { state: 'missing' },
    keyStorage: { label: 'Mémoire', problem: null },
  })),
  hqStatus: vi.fn(async () => hq),
  hqDashboard: vi.fn(async () => shown),
  on: () => () => undefined,
} as unknown as Bridge;

function Where() {
  const { pathname, search } = useLocation();
  return <p>Écran {`${pathname}${search}`}</p>;
}

async function mount() {
  const ctx = await testContext({ kind: 'atigip', code: 'ATIGIP', name: 'ATIGIP', departement: '75', userName: 'Alex Durand' });
  const identity = (await readIdentity(ctx.db)) as SiteIdentity;
  const router = createMemoryRouter([{ path: '/', children: [...dashboardRoutes, { path: '*', Component: Where }] }], { initialEntries: ['/'] });
  render(
    <RepoProvider ctx={ctx} identity={identity}>
      <SyncProvider>
        <RouterProvider router={router} />
      </SyncProvider>
    </RepoProvider>,
  );
}

describe('headquarters dashboard', () => {
  it('shows the late sites first, the store’s counts linking to their tabs, and records by territory and kind', async () => {
    shown = board;
    await mount();
    await screen.findByText('Situation au 05/12/2026.');
    const summary = screen.getByTestId('hq-dashboard-summary');
    expect([...summary.querySelectorAll('dd')].map((d) => d.textContent)).toEqual(['2', '1', '3', '1']);
    const rows = [...screen.getByRole('table', { name: 'Sites et ancienneté de leur dernier lot' }).querySelectorAll('tbody tr[data-index]')];
    expect(rows.map((tr) => [tr.querySelectorAll('td')[0]!.textContent, tr.querySelectorAll('td')[6]!.textContent])).toEqual([
      ['SPIP-57', '15 jours'],
      ['SPIP-59', 'moins d’un jour'],
    ]);
    expect(screen.getByText('212 enregistrements consolidés ; la région qui en compte le plus : « Grand Est » (120).')).toBeTruthy();
    expect(within(screen.getByRole('figure', { name: 'Enregistrements par type' })).getByText('Mesure')).toBeTruthy();
    fireEvent.click(within(summary).getByRole('link', { name: '3' }));
    await screen.findByText('Écran /consolidation?onglet=conflicts');
  });

  it('says what to do when no bundle was imported, with no menu headquarters lacks', async () => {
    shown = { ...board, sites: [], records: [] };
    await mount();
    await screen.findByText('Aucun lot de site importé pour l’instant');
    expect(screen.queryByText(/Structures et postes TIG/)).toBeNull();
    expect(screen.getByRole('link', { name: 'Importer des lots' }).getAttribute('href')).toBe('/consolidation?onglet=import');
  });
});
