import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Bridge } from '../../../shared/bridge/contract.ts';
import { applyOfficeBatch } from '../../../shared/office/apply.ts';
import { createPerson } from '../../../shared/repos/persons.ts';
import { testContext } from '../../../test/support/memoryDb.ts';
import { renderRoutes } from '../../../test/support/renderApp.ts';
import { SyncProvider } from '../sync/index.ts';
import { OfficePage } from './OfficePage.tsx';

const colleague = '019b0000-0000-7000-8000-0000000000c2';
const at = (iso: string) => `${iso}-0000-${colleague}`;

const bridge = {
  appInfo: vi.fn(async () => ({ version: 'test', host: 'web' as const, dataDir: '/tmp' })),
  startSession: vi.fn(async () => ({ mode: 'site' as const, hq: null })),
  syncStatus: vi.fn(async () => {
    throw new Error('hors sujet');
  }),
  syncCheckNow: vi.fn(async () => ({ status: { folder: null, reachable: false, checkedAt: '2026-11-25T10:00:00.000Z' }, inbox: { problems: [] } })),
  officeStatus: vi.fn(async () => ({
    enabled: true,
    deviceId: null,
    devices: [
      {
        deviceId: colleague,
        name: 'Poste de Julie',
        keyId: 'k2',
        issuedAt: '2026-11-24T10:00:00.000Z',
        addedBy: 'Poste de Camille',
        revokedAt: null,
        lastSeen: null,
        self: false,
      },
    ],
  })),
  officeRevoke: vi.fn(async () => ({ name: 'Poste de Julie', lastSequence: 3 })),
  on: () => () => undefined,
};
window.passerelle = bridge as unknown as Bridge;

afterEach(cleanup);

/** A workstation that applied a colleague's batch: an older value of a field it wrote (a conflict) and the same person again (to check). */
async function officeSite() {
  const ctx = await testContext();
  const person = await createPerson(ctx, {
    lastName: 'Lefèvre',
    firstName: 'Julien',
    birthDate: '1990-04-12',
    caseNumber: '2026/00123',
    counsellor: 'Camille Martin',
  });
  const applied = await applyOfficeBatch(ctx, {
    deviceId: colleague,
    sequence: 1,
    after: {},
    rows: [
      { entity: 'person', recordId: person.id, op: 'update', clock: at('2026-11-25T09:00:00.000Z'), by: 'Julie Petit', fields: { counsellor: 'Julie Petit' } },
      {
        entity: 'person',
        recordId: '019b0000-0000-7000-8000-0000000000d1',
        op: 'create',
        clock: at('2026-11-25T09:00:01.000Z'),
        by: 'Julie Petit',
        fields: { lastName: 'LEFEVRE', firstName: 'Julien', birthDate: '1990-04-12', caseNumber: '2026/00999', departement: '54' },
      },
    ],
  });
  expect(applied).toMatchObject({ status: 'applied', conflicts: 1, checks: 1 });
  await renderRoutes(ctx, [{ path: 'bureau', element: createElement(SyncProvider, null, createElement(OfficePage)) }], '/bureau');
  return { ctx, person };
}

/** A confirmation modal (DSFR keeps it in the page, closed, until its button opens it). */
function dialogTitled(title: string): HTMLElement {
  const dialog = screen.getAllByRole('dialog', { hidden: true }).find((d) => within(d).queryByRole('heading', { name: title, hidden: true }));
  if (!dialog) throw new Error(`no dialog « ${title} »`);
  return dialog;
}

describe('the office page', () => {
  it('lists a conflict with who wrote each value, and « Garder cette valeur » puts the lost one back', async () => {
    const { ctx, person } = await officeSite();
    const table = await screen.findByRole('table', { name: 'Conflits entre postes' });
    expect(within(table).getByText('Conseiller référent')).toBeTruthy();
    expect(within(table).getByText('Camille Martin')).toBeTruthy();
    expect(within(table).getByText(/^Julie Petit, /).textContent).toContain('25/11/2026');
    fireEvent.click(within(table).getByRole('button', { name: 'Garder cette valeur' }));
    await screen.findByText('Aucun conflit');
    expect((await ctx.db.persons.get(person.id))?.counsellor).toBe('Julie Petit');
  });

  it('lists the same person recorded on two workstations in « À vérifier », and « Fusionner » keeps one', async () => {
    const { ctx, person } = await officeSite();
    await screen.findByRole('heading', { name: 'À vérifier (1)' });
    const dialog = dialogTitled('Fusionner ces deux personnes ?');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Fusionner', hidden: true }));
    await screen.findByText('Rien à vérifier');
    const live = (await ctx.db.persons.toArray()).filter((p) => !p.deleted);
    expect(live).toHaveLength(1);
    expect([person.id, '019b0000-0000-7000-8000-0000000000d1']).toContain(live[0]!.id);
  });

  it('lists the workstations and removes one after confirmation', async () => {
    await officeSite();
    const devices = await screen.findByRole('table', { name: 'Postes du bureau' });
    expect(within(devices).getByText('Poste de Julie')).toBeTruthy();
    const dialog = dialogTitled('Retirer le poste « Poste de Julie » ?');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Retirer ce poste', hidden: true }));
    await waitFor(() => expect(bridge.officeRevoke).toHaveBeenCalledWith({ deviceId: colleague, confirmed: true }));
    await screen.findByText(/Le poste « Poste de Julie » est retiré/);
  });
});
