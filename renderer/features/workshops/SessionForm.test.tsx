import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { testContext } from '../../../test/support/memoryDb.ts';
import { renderRoutes } from '../../../test/support/renderApp.ts';
import { tigProgrammeInput, tigSessionInput } from '../../../test/support/workshopFixtures.ts';
import { createProgramme } from '../../../shared/repos/programmes.ts';
import { createSession, listSessions } from '../../../shared/repos/sessions.ts';
import { workshopsRoutes } from './index.ts';

afterEach(cleanup);

const type = (label: string | RegExp, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });
const group = (legend: RegExp) => screen.getByRole('group', { name: legend });
const groupMessage = (legend: RegExp) => group(legend).querySelector('.fr-message--error, .fr-error-text')?.textContent;
const toggle = (name: string | RegExp) => fireEvent.click(screen.getByRole('checkbox', { name }));

async function newSessionForm(kind: 'tig' | 'other' = 'tig') {
  const ctx = await testContext();
  const programme = await createProgramme(
    ctx,
    kind === 'tig'
      ? tigProgrammeInput
      : { kind: 'formation_professionnelle', title: 'Formation cariste', domain: 'conditionnement_logistique', milieu: 'ferme', places: 8 },
  );
  const view = await renderRoutes(ctx, workshopsRoutes, `/ateliers/programmes/${programme.id}/seances/nouvelle`);
  await screen.findByRole('heading', { level: 1, name: `Nouvelle séance – ${programme.title}` });
  return { ctx, programme, ...view };
}

describe('session form', () => {
  it('proposes the weekdays between the dates, each one a checkbox named by its day', async () => {
    await newSessionForm();
    type(/^Début/, '2026-11-13');
    type(/^Fin/, '2026-11-17');
    const days = within(group(/^Jours de la séance/)).getAllByRole('checkbox') as HTMLInputElement[];
    expect(days.map((d) => [d.value, d.checked])).toEqual([
      ['2026-11-13', true],
      ['2026-11-14', false],
      ['2026-11-15', false],
      ['2026-11-16', true],
      ['2026-11-17', true],
    ]);
    expect(screen.getByRole('checkbox', { name: 'samedi 14/11/2026' })).toBeTruthy();
  });

  it('marks the five required themes of a TIG pédagogique, and no theme is required elsewhere', async () => {
    await newSessionForm();
    const required = within(group(/^Thèmes abordés \*/))
      .getAllByRole('checkbox')
      .filter((c) => /obligatoire/.test(c.closest('.fr-checkbox-group')?.textContent ?? ''));
    expect(required.map((c) => (c as HTMLInputElement).value)).toEqual([
      'attentes_employeurs',
      'projet_professionnel',
      'cv',
      'recherche_emploi',
      'entretien_embauche',
    ]);
    cleanup();
    await newSessionForm('other');
    expect(within(group(/^Thèmes abordés(?! \*)/)).queryByText(/obligatoire/)).toBeNull();
  });

  it('shows the French messages of a malformed session next to its fields and saves nothing', async () => {
    const { ctx } = await newSessionForm();
    type(/^Heures par jour/, '3,3');
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() =>
      expect(screen.getByLabelText(/^Début/).closest('.fr-input-group')?.textContent).toContain('Date invalide (format attendu : jj/mm/aaaa)'),
    );
    expect(screen.getByLabelText(/^Heures par jour/).closest('.fr-input-group')?.textContent).toContain(
      'Heures par jour : par quarts d’heure (ex. 3,25 ; 3,5 ; 3,75)',
    );
    expect(screen.getByLabelText(/^Animateur/).closest('.fr-input-group')?.textContent).toContain('Animateur : champ obligatoire');
    expect(await ctx.db.sessions.count()).toBe(0);
  });

  it('refuses a TIG pédagogique of two days without the job interview, with both reasons next to their fields, then saves it once fixed', async () => {
    const { ctx, programme, router } = await newSessionForm();
    type(/^Début/, '2026-11-16');
    type(/^Fin/, '2026-11-18');
    toggle('mardi 17/11/2026');
    type(/^Heures par jour/, '6');
    type(/^Animateur/, 'Bénévole ECTI');
    for (const theme of ['Ce qu’attendent les employeurs', 'Projet professionnel', 'Curriculum vitae (CV)', 'Recherche d’emploi'])
      toggle(`${theme} (obligatoire)`);
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(groupMessage(/^Thèmes abordés/)).toBe('Un TIG pédagogique doit aborder : entretien d’embauche'));
    expect(groupMessage(/^Jours de la séance/)).toBe('Un TIG pédagogique dure au moins 3 jours (cette séance en compte 2)');
    expect(screen.getByText('Enregistrement refusé').closest('.fr-alert')?.textContent).toContain(
      'Séance de TIG pédagogique refusée : Un TIG pédagogique dure au moins 3 jours (cette séance en compte 2) ; Un TIG pédagogique doit aborder : entretien d’embauche.',
    );
    expect(await ctx.db.sessions.count()).toBe(0);

    toggle('mardi 17/11/2026');
    toggle('Entretien d’embauche (obligatoire)');
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await screen.findByRole('heading', { level: 1, name: 'Séance du 16/11/2026 au 18/11/2026' });
    const [saved] = await listSessions(ctx, { programmeId: programme.id });
    expect(saved).toMatchObject({ days: ['2026-11-16', '2026-11-17', '2026-11-18'], hoursPerDay: 6, facilitator: 'Bénévole ECTI' });
    expect([...saved!.themes].sort()).toEqual(['attentes_employeurs', 'cv', 'entretien_embauche', 'projet_professionnel', 'recherche_emploi']);
    expect(router.state.location.pathname).toBe(`/ateliers/seances/${saved!.id}`);
  });

  it('edits a session with its stored days and hours, French decimal hours included', async () => {
    const ctx = await testContext();
    const programme = await createProgramme(ctx, tigProgrammeInput);
    const session = await createSession(ctx, { ...tigSessionInput(programme.id), hoursPerDay: 5.5 });
    await renderRoutes(ctx, workshopsRoutes, `/ateliers/seances/${session.id}/modifier`);
    await screen.findByRole('heading', { level: 1, name: 'Modifier la séance du 16/11/2026' });
    expect((screen.getByLabelText(/^Heures par jour/) as HTMLInputElement).value).toBe('5,5');
    expect(
      within(group(/^Jours de la séance/))
        .getAllByRole('checkbox')
        .filter((c) => (c as HTMLInputElement).checked),
    ).toHaveLength(5);
    type(/^Heures par jour/, '6,75');
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await screen.findByText('Séance modifiée.');
    expect((await listSessions(ctx))[0]?.hoursPerDay).toBe(6.75);
  });
});
