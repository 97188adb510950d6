import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testContext } from '../../../test/support/memoryDb.ts';
import { renderRoutes } from '../../../test/support/renderApp.ts';
import { fieldMessage, giveElementsASize, installDsfrModals } from '../../../test/support/screens.ts';
import { adultInput, measureInput, seedHost, seedMeasure, seedPlacement } from '../../../test/support/tig.ts';
import { listMeasures } from '../../../shared/repos/measures.ts';
import { createPerson, listPersons, personPage } from '../../../shared/repos/persons.ts';
import { createPlacement } from '../../../shared/repos/placements.ts';
import { createMeasure } from '../../../shared/repos/measures.ts';
import { updateHabilitation, withdrawHabilitation } from '../../../shared/repos/habilitations.ts';
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

const messageOf = (label: string | RegExp) => fieldMessage(screen.getByLabelText(label));

const type = (label: string | RegExp, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });

describe('the person form', () => {
  it('shows each malformed field’s French message next to it and saves nothing', async () => {
    const ctx = await testContext();
    await renderRoutes(ctx, personsRoutes, '/personnes/nouvelle');
    await screen.findByRole('heading', { level: 1, name: 'Nouvelle personne' });
    type(/^Téléphone/, '12');
    type('Date de naissance', '2030-01-01');
    fireEvent.click(screen.getByRole('button', { name: 'Créer la personne' }));
    await waitFor(() => expect(messageOf('Nom')).toBe('Nom : champ obligatoire'));
    expect(messageOf('Prénom')).toBe('Prénom : champ obligatoire');
    expect(messageOf(/^Numéro de dossier/)).toBe('Numéro de dossier : champ obligatoire');
    expect(messageOf(/^Téléphone/)).toBe('Numéro de téléphone invalide (ex. 01 23 45 67 89)');
    expect(await listPersons(ctx)).toEqual([]);

    // The form's checks pass; the repository's rule (birth date in the future) is shown next to its field too.
    type('Nom', 'Lefèvre');
    type('Prénom', 'Julien');
    type(/^Numéro de dossier/, '2026/00123');
    type(/^Téléphone/, '06 12 34 56 78');
    fireEvent.click(screen.getByRole('button', { name: 'Créer la personne' }));
    await waitFor(() => expect(messageOf('Date de naissance')).toBe('La date de naissance ne peut être dans le futur'));
    expect(screen.getByText('Enregistrement refusé')).toBeTruthy();
    expect(await listPersons(ctx)).toEqual([]);

    type('Date de naissance', '1990-04-12');
    fireEvent.click(screen.getByRole('button', { name: 'Créer la personne' }));
    await screen.findByRole('heading', { level: 1, name: 'LEFÈVRE Julien' });
    expect((await listPersons(ctx)).map((p) => [p.lastName, p.phone, p.counsellor])).toEqual([['Lefèvre', '06 12 34 56 78', 'Camille Martin']]);
  });

  it('refuses a case number already used, next to the field', async () => {
    const ctx = await testContext();
    await createPerson(ctx, adultInput);
    await renderRoutes(ctx, personsRoutes, '/personnes/nouvelle');
    await screen.findByRole('heading', { level: 1, name: 'Nouvelle personne' });
    type('Nom', 'Autre');
    type('Prénom', 'Paul');
    type('Date de naissance', '1980-01-01');
    type(/^Numéro de dossier/, adultInput.caseNumber);
    fireEvent.click(screen.getByRole('button', { name: 'Créer la personne' }));
    await waitFor(() => expect(messageOf(/^Numéro de dossier/)).toBe('Le numéro de dossier 2026/00123 est déjà celui de LEFÈVRE Julien'));
    expect(await listPersons(ctx)).toHaveLength(1);
  });
});

describe('correcting a person', () => {
  it('clears a field left blank and records the change', async () => {
    const ctx = await testContext();
    const person = await createPerson(ctx, { ...adultInput, phone: '06 12 34 56 78', counsellor: 'Jeanne Roux' });
    await renderRoutes(ctx, personsRoutes, `/personnes/${person.id}/modifier`);
    await screen.findByRole('heading', { level: 1, name: 'Modifier LEFÈVRE Julien' });
    expect((screen.getByLabelText(/^Téléphone/) as HTMLInputElement).value).toBe('06 12 34 56 78');
    type(/^Téléphone/, '');
    type(/^Conseiller référent/, 'Camille Martin');
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer les modifications' }));
    await screen.findByText('Modifications enregistrées.');
    const [saved] = await listPersons(ctx);
    expect(saved?.phone).toBeUndefined();
    expect(saved?.counsellor).toBe('Camille Martin');
    expect(saved?.caseNumber).toBe(adultInput.caseNumber);
  });
});

