import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAgreement, getAgreement, listAgreements } from '../../../shared/repos/agreements.ts';
import { createPartner, listPartners } from '../../../shared/repos/partners.ts';
import { writeTransaction } from '../../../shared/repos/writer.ts';
import type { SiteSetupInput } from '../../../shared/schemas/site.ts';
import { testContext } from '../../../test/support/memoryDb.ts';
import { renderRoutes } from '../../../test/support/renderApp.ts';
import { receiveFromElsewhere } from '../../../test/support/workshopFixtures.ts';
import { partnershipsRoutes } from './index.ts';
import { REFERENCE_TEXT } from './ReferenceBadge.tsx';

const headquarters: SiteSetupInput = { kind: 'atigip', code: 'ATIGIP', name: 'ATIGIP', departement: '75', userName: 'Claire Siège' };

// DataTable virtualises its rows: give elements a height so happy-dom renders some (see DataTable.test.tsx).
let heightSpy: ReturnType<typeof vi.spyOn>;
beforeAll(() => {
  heightSpy = vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(600);
});
afterAll(() => heightSpy.mockRestore());
afterEach(cleanup);

/** The error message DSFR shows under a field, found from the field's label or the group's legend. */
function messageOf(label: string | RegExp): string | null | undefined {
  const field = screen.queryAllByLabelText(label)[0] ?? screen.getByRole('group', { name: label });
  const group = field.closest('.fr-input-group, .fr-select-group, .fr-fieldset');
  return group?.querySelector('.fr-message--error, .fr-error-text')?.textContent;
}

/** A site that received ECTI and its convention from headquarters, and has a partner and convention of its own. */
async function siteWithReference() {
  const ctx = await testContext();
  const ecti = await receiveFromElsewhere(ctx, 'partners', { name: 'ECTI', kind: 'association', scope: 'national' });
  const convention = await receiveFromElsewhere(
    ctx,
    'agreements',
    {
      partnerId: ecti.id,
      kind: 'convention_objectifs',
      title: 'Convention ATIGIP – ECTI 2025-2030',
      signedOn: '2025-06-25',
      validFrom: '2025-01-01',
      validUntil: '2030-12-31',
      scope: ['tig', 'formation'],
      commitments: 'Déployer le TIG pédagogique.',
    },
    ecti.siteId,
  );
  const town = await createPartner(ctx, { name: 'Ville de Toul', kind: 'collectivite', scope: 'local' });
  const local = await createAgreement(ctx, {
    partnerId: town.id,
    kind: 'convention_locale',
    signedOn: '2026-02-01',
    validFrom: '2026-02-01',
    scope: ['tig', 'tnr'],
  });
  await writeTransaction(ctx, async (w) => {
    await w.insert('organisation', {
      name: 'Médiathèque de Toul',
      kind: 'collectivite_territoriale',
      communeName: 'Toul',
      departement: '54',
      agreementId: local.id,
    });
    await w.insert('organisation', {
      name: 'Service des espaces verts',
      kind: 'collectivite_territoriale',
      communeName: 'Toul',
      departement: '54',
      agreementId: local.id,
    });
  });
  return { ctx, ecti, convention, town, local };
}

function rowTexts(table: HTMLElement): string[][] {
  return [...table.querySelectorAll('tbody tr[data-index]')].map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent ?? ''));
}

