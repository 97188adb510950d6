import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testContext } from '../../../test/support/memoryDb.ts';
import { renderRoutes } from '../../../test/support/renderApp.ts';
import { adultInput, measureInput, seedPlacement } from '../../../test/support/tig.ts';
import { createHabilitation, updateHabilitation } from '../../../shared/repos/habilitations.ts';
import { createIncident } from '../../../shared/repos/incidents.ts';
import { createMeasure } from '../../../shared/repos/measures.ts';
import { createOrganisation } from '../../../shared/repos/organisations.ts';
import { createPerson } from '../../../shared/repos/persons.ts';
import { dashboardRoutes } from './index.ts';

// Recharts measures its container: give elements a size, as a window would.
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 600 });
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 300 });
});
afterAll(() => {
  Reflect.deleteProperty(HTMLElement.prototype, 'clientWidth');
  Reflect.deleteProperty(HTMLElement.prototype, 'clientHeight');
});
afterEach(cleanup);

const table = (name: string) => screen.getByRole('table', { name });
/** The body rows of a list as their cells' text; spacer rows have no cells of their own. */
const bodyRows = (name: string) =>
  [...table(name).querySelectorAll('tbody tr[data-index]')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent));
const links = (name: string) =>
  within(table(name))
    .queryAllByRole('link')
    .map((a) => [a.textContent, a.getAttribute('href')]);
const openTab = (name: string) => fireEvent.click(screen.getByRole('tab', { name }));

