import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testContext } from '../../../test/support/memoryDb.ts';
import { renderRoutes } from '../../../test/support/renderApp.ts';
import { fieldMessage, giveElementsASize, installDsfrModals } from '../../../test/support/screens.ts';
import { seedMeasure, seedPlacement } from '../../../test/support/tig.ts';
import { addHourLogs, hourLogsOfMeasure } from '../../../shared/repos/hourLogs.ts';
import { listMeasures } from '../../../shared/repos/measures.ts';
import { listPersons } from '../../../shared/repos/persons.ts';
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

const openModal = () => document.querySelector<HTMLElement>('dialog[open]')!;
const statusOf = async (ctx: Awaited<ReturnType<typeof testContext>>) => (await listMeasures(ctx))[0]?.status;

describe('the week of hours on the person page', () => {
  it('saves the whole week or nothing, with the refusal on the day it concerns', async () => {
    const ctx = await testContext();
    // Placement from 1 October 2026, 20 hours ordered; today is Wednesday 25 November 2026.
    const { person, measure } = await seedPlacement(ctx, {}, { hoursOrdered: 20 });
    await renderRoutes(ctx, personsRoutes, `/personnes/${person.id}`);
    const week = await screen.findByRole('form', { name: 'Saisir une semaine d’heures' });
    fireEvent.change(within(week).getByLabelText(/^Semaine du/), { target: { value: '2026-11-18' } });
    const day = (label: string) => within(week).getByLabelText(label);
    fireEvent.change(day('Lundi 16/11'), { target: { value: '7' } });
    fireEvent.change(day('Mardi 17/11'), { target: { value: '7' } });
    fireEvent.change(day('Mercredi 18/11'), { target: { value: '7' } });
    fireEvent.submit(week);
    await waitFor(() => expect(fieldMessage(day('Mercredi 18/11'))).toBe('Le total dépasserait les 20 h ordonnées : 14 h déjà effectuées, 6 h restantes'));
    expect(fieldMessage(day('Lundi 16/11'))).toBeNull();
    expect(within(week).getByText(/Rien n’a été enregistré pour cette semaine/)).toBeTruthy();
    expect(await hourLogsOfMeasure(ctx, measure.id)).toEqual([]);

    fireEvent.change(day('Mercredi 18/11'), { target: { value: '6' } });
    fireEvent.click(within(week).getByLabelText('Heures confirmées par le tuteur'));
    fireEvent.submit(week);
    await screen.findByText('20 h enregistrées sur 3 jours (semaine du 16/11/2026).');
    expect((await hourLogsOfMeasure(ctx, measure.id)).map((l) => [l.date, l.hours, l.confirmedByTutor])).toEqual([
      ['2026-11-16', 7, true],
      ['2026-11-17', 7, true],
      ['2026-11-18', 6, true],
    ]);
    // All the hours ordered are done: the measure ends, and its attestation is offered.
    await waitFor(async () => expect(await statusOf(ctx)).toBe('terminee'));
    await screen.findByRole('link', { name: /Attestation d’heures/ });
    expect(screen.queryByRole('form', { name: 'Saisir une semaine d’heures' })).toBeNull();
    // Hours of an ended measure can no longer be changed, but the tutor's confirmation can still be recorded.
    expect(screen.queryByRole('button', { name: /^Modifier les heures/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Confirmer les heures/ })).toBeNull();
  });

  it('starts every week with the tutor’s confirmation unticked, even after a confirmed week', async () => {
    const ctx = await testContext();
    const { person } = await seedPlacement(ctx);
    await renderRoutes(ctx, personsRoutes, `/personnes/${person.id}`);
    const week = await screen.findByRole('form', { name: 'Saisir une semaine d’heures' });
    const confirmed = () => within(week).getByLabelText('Heures confirmées par le tuteur') as HTMLInputElement;
    fireEvent.change(within(week).getByLabelText(/^Semaine du/), { target: { value: '2026-11-16' } });
    fireEvent.change(within(week).getByLabelText('Lundi 16/11'), { target: { value: '7' } });
    fireEvent.click(confirmed());
    expect(confirmed().checked).toBe(true);
    fireEvent.submit(week);
    await screen.findByText('7 h enregistrées sur 1 jour (semaine du 16/11/2026).');
    expect(confirmed().checked).toBe(false);
  });

  it('records the tutor’s confirmation of a day after the measure ended', async () => {
    const ctx = await testContext();
    const { person, measure, placement } = await seedPlacement(ctx, {}, { hoursOrdered: 20 });
    const log = (date: string, hours: number) => ({
      measureId: measure.id,
      personId: person.id,
      placementId: placement.id,
      date,
      hours,
      confirmedByTutor: false,
    });
    await addHourLogs(ctx, [log('2026-11-16', 10), log('2026-11-17', 10)]);
    expect(await statusOf(ctx)).toBe('terminee');
    await renderRoutes(ctx, personsRoutes, `/personnes/${person.id}`);
    fireEvent.click(await screen.findByRole('button', { name: 'Confirmer les heures du 16/11/2026' }));
    await screen.findByText('Heures du 16/11/2026 confirmées par le tuteur.');
    expect((await hourLogsOfMeasure(ctx, measure.id)).map((l) => [l.date, l.confirmedByTutor])).toEqual([
      ['2026-11-16', true],
      ['2026-11-17', false],
    ]);
  });

  it('refuses a day over 12 hours and a day in the future, and saves none of the week', async () => {
    const ctx = await testContext();
    const { person, measure } = await seedPlacement(ctx);
    await renderRoutes(ctx, personsRoutes, `/personnes/${person.id}`);
    const week = await screen.findByRole('form', { name: 'Saisir une semaine d’heures' });
    fireEvent.change(within(week).getByLabelText('Lundi 23/11'), { target: { value: '4' } });
    fireEvent.change(within(week).getByLabelText('Mardi 24/11'), { target: { value: '12,25' } });
    fireEvent.change(within(week).getByLabelText('Jeudi 26/11'), { target: { value: '3' } });
    fireEvent.submit(week);
    await waitFor(() => expect(within(week).getAllByText(/12 heures au plus par jour pour une même personne/).length).toBeGreaterThan(0));
    expect(await hourLogsOfMeasure(ctx, measure.id)).toEqual([]);
    // The first refused day stops the week; once corrected, the next refusal shows.
    fireEvent.change(within(week).getByLabelText('Mardi 24/11'), { target: { value: '4' } });
    fireEvent.submit(week);
    await waitFor(() => expect(within(week).getAllByText(/Le 26\/11\/2026 est dans le futur/).length).toBeGreaterThan(0));
    expect(await hourLogsOfMeasure(ctx, measure.id)).toEqual([]);
  });
});

