import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testContext } from '../../../test/support/memoryDb.ts';
import { renderRoutes } from '../../../test/support/renderApp.ts';
import { fieldMessage, giveElementsASize, installDsfrModals } from '../../../test/support/screens.ts';
import { seedPlacement } from '../../../test/support/tig.ts';
import { createIncident } from '../../../shared/repos/incidents.ts';
import { personsRoutes } from './index.ts';

let restoreSize: () => void;
let restoreModals: () => void;
beforeAll(() => {
  restoreSize = giveElementsASize();
  restoreModals = installDsfrModals();
});
afterAll(() => {
  restoreSize();
  restoreModals();
});
afterEach(cleanup);

const incidentRows = () =>
  [...screen.getByRole('table', { name: 'Incidents de la mesure' }).querySelectorAll<HTMLElement>('tbody tr[data-index]')].map((tr) =>
    [...tr.querySelectorAll('td')].slice(0, 5).map((td) => td.textContent),
  );

describe('incidents of a measure', () => {
  it('lists them latest first, filters those not reported to the JAP, and opens one for correction', async () => {
    const ctx = await testContext();
    const { person, measure, placement } = await seedPlacement(ctx);
    const late = await createIncident(ctx, {
      measureId: measure.id,
      placementId: placement.id,
      date: '2026-11-20',
      kind: 'retard',
      description: 'Arrivé à 10 h',
    });
    await createIncident(ctx, {
      measureId: measure.id,
      date: '2026-11-02',
      kind: 'comportement',
      description: 'Propos déplacés',
      reportedToJapOn: '2026-11-03',
    });
    const { router } = await renderRoutes(ctx, personsRoutes, `/personnes/${person.id}`);

    await waitFor(() => expect(incidentRows()).toHaveLength(2));
    expect(incidentRows()).toEqual([
      ['20/11/2026', 'Retard', 'Arrivé à 10 h', 'Entretien des espaces verts', 'Non signalé'],
      ['02/11/2026', 'Comportement', 'Propos déplacés', 'Mesure', 'le 03/11/2026'],
    ]);
    const table = screen.getByRole('table', { name: 'Incidents de la mesure' }).closest('.fr-table') as HTMLElement;
    fireEvent.change(within(table).getByLabelText('Signalé au JAP'), { target: { value: 'non' } });
    await waitFor(() => expect(incidentRows()).toHaveLength(1));

    const row = screen.getByRole('table', { name: 'Incidents de la mesure' }).querySelector<HTMLElement>('tbody tr[data-index]')!;
    fireEvent.keyDown(row, { key: 'Enter' });
    expect(router.state.location.pathname).toBe(`/personnes/${person.id}/mesures/${measure.id}/incidents/${late.id}/modifier`);
    await screen.findByRole('heading', { level: 1, name: 'Modifier l’incident du 20/11/2026' });
  });

  it('corrects an incident with the rules of its creation, and shows its history', async () => {
    const ctx = await testContext();
    const { person, measure, placement } = await seedPlacement(ctx);
    const incident = await createIncident(ctx, {
      measureId: measure.id,
      placementId: placement.id,
      date: '2026-11-20',
      kind: 'retard',
      description: 'Arrivé à 10 h',
    });
    const { router } = await renderRoutes(ctx, personsRoutes, `/personnes/${person.id}/mesures/${measure.id}/incidents/${incident.id}/modifier`);
    await screen.findByRole('heading', { level: 1, name: 'Modifier l’incident du 20/11/2026' });
    expect((screen.getByLabelText('Nature') as HTMLSelectElement).value).toBe('retard');
    expect((screen.getByLabelText(/^Mise en situation/) as HTMLSelectElement).value).toBe(placement.id);
    expect(within(await screen.findByRole('region', { name: 'Historique de l’incident' })).getByText(/^Création/)).toBeTruthy();

    const date = screen.getByLabelText('Date');
    fireEvent.change(date, { target: { value: '2026-11-26' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer les modifications' }));
    await waitFor(() => expect(fieldMessage(date)).toBe('Un incident ne peut être daté dans le futur'));

    fireEvent.change(date, { target: { value: '2026-11-19' } });
    fireEvent.change(screen.getByLabelText(/^Mise en situation/), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Description'), { target: { value: 'Arrivé à 11 h, sans prévenir' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer les modifications' }));
    await waitFor(() => expect(router.state.location.pathname).toBe(`/personnes/${person.id}`));
    expect(router.state.location.hash).toBe(`#mesure-${measure.id}`);
    const saved = await ctx.db.incidents.get(incident.id);
    expect(saved).toMatchObject({ date: '2026-11-19', description: 'Arrivé à 11 h, sans prévenir' });
    expect(saved?.placementId).toBeUndefined();
    await screen.findByText('Incident modifié.');
  });
});