describe('dashboard', () => {
  it('lists what needs action, each item linking to its record', async () => {
    const ctx = await testContext();
    // Lefèvre: deadline on 1 January 2027 (in 37 days), placed on 1 October without any hours since.
    const { person, measure } = await seedPlacement(
      ctx,
      { plannedEnd: '2026-12-31' },
      { decisionDate: '2025-06-01', offenceDate: '2025-01-10', periodStart: '2025-07-01' },
    );
    await createIncident(ctx, { measureId: measure.id, date: '2026-11-10', kind: 'absence_injustifiee', description: 'Absent sans prévenir le tuteur' });
    const benali = await createPerson(ctx, { ...adultInput, lastName: 'Benali', firstName: 'Sarah', caseNumber: 'S-1' });
    await createMeasure(ctx, measureInput(benali.id));
    const toul = await createOrganisation(ctx, { name: 'Les Amis de Toul', kind: 'association', communeName: 'Toul', departement: '54' });
    await createHabilitation(ctx, { organisationId: toul.id, decisionDate: '2021-12-01', validFrom: '2022-01-01', validUntil: '2027-01-10' });

    const { router } = await renderRoutes(ctx, dashboardRoutes, '/');
    await screen.findByText('Situation au 25/11/2026.');
    const personLink = ['LEFÈVRE Julien', `/personnes/${person.id}#mesure-${measure.id}`];
    expect(screen.getAllByRole('tab').map((t) => t.textContent)).toEqual([
      'Échéances (1)',
      'Habilitations (1)',
      'Au-delà de l’habilitation (0)',
      'Sans heures (1)',
      'Incidents (1)',
    ]);

    expect(bodyRows('Échéances dans moins de 60 jours')).toEqual([
      ['LEFÈVRE Julien', 'TIG (peine)', 'En cours', '01/01/2027', 'dans 37 jours', '0 h sur 70 h'],
    ]);
    expect(links('Échéances dans moins de 60 jours')).toEqual([personLink]);
    openTab('Habilitations (1)');
    expect(bodyRows('Habilitations qui expirent')).toEqual([['Les Amis de Toul', '10/01/2027', 'dans 46 jours']]);
    expect(links('Habilitations qui expirent')).toEqual([['Les Amis de Toul', `/structures/${toul.id}`]]);
    openTab('Sans heures (1)');
    expect(bodyRows('Mises en situation sans heures depuis 14 jours')).toEqual([
      ['LEFÈVRE Julien', 'Entretien des espaces verts', 'Aucune depuis le début', '55'],
    ]);
    openTab('Incidents (1)');
    expect(bodyRows('Incidents non signalés au JAP')).toEqual([['LEFÈVRE Julien', '10/11/2026', 'Absence injustifiée', 'Absent sans prévenir le tuteur']]);
    expect(links('Incidents non signalés au JAP')).toEqual([personLink]);
    // A row opens its record, by click or Enter, as the link in it does.
    const row = table('Incidents non signalés au JAP').querySelector<HTMLElement>('tbody tr[data-index]')!;
    fireEvent.keyDown(row, { key: 'Enter' });
    expect(router.state.location.pathname + router.state.location.hash).toBe(`/personnes/${person.id}#mesure-${measure.id}`);
    await screen.findByText('Autre écran');
    await router.navigate('/');
    await screen.findByText('Situation au 25/11/2026.');

    const status = screen.getByRole('figure', { name: 'Mesures par statut' });
    expect(within(status).getByText('2 mesures au total ; le statut le plus fréquent est « À affecter » (1).')).toBeTruthy();
    const rows = within(status)
      .getAllByRole('row')
      .map((r) => r.textContent);
    expect(rows).toContain('À affecter1');
    expect(rows).toContain('En cours1');
    expect(within(status).getByRole('img').getAttribute('aria-label')).toBe(
      'Mesures par statut. 2 mesures au total ; le statut le plus fréquent est « À affecter » (1).',
    );
    expect(
      within(screen.getByRole('figure', { name: 'Postes actifs par domaine d’activité' }))
        .getAllByRole('row')
        .map((r) => r.textContent),
    ).toEqual(['CatégoriePostes', 'Espaces verts1']);
  });

  it('says there is nothing to do in each list, and what to start with, on an empty site', async () => {
    const ctx = await testContext();
    await renderRoutes(ctx, dashboardRoutes, '/');
    await screen.findByText('Aucune activité à afficher pour l’instant');
    expect(screen.getAllByRole('tab').map((t) => t.textContent)).toEqual([
      'Échéances (0)',
      'Habilitations (0)',
      'Au-delà de l’habilitation (0)',
      'Sans heures (0)',
      'Incidents (0)',
    ]);
    expect(screen.getByText('Aucune mesure en cours n’arrive à échéance dans les 60 prochains jours.')).toBeTruthy();
    openTab('Habilitations (0)');
    expect(screen.getByText('Aucune habilitation n’expire dans les 60 prochains jours.')).toBeTruthy();
    openTab('Au-delà de l’habilitation (0)');
    expect(screen.getByText('Toutes les mises en situation en cours finissent pendant l’habilitation de leur structure.')).toBeTruthy();
    openTab('Sans heures (0)');
    expect(screen.getByText(/ont des heures saisies depuis moins de 14 jours/)).toBeTruthy();
    openTab('Incidents (0)');
    expect(screen.getByText(/Tous les incidents enregistrés ont été signalés/)).toBeTruthy();
    expect(
      within(screen.getByRole('figure', { name: 'Heures réalisées par mois (12 derniers mois)' })).getByText(
        'Aucune heure réalisée sur les douze derniers mois.',
      ),
    ).toBeTruthy();
    expect(screen.queryAllByRole('img')).toEqual([]);
  });

  it('lists the placements that run past their host’s habilitation, before it ends', async () => {
    const ctx = await testContext();
    const { person, measure, habilitation } = await seedPlacement(ctx, { plannedEnd: '2027-03-31' });
    await updateHabilitation(ctx, habilitation!.id, { validUntil: '2027-01-10' });
    await renderRoutes(ctx, dashboardRoutes, '/');
    fireEvent.click(await screen.findByRole('tab', { name: 'Au-delà de l’habilitation (1)' }));
    const title = 'Mises en situation qui finissent après l’habilitation de leur structure';
    expect(bodyRows(title)).toEqual([
      ['LEFÈVRE Julien', 'Association Les Jardins du Cœur', 'Entretien des espaces verts', '10/01/2027', '31/03/2027', 'dans 46 jours'],
    ]);
    expect(links(title)).toEqual([['LEFÈVRE Julien', `/personnes/${person.id}#mesure-${measure.id}`]]);
  });

  it('sorts and filters a long list: habilitations soonest first, then by name', async () => {
    const ctx = await testContext();
    for (let i = 0; i < 8; i++) {
      const organisation = await createOrganisation(ctx, { name: `Association ${i + 1}`, kind: 'association', communeName: 'Nancy', departement: '54' });
      await createHabilitation(ctx, {
        organisationId: organisation.id,
        decisionDate: '2021-12-01',
        validFrom: '2022-01-01',
        validUntil: `2026-12-${String(17 - i)}`,
      });
    }
    await renderRoutes(ctx, dashboardRoutes, '/');
    fireEvent.click(await screen.findByRole('tab', { name: 'Habilitations (8)' }));
    const names = () => bodyRows('Habilitations qui expirent').map((r) => r[0]);
    expect(names()).toEqual([
      'Association 8',
      'Association 7',
      'Association 6',
      'Association 5',
      'Association 4',
      'Association 3',
      'Association 2',
      'Association 1',
    ]);
    fireEvent.click(within(screen.getByRole('columnheader', { name: /^Structure/ })).getByRole('button'));
    expect(names()[0]).toBe('Association 1');
    fireEvent.change(screen.getByLabelText('Rechercher'), { target: { value: '17/12' } });
    await waitFor(() => expect(names()).toEqual(['Association 1']));
    expect(screen.getByText('1 ligne affichée sur 8')).toBeTruthy();
  });
});