describe('the history of the file', () => {
  it('tells every change of the person and their measures, coded values in words and without the links', async () => {
    const ctx = await testContext();
    const { person } = await seedMeasure(ctx);
    await renderRoutes(ctx, personsRoutes, `/personnes/${person.id}`);
    fireEvent.click(await screen.findByRole('button', { name: 'Historique des modifications (2)' }));
    const entries = [...document.querySelectorAll('.app-person-history > li')].map((li) => li.textContent ?? '');
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatch(/^Création · Mesure le 25\/11\/2026 à 11:00 par Camille Martin/);
    expect(entries[0]).toContain('Nature de la mesure : TIG (peine)');
    expect(entries[0]).toContain('Statut : À affecter');
    expect(entries[0]).not.toContain('Personne :');
    expect(entries[1]).toMatch(/^Création · Personne/);
  });
});

describe('deleting a person', () => {
  it('is refused while the person has a measure, then done after a confirmation', async () => {
    const ctx = await testContext();
    const { person } = await seedMeasure(ctx);
    const { router } = await renderRoutes(ctx, personsRoutes, `/personnes/${person.id}`);
    await screen.findByRole('list', { name: 'Actions sur la mesure' });
    fireEvent.click(screen.getByRole('button', { name: 'Supprimer' }));
    expect(within(openModal()).getByText(/La fiche de LEFÈVRE Julien \(dossier 2026\/00123\) sera supprimée/)).toBeTruthy();
    fireEvent.submit(within(openModal()).getByRole('button', { name: 'Supprimer la personne' }).closest('form')!);
    await within(openModal()).findByText('LEFÈVRE Julien a 1 mesure : supprimez-les d’abord.');
    expect(await listPersons(ctx)).toHaveLength(1);
    fireEvent.click(within(openModal()).getByRole('button', { name: 'Annuler' }));

    fireEvent.click(within(screen.getByRole('list', { name: 'Actions sur la mesure' })).getByRole('button', { name: /Supprimer la mesure/ }));
    fireEvent.submit(within(openModal()).getByRole('button', { name: 'Supprimer la mesure' }).closest('form')!);
    await screen.findByText('Aucune mesure');
    fireEvent.click(screen.getByRole('button', { name: 'Supprimer' }));
    fireEvent.submit(within(openModal()).getByRole('button', { name: 'Supprimer la personne' }).closest('form')!);
    await waitFor(() => expect(router.state.location.pathname).toBe('/personnes'));
    expect(await listPersons(ctx)).toEqual([]);
  });
});

