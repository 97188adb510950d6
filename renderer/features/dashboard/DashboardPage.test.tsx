import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testContext } from '../../../test/support/memoryDb.ts';
import { renderRoutes } from '../../../test/support/renderApp.ts';
import { adultInput, measureInput, seedPlacement } from '../../../test/support/tig.ts';
import { createHabilitation } from '../../../shared/repos/habilitations.ts';
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

const list = (name: RegExp) => screen.getByRole('region', { name });
const items = (name: RegExp) => within(list(name)).queryAllByRole('listitem').map((li) => li.textContent);
const links = (name: RegExp) => within(list(name)).queryAllByRole('link').map((a) => [a.textContent, a.getAttribute('href')]);

describe('dashboard', () => {
  it('lists what needs action, each item linking to its record', async () => {
    const ctx = await testContext();
    // Lefèvre: deadline on 1 January 2027 (in 37 days), placed on 1 October without any hours since.
    const { person, measure } = await seedPlacement(ctx, { plannedEnd: '2026-12-31' }, { decisionDate: '2025-06-01', offenceDate: '2025-01-10', periodStart: '2025-07-01' });
    await createIncident(ctx, { measureId: measure.id, date: '2026-11-10', kind: 'absence_injustifiee', description: 'Absent sans prévenir le tuteur' });
    const benali = await createPerson(ctx, { ...adultInput, lastName: 'Benali', firstName: 'Sarah', caseNumber: 'S-1' });
    await createMeasure(ctx, measureInput(benali.id));
    const toul = await createOrganisation(ctx, { name: 'Mairie de Toul', kind: 'collectivite_territoriale', communeName: 'Toul', departement: '54' });
    await createHabilitation(ctx, { organisationId: toul.id, decisionDate: '2021-12-01', validFrom: '2022-01-01', validUntil: '2027-01-10' });

    await renderRoutes(ctx, dashboardRoutes, '/');
    await screen.findByText('Situation au 25/11/2026.');
    const personLink = ['LEFÈVRE Julien', `/personnes/${person.id}`];

    expect(items(/^Échéances dans moins de 60 jours/)).toEqual(['LEFÈVRE Julien – TIG (peine)Échéance le 01/01/2027, dans 37 jours · 0 h sur 70 h']);
    expect(links(/^Échéances/)).toEqual([personLink]);
    expect(items(/^Habilitations qui expirent/)).toEqual(['Mairie de ToulHabilitée jusqu’au 10/01/2027, dans 46 jours']);
    expect(links(/^Habilitations/)).toEqual([['Mairie de Toul', `/structures/${toul.id}`]]);
    expect(items(/^Mises en situation sans heures/)).toEqual(['LEFÈVRE Julien – Entretien des espaces vertsAucune heure saisie depuis le début, il y a 55 jours']);
    expect(links(/^Mises en situation/)).toEqual([personLink]);
    expect(items(/^Incidents non signalés au JAP/)).toEqual(['LEFÈVRE Julien – Absence injustifiée le 10/11/2026Absent sans prévenir le tuteur']);
    expect(links(/^Incidents/)).toEqual([personLink]);

    const status = screen.getByRole('figure', { name: 'Mesures par statut' });
    expect(within(status).getByText('2 mesures au total ; le statut le plus fréquent est « À affecter » (1).')).toBeTruthy();
    const rows = within(status).getAllByRole('row').map((r) => r.textContent);
    expect(rows).toContain('À affecter1');
    expect(rows).toContain('En cours1');
    expect(within(status).getByRole('img').getAttribute('aria-label')).toBe('Mesures par statut. 2 mesures au total ; le statut le plus fréquent est « À affecter » (1).');
    expect(within(screen.getByRole('figure', { name: 'Postes actifs par domaine d’activité' })).getAllByRole('row').map((r) => r.textContent)).toEqual(['CatégoriePostes', 'Espaces verts1']);
  });

  it('says there is nothing to do in each list, and what to start with, on an empty site', async () => {
    const ctx = await testContext();
    await renderRoutes(ctx, dashboardRoutes, '/');
    await screen.findByText('Aucune activité à afficher pour l’instant');
    expect(within(list(/^Échéances/)).getByText('Aucune mesure en cours n’arrive à échéance dans les 60 prochains jours.')).toBeTruthy();
    expect(within(list(/^Habilitations/)).getByText('Aucune habilitation n’expire dans les 60 prochains jours.')).toBeTruthy();
    expect(within(list(/^Mises en situation/)).getByText(/ont des heures saisies depuis moins de 14 jours/)).toBeTruthy();
    expect(within(list(/^Incidents/)).getByText(/Tous les incidents enregistrés ont été signalés/)).toBeTruthy();
    expect(within(screen.getByRole('figure', { name: 'Heures réalisées par mois (12 derniers mois)' })).getByText('Aucune heure réalisée sur les douze derniers mois.')).toBeTruthy();
    expect(screen.queryAllByRole('img')).toEqual([]);
  });

  it('shows the first items of a long list, and all of them on demand', async () => {
    const ctx = await testContext();
    for (let i = 0; i < 8; i++) {
      const organisation = await createOrganisation(ctx, { name: `Association ${i + 1}`, kind: 'association', communeName: 'Nancy', departement: '54' });
      await createHabilitation(ctx, { organisationId: organisation.id, decisionDate: '2021-12-01', validFrom: '2022-01-01', validUntil: `2026-12-${String(10 + i)}` });
    }
    await renderRoutes(ctx, dashboardRoutes, '/');
    await waitFor(() => expect(items(/^Habilitations/)).toHaveLength(6));
    expect(items(/^Habilitations/)[0]).toBe('Association 1Habilitée jusqu’au 10/12/2026, dans 15 jours');
    const more = within(list(/^Habilitations/)).getByRole('button', { name: 'Afficher les 8' });
    expect(more.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(more);
    expect(items(/^Habilitations/)).toHaveLength(8);
    expect(within(list(/^Habilitations/)).getByRole('button', { name: 'Afficher moins' }).getAttribute('aria-expanded')).toBe('true');
  });
});
