import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { testContext } from '../../../test/support/memoryDb.ts';
import { renderRoutes } from '../../../test/support/renderApp.ts';
import { tigProgrammeInput, tigSessionInput } from '../../../test/support/workshopFixtures.ts';
import { createPartner } from '../../../shared/repos/partners.ts';
import { createProgramme, listProgrammes } from '../../../shared/repos/programmes.ts';
import { createSession } from '../../../shared/repos/sessions.ts';
import { workshopsRoutes } from './index.ts';

afterEach(cleanup);

/** The error message DSFR shows under a field, found from the field's label. */
function messageOf(label: string | RegExp): string | null | undefined {
  const field = screen.getByLabelText(label);
  const group = field.closest('.fr-input-group, .fr-select-group, .fr-fieldset');
  return group?.querySelector('.fr-message--error, .fr-error-text')?.textContent;
}

const type = (label: string | RegExp, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });

describe('programme form', () => {
  it('shows each missing or malformed field’s French message next to it and saves nothing', async () => {
    const ctx = await testContext();
    await renderRoutes(ctx, workshopsRoutes, '/ateliers/programmes/nouveau');
    await screen.findByRole('heading', { level: 1, name: 'Nouveau programme' });
    type(/^Places/, 'douze');
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(messageOf(/^Type de programme/)).toBe('Type de programme : choisissez une valeur de la liste'));
    expect(messageOf(/^Intitulé du programme/)).toBe('Intitulé du programme : champ obligatoire');
    expect(messageOf(/^Domaine d’activité/)).toBe('Domaine d’activité : choisissez une valeur de la liste');
    expect(messageOf(/^Milieu/)).toBe('Milieu : ouvert ou fermé');
    expect(messageOf(/^Places/)).toBe('Places : nombre attendu');
    expect(messageOf(/^Partenaire/)).toBeUndefined();
    expect(await ctx.db.programmes.count()).toBe(0);
  });

  it('refuses a TIG pédagogique in detention next to the milieu, then creates it and opens its page', async () => {
    const ctx = await testContext();
    const { router } = await renderRoutes(ctx, workshopsRoutes, '/ateliers/programmes/nouveau');
    await screen.findByRole('heading', { level: 1, name: 'Nouveau programme' });
    fireEvent.change(screen.getByLabelText(/^Type de programme/), { target: { value: 'tig_pedagogique' } });
    type(/^Intitulé du programme/, 'Module ECTI');
    fireEvent.change(screen.getByLabelText(/^Domaine d’activité/), { target: { value: 'insertion_emploi' } });
    fireEvent.change(screen.getByLabelText(/^Milieu/), { target: { value: 'ferme' } });
    type(/^Places/, '8');
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(messageOf(/^Milieu/)).toBe('Un TIG pédagogique se déroule en milieu ouvert'));
    expect(await ctx.db.programmes.count()).toBe(0);
    fireEvent.change(screen.getByLabelText(/^Milieu/), { target: { value: 'ouvert' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await screen.findByRole('heading', { level: 1, name: 'Module ECTI' });
    const [saved] = await listProgrammes(ctx);
    expect(saved).toMatchObject({ kind: 'tig_pedagogique', title: 'Module ECTI', domain: 'insertion_emploi', milieu: 'ouvert', places: 8 });
    expect(router.state.location.pathname).toBe(`/ateliers/programmes/${saved!.id}`);
    expect(screen.getByText('Programme « Module ECTI » enregistré : ajoutez-lui ses séances.')).toBeTruthy();
  });

  it('shows a repository refusal above the form: the kind of a programme with sessions stays', async () => {
    const ctx = await testContext();
    const programme = await createProgramme(ctx, tigProgrammeInput);
    await createSession(ctx, tigSessionInput(programme.id));
    await renderRoutes(ctx, workshopsRoutes, `/ateliers/programmes/${programme.id}/modifier`);
    await screen.findByRole('heading', { level: 1, name: `Modifier « ${programme.title} »` });
    fireEvent.change(screen.getByLabelText(/^Type de programme/), { target: { value: 'module_insertion' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    const message = 'Ce programme a 1 séance : son type ne peut plus changer.';
    await waitFor(() => expect(messageOf(/^Type de programme/)).toBe(message));
    expect(screen.getByText('Enregistrement refusé').closest('.fr-alert')?.textContent).toContain(message);
    expect((await listProgrammes(ctx))[0]?.kind).toBe('tig_pedagogique');
  });

  it('opens an existing programme with its stored choices, partner included, and keeps them when saved', async () => {
    const ctx = await testContext();
    const partner = await createPartner(ctx, { name: 'ECTI Lorraine', kind: 'association', scope: 'local' });
    const programme = await createProgramme(ctx, { ...tigProgrammeInput, partnerId: partner.id, description: 'Cinq jours' });
    await renderRoutes(ctx, workshopsRoutes, `/ateliers/programmes/${programme.id}/modifier`);
    await screen.findByRole('heading', { level: 1, name: `Modifier « ${programme.title} »` });
    const value = (label: RegExp) => (screen.getByLabelText(label) as HTMLSelectElement | HTMLInputElement).value;
    expect([value(/^Type de programme/), value(/^Partenaire/), value(/^Domaine d’activité/), value(/^Milieu/), value(/^Places/)]).toEqual([
      'tig_pedagogique',
      partner.id,
      'insertion_emploi',
      'ouvert',
      '3',
    ]);
    type(/^Description/, '');
    type(/^Places/, '6');
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await screen.findByText('Programme modifié.');
    const [saved] = await listProgrammes(ctx);
    expect([saved?.partnerId, saved?.places, saved?.description]).toEqual([partner.id, 6, undefined]);
  });

  it('asks before deleting, and refuses a programme that has sessions with a French message', async () => {
    const ctx = await testContext();
    const programme = await createProgramme(ctx, tigProgrammeInput);
    await createSession(ctx, tigSessionInput(programme.id));
    const { router } = await renderRoutes(ctx, workshopsRoutes, `/ateliers/programmes/${programme.id}`);
    await screen.findByRole('heading', { level: 1, name: programme.title });
    fireEvent.click(screen.getByRole('button', { name: 'Supprimer' }));
    const dialog = await screen.findByRole('dialog', { name: `Supprimer « ${programme.title} » ?` });
    fireEvent.click(screen.getByRole('button', { name: 'Supprimer le programme' }));
    await screen.findByText('Ce programme a 1 séance et 0 relevé mensuel : supprimez-les d’abord.');
    expect(dialog.hasAttribute('open')).toBe(false);
    expect(await listProgrammes(ctx)).toHaveLength(1);
    expect(router.state.location.pathname).toBe(`/ateliers/programmes/${programme.id}`);
  });

  it('deletes a programme without sessions after confirmation and returns to the list', async () => {
    const ctx = await testContext();
    const programme = await createProgramme(ctx, { ...tigProgrammeInput, title: 'À supprimer' });
    const { router } = await renderRoutes(ctx, workshopsRoutes, `/ateliers/programmes/${programme.id}`);
    await screen.findByRole('heading', { level: 1, name: 'À supprimer' });
    fireEvent.click(screen.getByRole('button', { name: 'Supprimer' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Annuler' }));
    expect(await listProgrammes(ctx)).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: 'Supprimer' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Supprimer le programme' }));
    await screen.findByText('Programme « À supprimer » supprimé.');
    expect(router.state.location.pathname).toBe('/ateliers');
    expect(await listProgrammes(ctx)).toEqual([]);
  });
});
