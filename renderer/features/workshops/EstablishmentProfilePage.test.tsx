import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { testContext, testSite } from '../../../test/support/memoryDb.ts';
import { renderRoutes } from '../../../test/support/renderApp.ts';
import { getLocalEstablishmentProfile, saveEstablishmentProfile } from '../../../shared/repos/establishmentProfiles.ts';
import { workshopsRoutes } from './index.ts';

afterEach(cleanup);

const establishment = { ...testSite, kind: 'etablissement' as const, code: 'EP-NANCY', name: 'Centre pénitentiaire de Nancy-Maxéville' };
const type = (label: RegExp, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });
const messageOf = (label: RegExp) =>
  screen.getByLabelText(label).closest('.fr-input-group, .fr-select-group')?.querySelector('.fr-error-text, .fr-message--error')?.textContent;

describe('establishment profile', () => {
  it('is kept only by an establishment', async () => {
    const ctx = await testContext();
    await renderRoutes(ctx, workshopsRoutes, '/ateliers/etablissement');
    await screen.findByText('Réservé aux établissements pénitentiaires');
    expect(screen.queryByRole('tab', { name: /Fiche établissement/ })).toBeNull();
  });

  it('starts empty, refuses malformed fields with French messages, then saves and shows the profile', async () => {
    const ctx = await testContext(establishment);
    const { router } = await renderRoutes(ctx, workshopsRoutes, '/ateliers/etablissement');
    await screen.findByText('Pas encore de fiche établissement');
    fireEvent.click(screen.getAllByRole('link', { name: 'Créer la fiche' })[0]!);
    await screen.findByRole('heading', { level: 1, name: 'Nouvelle fiche établissement' });
    expect((screen.getByLabelText(/^Nom de l’établissement/) as HTMLInputElement).value).toBe('Centre pénitentiaire de Nancy-Maxéville');
    expect((screen.getByLabelText(/^Département/) as HTMLSelectElement).value).toBe('54');
    type(/^Capacité/, 'beaucoup');
    type(/^Surface de stockage/, '-3');
    type(/^Courriel du référent/, 'referent@');
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(messageOf(/^Capacité/)).toBe('Capacité : nombre attendu'));
    expect(messageOf(/^DISP/)).toBe('DISP : choisissez une valeur de la liste');
    expect(messageOf(/^Surface de production/)).toBe('Surface de production : nombre de m² attendu');
    expect(messageOf(/^Surface de stockage/)).toBe('Surface de stockage : nombre positif attendu');
    expect(messageOf(/^Référent travail et formation/)).toBe('Référent travail et formation : champ obligatoire');
    expect(messageOf(/^Courriel du référent/)).toBe('Adresse électronique invalide');
    expect(await getLocalEstablishmentProfile(ctx)).toBeUndefined();

    fireEvent.change(screen.getByLabelText(/^DISP/), { target: { value: 'strasbourg' } });
    type(/^Commune/, 'Maxéville');
    type(/^Capacité/, '690');
    type(/^Surface de production/, '2 400');
    type(/^Surface de stockage/, '350,5');
    fireEvent.click(screen.getByRole('checkbox', { name: 'Métallerie' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Menuiserie' }));
    type(/^Référent travail et formation/, 'Claire Morel');
    type(/^Courriel du référent/, 'travail-formation@justice.fr');
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await screen.findByText('Fiche établissement enregistrée.');
    expect(router.state.location.pathname).toBe('/ateliers/etablissement');
    expect(await getLocalEstablishmentProfile(ctx)).toMatchObject({
      name: 'Centre pénitentiaire de Nancy-Maxéville',
      disp: 'strasbourg',
      communeName: 'Maxéville',
      departement: '54',
      capacity: 690,
      productionArea: 2400,
      storageArea: 350.5,
      domains: ['metallerie', 'menuiserie'],
      officerName: 'Claire Morel',
      officerEmail: 'travail-formation@justice.fr',
    });
    await screen.findByText('DISP de Strasbourg');
    const shown = document.querySelector('dl')?.textContent;
    expect(shown).toContain('DISP de Strasbourg');
    expect(shown).toContain('2\u202f400 m²');
    expect(shown).toContain('Métallerie, Menuiserie');
  });

  it('edits the stored profile, and an emptied optional field leaves it', async () => {
    const ctx = await testContext(establishment);
    await saveEstablishmentProfile(ctx, {
      name: 'CP Nancy',
      disp: 'strasbourg',
      communeName: 'Maxéville',
      departement: '54',
      capacity: 690,
      productionArea: 2400,
      storageArea: 350,
      domains: ['metallerie'],
      officerName: 'Claire Morel',
      officerPhone: '03 83 00 00 00',
    });
    await renderRoutes(ctx, workshopsRoutes, '/ateliers/etablissement/modifier');
    await screen.findByRole('heading', { level: 1, name: 'Modifier la fiche établissement' });
    expect((screen.getByLabelText(/^DISP/) as HTMLSelectElement).value).toBe('strasbourg');
    expect((screen.getByRole('checkbox', { name: 'Métallerie' }) as HTMLInputElement).checked).toBe(true);
    type(/^Téléphone du référent/, '');
    type(/^Capacité/, '700');
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await screen.findByText('Fiche établissement enregistrée.');
    const saved = await getLocalEstablishmentProfile(ctx);
    expect([saved?.capacity, saved?.officerPhone, saved?.disp]).toEqual([700, undefined, 'strasbourg']);
  });

  it('refuses, next to the DISP, a DISP other than the one of the département', async () => {
    const ctx = await testContext(establishment);
    await renderRoutes(ctx, workshopsRoutes, '/ateliers/etablissement/modifier');
    await screen.findByRole('heading', { level: 1, name: 'Nouvelle fiche établissement' });
    fireEvent.change(screen.getByLabelText(/^DISP/), { target: { value: 'lille' } });
    type(/^Commune/, 'Maxéville');
    type(/^Capacité/, '690');
    type(/^Surface de production/, '2400');
    type(/^Surface de stockage/, '350');
    fireEvent.click(screen.getByRole('checkbox', { name: 'Métallerie' }));
    type(/^Référent travail et formation/, 'Claire Morel');
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(messageOf(/^DISP/)).toBe('DISP : le département 54 relève de la DISP de Strasbourg.'));
    expect(await getLocalEstablishmentProfile(ctx)).toBeUndefined();
  });
});
