import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { testContext } from '../../../test/support/memoryDb.ts';
import { renderRoutes } from '../../../test/support/renderApp.ts';
import { createProgramme } from '../../../shared/repos/programmes.ts';
import { listWorkshopFigures, saveWorkshopFigures } from '../../../shared/repos/workshopFigures.ts';
import { workshopsRoutes } from './index.ts';

afterEach(cleanup);

const type = (label: RegExp, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });
const messageOf = (label: RegExp) => screen.getByLabelText(label).closest('.fr-input-group')?.querySelector('.fr-error-text, .fr-message--error')?.textContent;

async function workshop() {
  const ctx = await testContext();
  const programme = await createProgramme(ctx, {
    kind: 'atelier_production',
    title: 'Atelier de métallerie',
    domain: 'metallerie',
    milieu: 'ferme',
    places: 14,
  });
  await renderRoutes(ctx, workshopsRoutes, `/ateliers/programmes/${programme.id}`);
  await screen.findByRole('heading', { level: 1, name: 'Atelier de métallerie' });
  return { ctx, programme };
}

describe('production workshop figures', () => {
  it('shows the monthly form only for a production workshop', async () => {
    const ctx = await testContext();
    const other = await createProgramme(ctx, { kind: 'apprentissage', title: 'Apprentissage', domain: 'menuiserie', milieu: 'ferme', places: 6 });
    await renderRoutes(ctx, workshopsRoutes, `/ateliers/programmes/${other.id}`);
    await screen.findByRole('heading', { level: 1, name: 'Apprentissage' });
    expect(screen.queryByRole('heading', { name: 'Relevés mensuels de l’atelier' })).toBeNull();
  });

  it('refuses with French messages next to the fields, then saves a month in French numbers', async () => {
    const { ctx, programme } = await workshop();
    expect(screen.getByText(/Aucun relevé pour l’instant/)).toBeTruthy();
    type(/^Travailleurs/, 'dix');
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer le relevé' }));
    await waitFor(() => expect(messageOf(/^Travailleurs/)).toBe('Travailleurs : nombre attendu'));
    expect(messageOf(/^Mois/)).toBe('Mois invalide (format attendu : mm/aaaa)');
    expect(messageOf(/^Heures travaillées/)).toBe('Heures travaillées : nombre attendu');
    type(/^Mois/, '2026-10');
    type(/^Travailleurs/, '20');
    type(/^Heures travaillées/, '1 200,5');
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer le relevé' }));
    await waitFor(() => expect(messageOf(/^Travailleurs/)).toBe('L’atelier compte 14 postes de travail : pas plus de travailleurs.'));
    expect(await listWorkshopFigures(ctx, programme.id)).toEqual([]);
    type(/^Travailleurs/, '12');
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer le relevé' }));
    await screen.findByText('Relevé de octobre 2026 enregistré.');
    expect((await listWorkshopFigures(ctx, programme.id)).map((f) => [f.month, f.workers, f.hoursWorked])).toEqual([['2026-10', 12, 1200.5]]);
    const table = await screen.findByRole('table', { name: /Relevés mensuels/ });
    expect(within(table).getByRole('row', { name: /octobre 2026/ }).textContent).toContain('1\u202f200,5 h');
  });

  it('corrects a month from its row and deletes one after confirmation', async () => {
    const ctx = await testContext();
    const programme = await createProgramme(ctx, { kind: 'atelier_production', title: 'Atelier bois', domain: 'menuiserie', milieu: 'ferme', places: 10 });
    await saveWorkshopFigures(ctx, { programmeId: programme.id, month: '2026-09', workers: 8, hoursWorked: 900 });
    await saveWorkshopFigures(ctx, { programmeId: programme.id, month: '2026-10', workers: 9, hoursWorked: 1000 });
    await renderRoutes(ctx, workshopsRoutes, `/ateliers/programmes/${programme.id}`);
    const table = await screen.findByRole('table', { name: /Relevés mensuels/ });
    expect(
      within(table)
        .getAllByRole('rowheader')
        .map((h) => h.textContent),
    ).toEqual(['octobre 2026', 'septembre 2026']);
    fireEvent.click(within(within(table).getByRole('row', { name: /septembre 2026/ })).getByRole('button', { name: 'Modifier' }));
    expect((screen.getByLabelText(/^Mois/) as HTMLInputElement).value).toBe('2026-09');
    type(/^Heures travaillées/, '950');
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer le relevé' }));
    await screen.findByText('Relevé de septembre 2026 enregistré.');
    expect((await listWorkshopFigures(ctx, programme.id)).map((f) => f.hoursWorked)).toEqual([950, 1000]);
    fireEvent.click(within(within(table).getByRole('row', { name: /octobre 2026/ })).getByRole('button', { name: 'Supprimer' }));
    fireEvent.click(
      within(await screen.findByRole('dialog', { name: 'Supprimer le relevé de octobre 2026 ?' })).getByRole('button', { name: 'Supprimer le relevé' }),
    );
    await waitFor(async () => expect((await listWorkshopFigures(ctx, programme.id)).map((f) => f.month)).toEqual(['2026-09']));
  });
});