describe('partners and agreements on a site', () => {
  it('lists national and local partners with their agreements, and the agreements with their attached hosts', async () => {
    const { ctx } = await siteWithReference();
    const { router } = await renderRoutes(ctx, partnershipsRoutes, '/partenariats');
    const table = await screen.findByRole('table', { name: 'Partenaires' });
    expect(rowTexts(table)).toEqual([
      ['ECTI', 'Association', 'National', '1', 'non'],
      ['Ville de Toul', 'Collectivité', 'Local', '1', 'oui'],
    ]);
    expect(screen.getByRole('link', { name: 'Ajouter un partenaire local' })).toBeTruthy();

    await router.navigate('/partenariats/accords');
    const agreements = await screen.findByRole('table', { name: 'Accords et conventions' });
    expect(rowTexts(agreements)).toEqual([
      [
        'Ville de Toul',
        'Convention locale',
        '',
        '01/02/2026',
        'à partir du 01/02/2026',
        'oui',
        'Travail d’intérêt général (TIG), Travail non rémunéré (TNR)',
        '2',
      ],
      [
        'ECTI',
        'Convention d’objectifs',
        'Convention ATIGIP – ECTI 2025-2030',
        '25/06/2025',
        'du 01/01/2025 au 31/12/2030',
        'oui',
        'Travail d’intérêt général (TIG), Formation',
        '0',
      ],
    ]);
  });

  it('states the national framework agreements the texts count without naming, on the partners and the agreements lists', async () => {
    const { ctx } = await siteWithReference();
    const { router } = await renderRoutes(ctx, partnershipsRoutes, '/partenariats');
    await screen.findByRole('table', { name: 'Partenaires' });
    const note = () => screen.getByText('34 accords-cadres nationaux signés le 12/11/2019').closest('p')!.textContent;
    expect(note()).toBe(
      'Liste nationale de référence : 34 accords-cadres nationaux signés le 12/11/2019 (leur nombre seul : le texte public ne nomme pas les partenaires), 49 accords-cadres signés depuis 2019 au 27/11/2024. Les accords et conventions que les textes nomment figurent dans la liste.',
    );
    await router.navigate('/partenariats/accords');
    await screen.findByRole('table', { name: 'Accords et conventions' });
    expect(note()).toMatch(/^Liste nationale de référence : 34 accords-cadres nationaux signés le 12\/11\/2019/);
  });

  it('shows national reference data read only, with its badge and without edit or delete', async () => {
    const { ctx, ecti, convention } = await siteWithReference();
    const { router } = await renderRoutes(ctx, partnershipsRoutes, `/partenariats/partenaires/${ecti.id}`);
    await screen.findByRole('heading', { level: 1, name: 'ECTI' });
    expect(screen.getByText(REFERENCE_TEXT)).toBeTruthy();
    expect(REFERENCE_TEXT).toBe('Donnée de référence nationale : modifiable par l’ATIGIP seulement');
    expect(screen.queryByRole('link', { name: 'Modifier' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Supprimer' })).toBeNull();
    // A site may sign its own convention with a national partner.
    expect(screen.getByRole('link', { name: 'Ajouter une convention avec ce partenaire' })).toBeTruthy();

    await router.navigate(`/partenariats/accords/${convention.id}`);
    await screen.findByRole('heading', { level: 1, name: 'Convention d’objectifs – ECTI' });
    expect(screen.getByText(REFERENCE_TEXT)).toBeTruthy();
    expect(screen.getByText('Déployer le TIG pédagogique.')).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Modifier' })).toBeNull();

    await router.navigate(`/partenariats/partenaires/${ecti.id}/modifier`);
    await screen.findByText('Ce partenaire vient de la liste nationale tenue par le siège : il ne se modifie pas sur ce poste.');
    expect(screen.queryByRole('button', { name: 'Enregistrer' })).toBeNull();
  });

  it('shows a local agreement’s hosts and refuses in French to delete it while they name it, after confirmation', async () => {
    const { ctx, local } = await siteWithReference();
    await renderRoutes(ctx, partnershipsRoutes, `/partenariats/accords/${local.id}`);
    await screen.findByRole('heading', { level: 1, name: 'Convention locale – Ville de Toul' });
    expect(screen.queryByText(REFERENCE_TEXT)).toBeNull();
    const hosts = await screen.findByRole('table', { name: 'Structures d’accueil rattachées à l’accord' });
    expect(
      within(hosts)
        .getAllByRole('link')
        .map((a) => [a.textContent, a.getAttribute('href')]),
    ).toEqual([
      ['Médiathèque de Toul', expect.stringMatching(/^\/structures\//)],
      ['Service des espaces verts', expect.stringMatching(/^\/structures\//)],
    ]);
    const dialog = screen.getByRole('dialog', { hidden: true });
    expect(within(dialog).getByText(/La suppression est définitive/)).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Supprimer l’accord', hidden: true }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('2 structures d’accueil se rattachent à cet accord : retirez d’abord ce rattachement.');
    expect(await getAgreement(ctx, local.id)).toBeDefined();
  });

  it('deletes a local partner without agreements once confirmed', async () => {
    const { ctx } = await siteWithReference();
    const lone = await createPartner(ctx, { name: 'Association Tremplin', kind: 'association', scope: 'local' });
    const { router } = await renderRoutes(ctx, partnershipsRoutes, `/partenariats/partenaires/${lone.id}`);
    await screen.findByRole('heading', { level: 1, name: 'Association Tremplin' });
    fireEvent.click(within(screen.getByRole('dialog', { hidden: true })).getByRole('button', { name: 'Supprimer le partenaire', hidden: true }));
    await screen.findByText('Partenaire « Association Tremplin » supprimé.');
    expect(router.state.location.pathname).toBe('/partenariats');
    expect((await listPartners(ctx)).map((p) => p.name)).toEqual(['ECTI', 'Ville de Toul']);
  });

  it('refuses a malformed partner with French messages next to the fields, and a duplicate name from the repository', async () => {
    const { ctx } = await siteWithReference();
    await renderRoutes(ctx, partnershipsRoutes, '/partenariats/partenaires/nouveau');
    await screen.findByRole('heading', { level: 1, name: 'Nouveau partenaire local' });
    expect(screen.queryByRole('radio', { name: 'National' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(messageOf(/^Nom du partenaire/)).toBe('Nom du partenaire : champ obligatoire'));
    expect(messageOf(/^Type de partenaire/)).toBe('Type de partenaire : choisissez une valeur de la liste');

    fireEvent.change(screen.getByLabelText(/^Nom du partenaire/), { target: { value: 'ville de toul' } });
    fireEvent.change(screen.getByLabelText(/^Type de partenaire/), { target: { value: 'collectivite' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(messageOf(/^Nom du partenaire/)).toBe('Un partenaire porte déjà le nom « Ville de Toul ».'));
    expect(screen.getByText('Enregistrement refusé')).toBeTruthy();
    expect(await listPartners(ctx)).toHaveLength(2);
  });

  it('records a local convention: no framework agreement offered, French messages for the scope and the dates', async () => {
    const { ctx, ecti } = await siteWithReference();
    const { router } = await renderRoutes(ctx, partnershipsRoutes, `/partenariats/accords/nouveau?partenaire=${ecti.id}`);
    await screen.findByRole('heading', { level: 1, name: 'Nouvelle convention' });
    expect((screen.getByLabelText(/^Partenaire/) as HTMLSelectElement).value).toBe(ecti.id);
    expect((screen.getByLabelText(/^Type d’accord/) as HTMLSelectElement).value).toBe('convention_locale');
    const kinds = [...(screen.getByLabelText(/^Type d’accord/) as HTMLSelectElement).options].map((o) => o.text);
    expect(kinds).toEqual(['Choisissez un type', 'Convention d’objectifs', 'Convention locale']);
    fireEvent.change(screen.getByLabelText(/^Signé le/), { target: { value: '2026-03-01' } });
    fireEvent.change(screen.getByLabelText(/^Valable à partir du/), { target: { value: '2026-03-01' } });
    fireEvent.change(screen.getByLabelText(/^Valable jusqu’au/), { target: { value: '2026-02-01' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(messageOf(/^Champ de l’accord/)).toBe('Champ de l’accord : cochez au moins une mesure ou activité'));
    fireEvent.click(screen.getByLabelText('Stage'));
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(messageOf(/^Valable jusqu’au/)).toBe('La fin de validité doit suivre le début de validité'));
    expect(await listAgreements(ctx, { partnerId: ecti.id })).toHaveLength(1);

    fireEvent.change(screen.getByLabelText(/^Valable jusqu’au/), { target: { value: '2027-02-28' } });
    fireEvent.change(screen.getByLabelText(/^Intitulé/), { target: { value: 'Stages de citoyenneté' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await screen.findByText('Convention locale enregistrée.');
    const saved = (await listAgreements(ctx, { partnerId: ecti.id })).find((a) => a.kind === 'convention_locale')!;
    expect(saved).toMatchObject({ partnerId: ecti.id, signedOn: '2026-03-01', validUntil: '2027-02-28', scope: ['stage'], title: 'Stages de citoyenneté' });
    expect(router.state.location.pathname).toBe(`/partenariats/accords/${saved.id}`);

    // Emptying an optional field on edit clears it.
    await router.navigate(`/partenariats/accords/${saved.id}/modifier`);
    await screen.findByRole('heading', { level: 1, name: 'Modifier l’accord' });
    fireEvent.change(screen.getByLabelText(/^Intitulé/), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText(/^Valable jusqu’au/), { target: { value: '' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await screen.findByText('Accord modifié.');
    const edited = await getAgreement(ctx, saved.id);
    expect(edited).not.toHaveProperty('title');
    expect(edited).not.toHaveProperty('validUntil');
  });
});

describe('partners at headquarters', () => {
  it('edits the national list: national scope offered, framework agreements allowed, no reference badge', async () => {
    const ctx = await testContext(headquarters);
    const { router } = await renderRoutes(ctx, partnershipsRoutes, '/partenariats/partenaires/nouveau');
    await screen.findByRole('heading', { level: 1, name: 'Nouveau partenaire' });
    expect((screen.getByRole('radio', { name: 'National' }) as HTMLInputElement).checked).toBe(true);
    fireEvent.change(screen.getByLabelText(/^Nom du partenaire/), { target: { value: 'JCDecaux' } });
    fireEvent.change(screen.getByLabelText(/^Type de partenaire/), { target: { value: 'entreprise' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await screen.findByRole('heading', { level: 1, name: 'JCDecaux' });
    expect(screen.queryByText(REFERENCE_TEXT)).toBeNull();
    expect(screen.getByRole('link', { name: 'Modifier' })).toBeTruthy();
    const [partner] = await listPartners(ctx);
    expect(partner).toMatchObject({ name: 'JCDecaux', scope: 'national' });

    await router.navigate('/partenariats/accords/nouveau');
    await screen.findByRole('heading', { level: 1, name: 'Nouvel accord ou convention' });
    const kinds = [...(screen.getByLabelText(/^Type d’accord/) as HTMLSelectElement).options].map((o) => o.value);
    expect(kinds).toContain('accord_cadre_national');
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(messageOf(/^Partenaire/)).toBe('Partenaire : choisissez un partenaire'));
    expect(messageOf(/^Type d’accord/)).toBe('Type d’accord : choisissez une valeur de la liste');
    expect(messageOf(/^Signé le/)).toBe('Date invalide (format attendu : jj/mm/aaaa)');
  });
});