describe('the measure form', () => {
  it('applies the TIG hour bounds of the offence next to the field and saves nothing until they hold', async () => {
    const ctx = await testContext();
    const person = await createPerson(ctx, adultInput);
    await renderRoutes(ctx, personsRoutes, `/personnes/${person.id}/mesures/nouvelle`);
    await screen.findByRole('heading', { level: 1, name: 'Nouvelle mesure pour LEFÈVRE Julien' });
    fireEvent.click(screen.getByRole('button', { name: 'Créer la mesure' }));
    await waitFor(() => expect(messageOf(/^Juridiction/)).toBe('Juridiction : champ obligatoire'));
    expect(messageOf('Date de la décision')).toBe('Date de la décision : champ obligatoire');
    expect(messageOf(/^Heures ordonnées/)).toBe('Heures ordonnées : nombre attendu');

    fireEvent.change(screen.getByLabelText('Nature de la mesure'), { target: { value: 'tig_peine' } });
    type(/^Juridiction/, 'Tribunal de police de Nancy');
    type('Date de la décision', '2026-06-01');
    type('Date des faits', '2026-01-10');
    fireEvent.click(screen.getByLabelText('Contravention de 5e classe'));
    type(/^Heures ordonnées/, '150');
    type(/^Début du délai/, '2026-07-01');
    type(/^Délai d’exécution/, '24');
    expect(screen.getByText('De 20 à 120 heures entières pour un TIG prononcé pour une contravention de 5e classe')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Créer la mesure' }));
    await waitFor(() => expect(messageOf(/^Délai d’exécution/)).toBe('Délai d’exécution : 18 mois au plus (article 131-22 du code pénal)'));
    type(/^Délai d’exécution/, '18');
    fireEvent.click(screen.getByRole('button', { name: 'Créer la mesure' }));
    await waitFor(() =>
      expect(messageOf(/^Heures ordonnées/)).toBe(
        'Heures ordonnées : un TIG prononcé pour une contravention de 5e classe compte de 20 à 120 heures (150 saisies)',
      ),
    );
    expect(await listMeasures(ctx)).toEqual([]);

    type(/^Heures ordonnées/, '105,5');
    fireEvent.click(screen.getByRole('button', { name: 'Créer la mesure' }));
    await waitFor(() => expect(messageOf(/^Heures ordonnées/)).toBe('Heures ordonnées : un TIG se prononce en heures entières (105,5 saisies)'));
    type(/^Heures ordonnées/, '105');
    fireEvent.click(screen.getByRole('button', { name: 'Créer la mesure' }));
    await screen.findByRole('heading', { level: 1, name: 'LEFÈVRE Julien' });
    expect((await listMeasures(ctx)).map((m) => [m.kind, m.offenceCategory, m.hoursOrdered, m.periodMonths, m.status])).toEqual([
      ['tig_peine', 'contravention_5e', 105, 18, 'a_affecter'],
    ]);
  });
});

describe('a TNR in the measure form', () => {
  it('names the code de procédure pénale’s maximum hours and period beside the fields and in the refusal', async () => {
    const ctx = await testContext();
    const person = await createPerson(ctx, adultInput);
    await renderRoutes(ctx, personsRoutes, `/personnes/${person.id}/mesures/nouvelle`);
    await screen.findByRole('heading', { level: 1, name: 'Nouvelle mesure pour LEFÈVRE Julien' });
    fireEvent.change(screen.getByLabelText('Nature de la mesure'), { target: { value: 'tnr' } });
    expect(await screen.findByText('100 heures au plus pour un TNR pour un délit (article 41-2 du code de procédure pénale)')).toBeTruthy();
    expect(screen.getByText('6 mois au plus pour un TNR (article 41-2 du code de procédure pénale)')).toBeTruthy();
    type(/^Juridiction/, 'Procureur de la République de Nancy');
    type('Date de la décision', '2026-06-01');
    type('Date des faits', '2026-01-10');
    type(/^Heures ordonnées/, '150');
    type(/^Début du délai/, '2026-07-01');
    fireEvent.click(screen.getByRole('button', { name: 'Créer la mesure' }));
    await waitFor(() =>
      expect(messageOf(/^Heures ordonnées/)).toBe(
        'Heures ordonnées : un TNR pour un délit compte 100 heures au plus (article 41-2 du code de procédure pénale) (150 saisies)',
      ),
    );
    expect(messageOf(/^Délai d’exécution/)).toBe('Délai d’exécution : 6 mois au plus pour un TNR (article 41-2 du code de procédure pénale)');
    fireEvent.click(screen.getByLabelText('Contravention de 5e classe'));
    expect(await screen.findByText('3 mois au plus pour un TNR (article 41-3 du code de procédure pénale)')).toBeTruthy();
    type(/^Heures ordonnées/, '30');
    type(/^Délai d’exécution/, '3');
    fireEvent.click(screen.getByRole('button', { name: 'Créer la mesure' }));
    await screen.findByRole('heading', { level: 1, name: 'LEFÈVRE Julien' });
    expect((await listMeasures(ctx)).map((m) => [m.kind, m.offenceCategory, m.hoursOrdered, m.periodMonths])).toEqual([['tnr', 'contravention_5e', 30, 3]]);
  });
});

describe('a measure ordered in days', () => {
  it('is offered for a stage, not for a TIG, and saves the days the decision orders', async () => {
    const ctx = await testContext();
    const person = await createPerson(ctx, adultInput);
    await renderRoutes(ctx, personsRoutes, `/personnes/${person.id}/mesures/nouvelle`);
    await screen.findByRole('heading', { level: 1, name: 'Nouvelle mesure pour LEFÈVRE Julien' });
    fireEvent.change(screen.getByLabelText('Nature de la mesure'), { target: { value: 'tig_peine' } });
    await waitFor(() => expect(screen.queryByLabelText('En jours')).toBeNull());
    fireEvent.change(screen.getByLabelText('Nature de la mesure'), { target: { value: 'stage' } });
    fireEvent.click(await screen.findByLabelText('En jours'));
    expect(screen.queryByLabelText(/^Heures ordonnées/)).toBeNull();
    type(/^Juridiction/, 'Tribunal correctionnel de Nancy');
    type('Date de la décision', '2026-06-01');
    type('Date des faits', '2026-01-10');
    type(/^Début du délai/, '2026-07-01');
    fireEvent.click(screen.getByRole('button', { name: 'Créer la mesure' }));
    await waitFor(() => expect(messageOf(/^Jours ordonnés/)).toBe('Jours ordonnés : nombre attendu'));
    type(/^Jours ordonnés/, '1,5');
    fireEvent.click(screen.getByRole('button', { name: 'Créer la mesure' }));
    await waitFor(() => expect(messageOf(/^Jours ordonnés/)).toBe('Jours ordonnés : nombre entier de jours attendu'));
    expect(await listMeasures(ctx)).toEqual([]);
    type(/^Jours ordonnés/, '2');
    fireEvent.click(screen.getByRole('button', { name: 'Créer la mesure' }));
    await screen.findByRole('heading', { level: 1, name: 'LEFÈVRE Julien' });
    expect(await screen.findByText('0 jour effectué sur 2 jours ordonnés (0 %), soit 0 h')).toBeTruthy();
    const [saved] = await listMeasures(ctx);
    expect(saved).toMatchObject({ kind: 'stage', daysOrdered: 2, progress: { unit: 'days', ordered: 2, done: 0, remaining: 2 } });
    expect(saved?.hoursOrdered).toBeUndefined();
  });

  it('moves an open measure from days to hours when the decision is read again', async () => {
    const ctx = await testContext();
    const { person, measure } = await seedMeasure(ctx, {}, { kind: 'tnr', hoursOrdered: undefined, daysOrdered: 5, periodMonths: 6 });
    await renderRoutes(ctx, personsRoutes, `/personnes/${person.id}/mesures/${measure.id}/modifier`);
    await screen.findByRole('heading', { level: 1, name: 'Modifier la mesure de LEFÈVRE Julien' });
    expect((screen.getByLabelText(/^Jours ordonnés/) as HTMLInputElement).value).toBe('5');
    fireEvent.click(screen.getByLabelText('En heures'));
    type(/^Heures ordonnées/, '35');
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer la mesure' }));
    await screen.findByRole('heading', { level: 1, name: 'LEFÈVRE Julien' });
    const [saved] = await listMeasures(ctx);
    expect(saved).toMatchObject({ hoursOrdered: 35, progress: { unit: 'hours', ordered: 35 } });
    expect(saved?.daysOrdered).toBeUndefined();
  });
});

describe('correcting a measure', () => {
  it('adds a past suspension, which moves the deadline, and refuses overlapping ones next to the list', async () => {
    const ctx = await testContext();
    const { person, measure } = await seedMeasure(ctx);
    await renderRoutes(ctx, personsRoutes, `/personnes/${person.id}/mesures/${measure.id}/modifier`);
    await screen.findByRole('heading', { level: 1, name: 'Modifier la mesure de LEFÈVRE Julien' });
    fireEvent.click(screen.getByRole('button', { name: 'Ajouter une suspension' }));
    fireEvent.click(screen.getByRole('button', { name: 'Ajouter une suspension' }));
    type('Suspension 1 : du', '2026-08-01');
    type('Suspension 1 : au (facultatif)', '2026-08-10');
    type('Suspension 1 : motif', 'Raison médicale grave');
    type('Suspension 2 : du', '2026-08-05');
    type('Suspension 2 : au (facultatif)', '2026-08-06');
    type('Suspension 2 : motif', 'Motif familial grave');
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer la mesure' }));
    await screen.findByText('Les suspensions du 01/08/2026 et du 05/08/2026 se chevauchent');
    expect((await listMeasures(ctx))[0]?.suspensions).toEqual([]);

    fireEvent.click(screen.getAllByRole('button', { name: 'Retirer' })[1]!);
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer la mesure' }));
    await screen.findByRole('heading', { level: 1, name: 'LEFÈVRE Julien' });
    const [saved] = await listMeasures(ctx);
    expect(saved?.suspensions).toEqual([{ from: '2026-08-01', to: '2026-08-10', reason: 'Raison médicale grave' }]);
    // 1 July 2026 + 18 months, plus the 10 days of suspension.
    expect(saved?.deadline.deadline).toBe('2028-01-11');
  });
});

describe('the placement form', () => {
  it('changes the dates of a placement without choosing its post again', async () => {
    const ctx = await testContext();
    const { person, measure, placement } = await seedPlacement(ctx);
    await renderRoutes(ctx, personsRoutes, `/personnes/${person.id}/mesures/${measure.id}/mises-en-situation/${placement.id}/modifier`);
    await screen.findByRole('heading', { level: 1, name: 'Modifier la mise en situation de LEFÈVRE Julien' });
    expect(screen.queryByText('Choisir le poste')).toBeNull();
    type(/^Fin prévue/, '2027-06-30');
    type(/^Planning hebdomadaire/, 'Mardi et jeudi, 8 h – 12 h');
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await screen.findByText('Mise en situation modifiée.');
    const [view] = (await personPage(ctx, person.id))!.measures;
    expect(view?.placements.map((p) => [p.startDate, p.plannedEnd, p.weeklySchedule])).toEqual([['2026-10-01', '2027-06-30', 'Mardi et jeudi, 8 h – 12 h']]);
  });

  it('shows the refusal of a full post with its French message, and places nobody', async () => {
    const ctx = await testContext();
    const { post } = await seedPlacement(ctx);
    const second = await createMeasure(ctx, measureInput((await createPerson(ctx, { ...adultInput, caseNumber: 'B-2', firstName: 'Paul' })).id));
    await createPlacement(ctx, { measureId: second.id, postId: post.id, startDate: '2026-10-01', plannedEnd: '2027-03-31' });
    const { person, measure } = await seedMeasure(ctx, { caseNumber: 'C-3', firstName: 'Zoé' });
    await renderRoutes(ctx, personsRoutes, `/personnes/${person.id}/mesures/${measure.id}/mise-en-situation`);
    await screen.findByRole('heading', { level: 1, name: 'Nouvelle mise en situation de LEFÈVRE Zoé' });
    // The full post is not offered while "free places only" is ticked; unticked, it is.
    await screen.findByText(/Aucun poste actif ne correspond/);
    fireEvent.click(screen.getByLabelText('Seulement les postes ayant une place libre sur toute la période'));
    fireEvent.click(await screen.findByText('Entretien des espaces verts'));
    fireEvent.click(screen.getByRole('button', { name: 'Placer sur ce poste' }));
    await waitFor(() => expect(screen.getAllByText('Le poste est complet le 25/11/2026 : 2 personnes déjà placées pour 2 places').length).toBeGreaterThan(0));
    expect(screen.getByText('Mise en situation refusée')).toBeTruthy();
    expect((await listMeasures(ctx)).find((m) => m.id === measure.id)?.status).toBe('a_affecter');
  });

  it('offers no post of a host whose habilitation is withdrawn on the start date, and offers it for an earlier start', async () => {
    const ctx = await testContext();
    const { habilitation } = await seedHost(ctx);
    await withdrawHabilitation(ctx, habilitation!.id, '2026-11-01');
    const { person, measure } = await seedMeasure(ctx);
    await renderRoutes(ctx, personsRoutes, `/personnes/${person.id}/mesures/${measure.id}/mise-en-situation`);
    await screen.findByRole('heading', { level: 1, name: /^Nouvelle mise en situation/ });
    await screen.findByText(/Aucun poste actif ne correspond/);
    type(/^Début/, '2026-10-15');
    fireEvent.click(await screen.findByText('Entretien des espaces verts'));
    expect(screen.getAllByText('Expire dans moins de 60 jours').length).toBeGreaterThan(0);
  });

  it('warns on save, with the date, when the placement runs past the host’s habilitation; the confirmation leaves with the next action', async () => {
    const ctx = await testContext();
    const { habilitation } = await seedHost(ctx);
    await updateHabilitation(ctx, habilitation!.id, { validUntil: '2027-01-10' });
    const { person, measure } = await seedMeasure(ctx);
    const { router } = await renderRoutes(ctx, personsRoutes, `/personnes/${person.id}/mesures/${measure.id}/mise-en-situation`);
    await screen.findByRole('heading', { level: 1, name: /^Nouvelle mise en situation/ });
    fireEvent.click(await screen.findByText('Entretien des espaces verts'));
    fireEvent.click(screen.getByRole('button', { name: 'Placer sur ce poste' }));
    await screen.findByText('Mise en situation enregistrée : LEFÈVRE Julien sur le poste « Entretien des espaces verts » à partir du 25/11/2026.');
    expect(
      screen.getByText(
        'L’habilitation de « Association Les Jardins du Cœur » n’est valable que jusqu’au 10/01/2027, avant la fin prévue de la mise en situation : sans renouvellement, aucune heure ne pourra y être saisie après cette date.',
      ),
    ).toBeTruthy();
    const actions = await screen.findByRole('group', { name: 'Actions sur la mise en situation « Entretien des espaces verts »' });
    fireEvent.click(within(actions).getByRole('button', { name: 'Supprimer' }));
    await waitFor(() => expect(screen.queryByText(/^Mise en situation enregistrée/)).toBeNull());
    expect(screen.queryByText(/n’est valable que jusqu’au/)).toBeNull();
    // Shown once: back on the person page from another screen, it does not come again.
    await router.navigate('/personnes');
    await router.navigate(-1);
    await screen.findByRole('heading', { level: 1, name: 'LEFÈVRE Julien' });
    expect(screen.queryByText(/^Mise en situation enregistrée/)).toBeNull();
  });

  it('asks for a post before anything is sent', async () => {
    const ctx = await testContext();
    await seedHost(ctx);
    const { person, measure } = await seedMeasure(ctx);
    await renderRoutes(ctx, personsRoutes, `/personnes/${person.id}/mesures/${measure.id}/mise-en-situation`);
    await screen.findByRole('heading', { level: 1, name: /^Nouvelle mise en situation/ });
    fireEvent.click(screen.getByRole('button', { name: 'Placer sur ce poste' }));
    await screen.findByText('Poste : choisissez un poste dans la liste des résultats');
    expect((await listMeasures(ctx))[0]?.status).toBe('a_affecter');
  });
});