describe('status actions', () => {
  it('offers what the status machine allows and shows refusals in French', async () => {
    const ctx = await testContext();
    const { person } = await seedMeasure(ctx);
    await renderRoutes(ctx, personsRoutes, `/personnes/${person.id}`);
    const actions = await screen.findByRole('list', { name: 'Actions sur la mesure' });
    const buttons = () =>
      within(actions)
        .getAllByRole('button')
        .map((b) => b.textContent?.trim());
    expect(buttons()).toEqual(['Suspendre', 'Révoquer', 'Transférer', 'Supprimer la mesure']);

    // Suspend without a reason: refused, the measure unchanged.
    fireEvent.click(within(actions).getByRole('button', { name: 'Suspendre' }));
    fireEvent.submit(within(openModal()).getByRole('button', { name: 'Suspendre la mesure' }).closest('form')!);
    await within(openModal()).findAllByText(/Motif de la suspension : champ obligatoire/);
    expect(await statusOf(ctx)).toBe('a_affecter');
    fireEvent.change(within(openModal()).getByLabelText(/^Motif/), { target: { value: 'Incarcération' } });
    fireEvent.submit(within(openModal()).getByRole('button', { name: 'Suspendre la mesure' }).closest('form')!);
    await waitFor(async () => expect(await statusOf(ctx)).toBe('suspendue'));
    await waitFor(() => expect(buttons()).toEqual(['Reprendre', 'Révoquer', 'Transférer', 'Supprimer la mesure']));
    expect(document.querySelector('dialog[open]')).toBeNull();

    // Resuming on the day the suspension began is refused with the rule's message next to the date.
    fireEvent.click(within(actions).getByRole('button', { name: 'Reprendre' }));
    fireEvent.submit(within(openModal()).getByRole('button', { name: 'Reprendre la mesure' }).closest('form')!);
    await within(openModal()).findByText('La reprise doit suivre le début de la suspension (25/11/2026)');
    expect(await statusOf(ctx)).toBe('suspendue');
    fireEvent.click(within(openModal()).getByRole('button', { name: 'Annuler' }));

    fireEvent.click(within(actions).getByRole('button', { name: 'Révoquer' }));
    fireEvent.submit(within(openModal()).getByRole('button', { name: 'Révoquer la mesure' }).closest('form')!);
    await waitFor(async () => expect(await statusOf(ctx)).toBe('revoquee'));
    // An ended measure offers no status action any more, but its end-of-measure report.
    await waitFor(() => expect(buttons()).toEqual(['Supprimer la mesure']));
    expect(within(actions).getByRole('link', { name: /Rapport de fin de mesure/ })).toBeTruthy();
  });

  it('asks before deleting, and deletes the measure with what it owns', async () => {
    const ctx = await testContext();
    const { person } = await seedPlacement(ctx);
    await renderRoutes(ctx, personsRoutes, `/personnes/${person.id}`);
    const actions = await screen.findByRole('list', { name: 'Actions sur la mesure' });
    fireEvent.click(within(actions).getByRole('button', { name: /Supprimer la mesure/ }));
    expect(within(openModal()).getByText(/sera supprimée avec ce qui en dépend : 1 mise en situation,/)).toBeTruthy();
    expect(await listMeasures(ctx)).toHaveLength(1);
    fireEvent.submit(within(openModal()).getByRole('button', { name: 'Supprimer la mesure' }).closest('form')!);
    await screen.findByText('Aucune mesure');
    expect(await listMeasures(ctx)).toEqual([]);
  });

  it('ends a placement on the real last day the counsellor enters, refusing one before its start', async () => {
    const ctx = await testContext();
    // Placement from 1 October 2026 to 31 March 2027; today is 25 November 2026.
    const { person, placement } = await seedPlacement(ctx);
    await renderRoutes(ctx, personsRoutes, `/personnes/${person.id}`);
    const row = await screen.findByRole('group', { name: 'Actions sur la mise en situation « Entretien des espaces verts »' });
    fireEvent.click(within(row).getByRole('button', { name: 'Terminer' }));
    const lastDay = within(openModal()).getByLabelText(/^Dernier jour de la mise en situation/);
    fireEvent.change(lastDay, { target: { value: '2026-09-30' } });
    fireEvent.submit(within(openModal()).getByRole('button', { name: 'Mettre fin à la mise en situation' }).closest('form')!);
    await waitFor(() => expect(fieldMessage(lastDay)).toMatch(/^La fin réelle ne peut précéder le début de la mise en situation \(01\/10\/2026\)/));
    expect((await ctx.db.placements.get(placement.id))?.status).toBe('en_cours');
    fireEvent.change(lastDay, { target: { value: '2026-11-20' } });
    fireEvent.submit(within(openModal()).getByRole('button', { name: 'Mettre fin à la mise en situation' }).closest('form')!);
    await waitFor(async () =>
      expect(await ctx.db.placements.get(placement.id)).toMatchObject({ status: 'terminee', plannedEnd: '2027-03-31', endedOn: '2026-11-20' }),
    );
  });
});
