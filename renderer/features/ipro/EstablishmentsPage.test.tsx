import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Bridge, BridgeRequest } from '../../../shared/bridge/contract.ts';
import { BridgeError } from '../../../shared/bridge/envelope.ts';
import type { EstablishmentRow } from '../../../shared/bridge/reviewSchemas.ts';
import { filterEstablishments } from '../../../shared/rules/establishments.ts';
import type { SiteSetupInput } from '../../../shared/schemas/site.ts';
import { testContext } from '../../../test/support/memoryDb.ts';
import { renderRoutes } from '../../../test/support/renderApp.ts';
import { iproRoutes } from './index.ts';

const headquarters: SiteSetupInput = { kind: 'atigip', code: 'ATIGIP', name: 'ATIGIP', departement: '75', userName: 'Claire Siège' };

const rows: EstablishmentRow[] = [
  {
    id: 'e1',
    siteId: 's1',
    siteCode: 'CP-NANCY',
    name: 'CP de Nancy-Maxéville',
    disp: 'strasbourg',
    communeName: 'Maxéville',
    departement: '54',
    capacity: 690,
    productionArea: 2400,
    storageArea: 600,
    domains: ['metallerie'],
    officerName: 'Karim Benali',
    officerPhone: '03 83 00 00 00',
  },
  {
    id: 'e2',
    siteId: 's2',
    siteCode: 'CP-LILLE',
    name: 'CP de Lille-Annœullin',
    disp: 'lille',
    communeName: 'Annœullin',
    departement: '59',
    capacity: 800,
    productionArea: 800,
    storageArea: 1500,
    domains: ['dao', 'recyclage_informatique'],
    officerName: 'Sophie Leroy',
    officerEmail: 'sophie.leroy@justice.fr',
  },
];

const hqEstablishments = vi.fn<(request: BridgeRequest<'hqEstablishments'>) => ReturnType<Bridge['hqEstablishments']>>();
let heightSpy: ReturnType<typeof vi.spyOn>;
beforeAll(() => {
  window.passerelle = { hqEstablishments } as unknown as Bridge;
  heightSpy = vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(600);
});
afterAll(() => heightSpy.mockRestore());
afterEach(() => {
  cleanup();
  hqEstablishments.mockReset();
});

const shownNames = () => [...document.querySelectorAll('tbody tr[data-index]')].map((r) => r.querySelector('td')?.textContent);

describe('establishments at headquarters (IPRO 360°)', () => {
  it('lists every profile, then only those answering the company’s request', async () => {
    hqEstablishments.mockImplementation(async (filter) => ({ establishments: filterEstablishments(rows, filter) }));
    const ctx = await testContext(headquarters);
    await renderRoutes(ctx, iproRoutes, '/etablissements');
    await screen.findByText('2 établissements répondent à cette demande, les plus grandes surfaces de production en premier.');
    expect(hqEstablishments).toHaveBeenCalledWith({});
    expect(shownNames()).toEqual(['CP de Nancy-Maxéville', 'CP de Lille-Annœullin']);
    expect(document.body.textContent).toContain('Recyclage de matériels informatiques');
    fireEvent.click(screen.getAllByText('CP de Lille-Annœullin')[0]!);
    const card = await screen.findByRole('region', { name: 'CP de Lille-Annœullin' });
    expect(card.textContent).toContain('Surface de stockage (m²)1\u202f500 m²');
    expect(card.textContent).toContain('Contactsophie.leroy@justice.fr');

    fireEvent.change(screen.getByLabelText('Surface de stockage minimale (m²)'), { target: { value: '1 000' } });
    fireEvent.change(screen.getByLabelText('Domaine d’activité'), { target: { value: 'dao' } });
    fireEvent.click(screen.getByRole('button', { name: 'Rechercher' }));
    await screen.findByText('1 établissement répond à cette demande, les plus grandes surfaces de production en premier.');
    expect(hqEstablishments).toHaveBeenLastCalledWith({ domain: 'dao', minStorageArea: 1000 });
    expect(shownNames()).toEqual(['CP de Lille-Annœullin']);

    fireEvent.change(screen.getByLabelText('DISP'), { target: { value: 'strasbourg' } });
    fireEvent.click(screen.getByRole('button', { name: 'Rechercher' }));
    await screen.findByText('Aucun établissement ne répond à cette demande.');
    expect(screen.getByText('Élargissez la demande : une autre DISP, un autre domaine, des surfaces plus petites.')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Effacer la demande' }));
    await screen.findByText(/^2 établissements répondent/);
  });

  it('refuses an unreadable area in French without asking, and shows why the list cannot be read', async () => {
    hqEstablishments.mockRejectedValue(
      new BridgeError(
        'Aucune base consolidée du siège sur ce poste : le bilan national et la liste des établissements se lisent dans les lots des sites importés en mode siège (ATIGIP).',
      ),
    );
    const ctx = await testContext(headquarters);
    await renderRoutes(ctx, iproRoutes, '/etablissements');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('La liste des établissements ne peut pas être lue');
    expect(alert.textContent).toContain('Aucune base consolidée du siège sur ce poste');
    fireEvent.change(screen.getByLabelText('Surface de production minimale (m²)'), { target: { value: '-20' } });
    fireEvent.click(screen.getByRole('button', { name: 'Rechercher' }));
    await waitFor(() => expect(screen.getByText('Surface de production minimale : nombre de m² positif attendu (ex. 500).')).toBeTruthy());
    expect(hqEstablishments).toHaveBeenCalledTimes(1);
    hqEstablishments.mockImplementation(async (filter) => ({ establishments: filterEstablishments(rows, filter) }));
    fireEvent.click(screen.getByRole('button', { name: 'Réessayer' }));
    await screen.findByText(/^2 établissements répondent/);
  });

  it('tells a site that the list is kept at headquarters', async () => {
    const ctx = await testContext();
    await renderRoutes(ctx, iproRoutes, '/etablissements');
    await screen.findByText('Liste tenue au siège');
    expect(hqEstablishments).not.toHaveBeenCalled();
  });
});
