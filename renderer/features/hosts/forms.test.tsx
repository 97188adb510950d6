import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { testContext } from '../../../test/support/memoryDb.ts';
import { renderRoutes } from '../../../test/support/renderApp.ts';
import { associationInput, seedHost } from '../../../test/support/tig.ts';
import { receiveFromElsewhere } from '../../../test/support/workshopFixtures.ts';
import { createAgreement } from '../../../shared/repos/agreements.ts';
import { createOrganisation, listOrganisations } from '../../../shared/repos/organisations.ts';
import { createPartner } from '../../../shared/repos/partners.ts';
import { hostsRoutes } from './index.ts';

afterEach(cleanup);

/** The error message DSFR shows under a field, found from the field's label. */
function messageOf(label: string | RegExp): string | null | undefined {
  const field = screen.getByLabelText(label);
  const group = field.closest('.fr-input-group, .fr-select-group, .fr-fieldset');
  return group?.querySelector('.fr-message--error, .fr-error-text')?.textContent;
}

const type = (label: string | RegExp, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });

describe('organisation form', () => {
  it('shows each malformed field’s French message next to it and saves nothing', async () => {
    const ctx = await testContext();
    await renderRoutes(ctx, hostsRoutes, '/structures/nouvelle');
    await screen.findByRole('heading', { level: 1, name: 'Nouvelle structure d’accueil' });
    type(/^SIRET/, '123 456 789');
    type(/^Code postal/, '540');
    type(/^Courriel du contact/, 'contact@');
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(messageOf(/^Nom de la structure/)).toBe('Nom de la structure : champ obligatoire'));
    expect(messageOf(/^Type de structure/)).toBe('Type de structure : choisissez une valeur de la liste');
    expect(messageOf(/^SIRET/)).toBe('SIRET invalide : 14 chiffres dont la clé de contrôle est juste');
    expect(messageOf(/^Code postal/)).toBe('Code postal invalide (5 chiffres)');
    expect(messageOf(/^Courriel du contact/)).toBe('Adresse électronique invalide');
    expect(messageOf(/^Département/)).toBe('Département : champ obligatoire');
    expect(messageOf(/^Adresse$/)).toBeUndefined();
    expect(await ctx.db.organisations.count()).toBe(0);
    expect(await ctx.db.changes.count()).toBe(0);
  });

  it('puts a rule’s refusal (a SIRET already used) next to its field and above the form', async () => {
    const ctx = await testContext();
    await createOrganisation(ctx, associationInput);
    const { router } = await renderRoutes(ctx, hostsRoutes, '/structures/nouvelle');
    await screen.findByRole('heading', { level: 1, name: 'Nouvelle structure d’accueil' });
    type(/^Nom de la structure/, 'Autre association');
    fireEvent.change(screen.getByLabelText(/^Type de structure/), { target: { value: 'association' } });
    type(/^SIRET/, '215 403 954 00013');
    type(/^Commune/, 'Nancy');
    fireEvent.change(screen.getByLabelText(/^Département/), { target: { value: '54' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    const message = 'Le SIRET 21540395400013 est déjà celui de la structure « Association Les Jardins du Cœur »';
    await waitFor(() => expect(messageOf(/^SIRET/)).toBe(message));
    expect(screen.getByText('Enregistrement refusé').closest('.fr-alert')?.textContent).toContain(message);
    expect((await listOrganisations(ctx)).map((o) => o.name)).toEqual(['Association Les Jardins du Cœur']);
    expect(router.state.location.pathname).toBe('/structures/nouvelle');
  });

  it('saves a valid organisation, optional fields left empty, and opens its page', async () => {
    const ctx = await testContext();
    const { router } = await renderRoutes(ctx, hostsRoutes, '/structures/nouvelle');
    await screen.findByRole('heading', { level: 1, name: 'Nouvelle structure d’accueil' });
    type(/^Nom de la structure/, '  Mairie de Toul ');
    fireEvent.change(screen.getByLabelText(/^Type de structure/), { target: { value: 'collectivite_territoriale' } });
    type(/^Commune/, 'Toul');
    fireEvent.change(screen.getByLabelText(/^Département/), { target: { value: '54' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await screen.findByRole('heading', { level: 1, name: 'Mairie de Toul' });
    const [saved] = await listOrganisations(ctx);
    expect(saved).toMatchObject({ name: 'Mairie de Toul', kind: 'collectivite_territoriale', communeName: 'Toul', departement: '54' });
    expect(saved).not.toHaveProperty('siret');
    expect(router.state.location.pathname).toBe(`/structures/${saved!.id}`);
    expect(screen.getByText('Structure « Mairie de Toul » enregistrée.')).toBeTruthy();
  });

  it('fills the postal code and the département when a commune is chosen from the list', async () => {
    const ctx = await testContext();
    await renderRoutes(ctx, hostsRoutes, '/structures/nouvelle');
    await screen.findByRole('heading', { level: 1, name: 'Nouvelle structure d’accueil' });
    type(/^Nom de la structure/, 'Mairie de Toul');
    fireEvent.change(screen.getByLabelText(/^Type de structure/), { target: { value: 'collectivite_territoriale' } });
    type(/^Code postal/, '57000');
    type(/^Commune/, 'Toul');
    // The suggestion, once the official list is loaded: « Toul (54200) ».
    await waitFor(() => expect(document.querySelector('datalist option[value="Toul (54200)"]')).not.toBeNull());
    type(/^Commune/, 'Toul (54200)');
    await waitFor(() => expect((screen.getByLabelText(/^Code postal/) as HTMLInputElement).value).toBe('54200'));
    expect((screen.getByLabelText(/^Commune/) as HTMLInputElement).value).toBe('Toul');
    expect((screen.getByLabelText(/^Département/) as HTMLSelectElement).value).toBe('54');
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await screen.findByRole('heading', { level: 1, name: 'Mairie de Toul' });
    expect((await listOrganisations(ctx))[0]).toMatchObject({ communeName: 'Toul', communeCode: '54528', postalCode: '54200', departement: '54' });
  });

  it('edits an organisation: its values in the fields, a cleared optional field removed', async () => {
    const ctx = await testContext();
    const organisation = await createOrganisation(ctx, { ...associationInput, contactPhone: '03 83 00 00 01' });
    const { router } = await renderRoutes(ctx, hostsRoutes, `/structures/${organisation.id}/modifier`);
    await screen.findByRole('heading', { level: 1, name: 'Modifier « Association Les Jardins du Cœur »' });
    expect((screen.getByLabelText(/^SIRET/) as HTMLInputElement).value).toBe('21540395400013');
    expect((screen.getByLabelText(/^Type de structure/) as HTMLSelectElement).value).toBe('association');
    type(/^Téléphone du contact/, '  ');
    type(/^Nom de la structure/, 'Les Jardins du Cœur');
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await screen.findByText('Structure modifiée.');
    const [saved] = await listOrganisations(ctx);
    expect(saved).toMatchObject({ id: organisation.id, name: 'Les Jardins du Cœur', siret: '21540395400013' });
    expect(saved).not.toHaveProperty('contactPhone');
    expect(router.state.location.pathname).toBe(`/structures/${organisation.id}`);
  });

  it('refuses an habilitation for a public body with the repository’s message above the form', async () => {
    const ctx = await testContext();
    const hospital = await createOrganisation(ctx, { name: 'CHU de Nancy', kind: 'organisme_public', communeName: 'Nancy', departement: '54' });
    await renderRoutes(ctx, hostsRoutes, `/structures/${hospital.id}/habilitations/nouvelle`);
    await screen.findByRole('heading', { level: 1, name: /Nouvelle habilitation/ });
    type(/^Date de la décision/, '2024-01-10');
    type(/^Valable à partir du/, '2024-02-01');
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    const alert = await screen.findByText('Enregistrement refusé');
    expect(alert.closest('.fr-alert')?.textContent).toContain(
      '« CHU de Nancy » est une personne morale de droit public : elle accueille des TIG sans habilitation.',
    );
    expect(await ctx.db.habilitations.count()).toBe(0);
  });

  it('offers every live agreement, grouped by kind, and names a local convention on the organisation page and list', async () => {
    const ctx = await testContext();
    // National partners and agreements come from headquarters; the site signs local conventions itself.
    const poste = await receiveFromElsewhere(ctx, 'partners', { name: 'La Poste', kind: 'entreprise', scope: 'national' });
    await receiveFromElsewhere(ctx, 'agreements', {
      partnerId: poste.id,
      kind: 'accord_cadre_national',
      title: 'Accord-cadre TIG',
      signedOn: '2024-11-20',
      validFrom: '2024-11-20',
      scope: ['tig'],
    });
    const local = await createPartner(ctx, { name: 'Métropole du Grand Nancy', kind: 'collectivite', scope: 'local' });
    const convention = await createAgreement(ctx, {
      partnerId: local.id,
      kind: 'convention_locale',
      title: 'Convention TIG',
      signedOn: '2025-02-01',
      validFrom: '2025-02-01',
      scope: ['tig'],
    });
    const { router } = await renderRoutes(ctx, hostsRoutes, '/structures/nouvelle');
    const select = (await screen.findByLabelText(/^Accord de rattachement/)) as HTMLSelectElement;
    await waitFor(() => expect(select.querySelectorAll('optgroup')).toHaveLength(2));
    expect([...select.querySelectorAll('optgroup')].map((g) => [g.label, ...[...g.querySelectorAll('option')].map((o) => o.text)])).toEqual([
      ['Accord-cadre national', 'La Poste – Accord-cadre TIG (signé le 20/11/2024)'],
      ['Convention locale', 'Métropole du Grand Nancy – Convention TIG (signée le 01/02/2025)'],
    ]);
    type(/^Nom de la structure/, 'Régie de quartier de Nancy');
    fireEvent.change(screen.getByLabelText(/^Type de structure/), { target: { value: 'association' } });
    type(/^Commune/, 'Nancy');
    fireEvent.change(screen.getByLabelText(/^Département/), { target: { value: '54' } });
    fireEvent.change(select, { target: { value: convention.id } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await screen.findByRole('heading', { level: 1, name: 'Régie de quartier de Nancy' });
    expect((await listOrganisations(ctx))[0]?.agreementId).toBe(convention.id);
    await screen.findByText('Convention locale : Métropole du Grand Nancy – Convention TIG (signée le 01/02/2025)');
    expect(screen.queryByText('Accord supprimé depuis')).toBeNull();
    await router.navigate('/structures');
    await screen.findByRole('columnheader', { name: /Accord de rattachement/ });
  });
});

describe('habilitation, tutor and post forms', () => {
  it('refuses an habilitation ending before it starts, next to the end date', async () => {
    const ctx = await testContext();
    const organisation = await createOrganisation(ctx, associationInput);
    await renderRoutes(ctx, hostsRoutes, `/structures/${organisation.id}/habilitations/nouvelle`);
    await screen.findByRole('heading', { level: 1, name: /Nouvelle habilitation/ });
    type(/^Date de la décision/, '2024-01-10');
    type(/^Valable à partir du/, '2024-02-01');
    type(/^Valable jusqu’au/, '2024-01-31');
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(messageOf(/^Valable jusqu’au/)).toBe('La fin de validité doit suivre le début de validité'));
    expect(await ctx.db.habilitations.count()).toBe(0);
  });

  it('refuses a tutor’s malformed phone next to it', async () => {
    const ctx = await testContext();
    const organisation = await createOrganisation(ctx, associationInput);
    await renderRoutes(ctx, hostsRoutes, `/structures/${organisation.id}/tuteurs/nouveau`);
    await screen.findByRole('heading', { level: 1, name: /Nouveau tuteur/ });
    type(/^Nom \*/, 'Morel');
    type(/^Prénom/, 'Claire');
    type(/^Téléphone/, '12 34');
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(messageOf(/^Téléphone/)).toBe('Numéro de téléphone invalide (ex. 01 23 45 67 89)'));
    expect(messageOf(/^Nom \*/)).toBeUndefined();
    expect(await ctx.db.tutors.count()).toBe(0);
  });

  it('refuses a post’s capacity of 0 and offers only the organisation’s own tutors', async () => {
    const ctx = await testContext();
    const { organisation, tutor } = await seedHost(ctx);
    await seedHost(ctx, { name: 'Autre', siret: undefined }, { title: 'Autre poste' });
    const postsBefore = await ctx.db.posts.count();
    await renderRoutes(ctx, hostsRoutes, `/structures/${organisation.id}/postes/nouveau`);
    await screen.findByRole('heading', { level: 1, name: `Nouveau poste – ${organisation.name}` });
    await waitFor(() => expect(screen.getAllByRole('checkbox', { name: /Claire Morel/ })).toHaveLength(1));
    await waitFor(() => expect((screen.getByLabelText(/^Commune/) as HTMLInputElement).value).toBe('Nancy'));
    type(/^Intitulé du poste/, 'Accueil');
    fireEvent.change(screen.getByLabelText(/^Domaine d’activité/), { target: { value: 'administratif' } });
    type(/^Capacité/, '0');
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(messageOf(/^Capacité/)).toBe('Capacité : au moins 1 personne'));
    expect(await ctx.db.posts.count()).toBe(postsBefore);

    type(/^Capacité/, '3');
    fireEvent.click(screen.getByRole('checkbox', { name: /Claire Morel/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await screen.findByRole('heading', { level: 1, name: 'Accueil' });
    const saved = (await ctx.db.posts.toArray()).find((p) => p.title === 'Accueil');
    expect(saved).toMatchObject({
      organisationId: organisation.id,
      tutorIds: [tutor.id],
      capacity: 3,
      domain: 'administratif',
      active: true,
      communeName: 'Nancy',
      departement: '54',
    });
  });
});
