import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { testContext } from '../../../test/support/memoryDb.ts';
import { renderRoutes } from '../../../test/support/renderApp.ts';
import { addMeasure, addPerson, tigProgrammeInput, tigSessionInput } from '../../../test/support/workshopFixtures.ts';
import { listEnrolments } from '../../../shared/repos/enrolments.ts';
import { createProgramme } from '../../../shared/repos/programmes.ts';
import { createSession } from '../../../shared/repos/sessions.ts';
import { workshopsRoutes } from './index.ts';

afterEach(cleanup);

const options = (label: RegExp) => [...(screen.getByLabelText(label) as HTMLSelectElement).options].map((o) => o.textContent);

async function tigSession(places = 3) {
  const ctx = await testContext();
  const programme = await createProgramme(ctx, { ...tigProgrammeInput, places });
  const session = await createSession(ctx, tigSessionInput(programme.id));
  const lefevre = await addPerson(ctx, { lastName: 'Lefèvre', firstName: 'Julien', caseNumber: '2026/00123' });
  const lefort = await addPerson(ctx, { lastName: 'Lefort', firstName: 'Inès', caseNumber: '2026/00777' });
  const noMeasure = await addPerson(ctx, { lastName: 'Lebrun', firstName: 'Marc', caseNumber: '2026/00999' });
  const first = await addMeasure(ctx, lefevre.id, { hoursOrdered: 70, decisionDate: '2026-06-01' });
  const second = await addMeasure(ctx, lefevre.id, { hoursOrdered: 120, decisionDate: '2026-09-01' });
  const inesMeasure = await addMeasure(ctx, lefort.id, { hoursOrdered: 40 });
  const view = await renderRoutes(ctx, workshopsRoutes, `/ateliers/seances/${session.id}`);
  await screen.findByRole('heading', { level: 1, name: 'Séance du 16/11/2026 au 20/11/2026' });
  await waitFor(() => expect(options(/^Participant \*/).length).toBeGreaterThan(1));
  return { ctx, session, lefevre, lefort, noMeasure, first, second, inesMeasure, ...view };
}

describe('enrolment in a session', () => {
  it('offers only persons with an open TIG measure, narrowed by a search on name or case number', async () => {
    await tigSession();
    expect(options(/^Participant \*/)).toEqual(['LEFÈVRE Julien – dossier 2026/00123', 'LEFORT Inès – dossier 2026/00777']);
    fireEvent.change(screen.getByLabelText(/^Rechercher une personne/), { target: { value: '777' } });
    await waitFor(() => expect(options(/^Participant \*/)).toEqual(['LEFORT Inès – dossier 2026/00777']));
    expect(screen.getByText('1 personne trouvée')).toBeTruthy();
    expect(options(/^Mesure de TIG/)).toEqual(['TIG (peine) du 01/06/2026 – 0 h effectuée sur 40 h']);
    fireEvent.change(screen.getByLabelText(/^Rechercher une personne/), { target: { value: 'lebrun' } });
    await waitFor(() => expect(options(/^Participant \*/)).toEqual(['Aucune personne ne correspond']));
  });

  it('asks which measure the hours count on when a person has several, then enrols', async () => {
    const { ctx, session, lefevre, second } = await tigSession();
    fireEvent.change(screen.getByLabelText(/^Rechercher une personne/), { target: { value: 'julien' } });
    await waitFor(() => expect(options(/^Mesure de TIG/)).toHaveLength(3));
    fireEvent.click(screen.getByRole('button', { name: 'Inscrire' }));
    await waitFor(() =>
      expect(screen.getByLabelText(/^Mesure de TIG/).closest('.fr-select-group')?.textContent).toContain(
        'Mesure de TIG : choisissez la mesure sur laquelle les heures compteront',
      ),
    );
    expect(await listEnrolments(ctx, session.id)).toEqual([]);
    fireEvent.change(screen.getByLabelText(/^Mesure de TIG/), { target: { value: second.id } });
    fireEvent.click(screen.getByRole('button', { name: 'Inscrire' }));
    await screen.findByText('Inscription à la séance enregistrée : LEFÈVRE Julien.');
    expect((await listEnrolments(ctx, session.id)).map((e) => [e.personId, e.measureId, e.status])).toEqual([[lefevre.id, second.id, 'inscrit']]);
    const participants = await screen.findByRole('table', { name: 'Participants de la séance' });
    expect(within(participants).getByRole('row', { name: /LEFÈVRE Julien/ }).textContent).toContain('0 h / 120 h');
    await waitFor(() => expect(options(/^Participant \*/)).toEqual(['LEFORT Inès – dossier 2026/00777']));
  });

  it('says when the session is full, and lets a status change or an unenrolment free a place', async () => {
    const { ctx, session } = await tigSession(1);
    fireEvent.change(screen.getByLabelText(/^Rechercher une personne/), { target: { value: 'ines' } });
    await waitFor(() => expect(options(/^Participant \*/)).toEqual(['LEFORT Inès – dossier 2026/00777']));
    fireEvent.click(screen.getByRole('button', { name: 'Inscrire' }));
    await screen.findByText('La séance est complète : toutes les places sont prises. Un participant qui abandonne libère sa place.');
    expect(screen.queryByRole('button', { name: 'Inscrire' })).toBeNull();
    fireEvent.change(screen.getByLabelText('Statut de LEFORT Inès'), { target: { value: 'abandon' } });
    await screen.findByRole('button', { name: 'Inscrire' });
    expect((await listEnrolments(ctx, session.id))[0]?.status).toBe('abandon');
    fireEvent.click(screen.getByRole('button', { name: 'Désinscrire LEFORT Inès' }));
    fireEvent.click(within(await screen.findByRole('dialog', { name: 'Désinscrire LEFORT Inès ?' })).getByRole('button', { name: 'Désinscrire' }));
    await waitFor(() => expect(screen.getByText('Aucun participant pour l’instant.')).toBeTruthy());
    expect(await listEnrolments(ctx, session.id)).toEqual([]);
  });
});
