import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { listOrganisations } from '../../../shared/repos/organisations.ts';
import { testContext } from '../../../test/support/memoryDb.ts';
import { renderRoutes } from '../../../test/support/renderApp.ts';
import { importsRoutes } from './index.ts';

// The report is a virtualised DataTable: give elements a height so that its rows are rendered.
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 400 });
});
afterAll(() => {
  Reflect.deleteProperty(HTMLElement.prototype, 'clientHeight');
});
afterEach(cleanup);

const file = new File(
  [
    [
      'Appellation;Type;Ville;Département;Notes internes',
      'Mairie de Toul;Collectivité territoriale;Toul;54;partenaire historique',
      'Secours populaire;Association;Nancy;Meurthe-et-Moselle;',
      'Sans type;;Metz;57;',
      ';Inconnu;Metz;57;',
    ].join('\r\n'),
  ],
  'structures.csv',
  { type: 'text/csv' },
);

describe('CSV import wizard', () => {
  it('lets the user fix the column mapping, previews without writing, and imports only once confirmed', async () => {
    const ctx = await testContext();
    await renderRoutes(ctx, importsRoutes, '/structures/import');
    await screen.findByRole('heading', { level: 1, name: 'Importer des structures ou des postes' });
    fireEvent.change(screen.getByLabelText(/^Fichier CSV/), { target: { files: [file] } });

    await screen.findByText(/encodage UTF-8, séparateur point-virgule/);
    const check = screen.getByRole('button', { name: 'Vérifier les lignes' }) as HTMLButtonElement;
    expect(screen.getByText('Choisissez la colonne qui contient « Nom de la structure » (obligatoire).')).toBeTruthy();
    expect(check.disabled).toBe(true);
    expect((screen.getByLabelText('Type de structure *') as HTMLSelectElement).value).toBe('Type');
    expect(screen.getByText(/Colonnes du fichier non importées : « Appellation », « Notes internes »/)).toBeTruthy();

    fireEvent.change(screen.getByLabelText('Nom de la structure *'), { target: { value: 'Appellation' } });
    fireEvent.change(screen.getByLabelText('Notes'), { target: { value: 'Notes internes' } });
    expect(screen.queryByText(/Choisissez la colonne qui contient/)).toBeNull();
    expect(check.disabled).toBe(false);
    fireEvent.click(check);

    const confirm = await screen.findByRole('button', { name: 'Confirmer l’import de 2 structures d’accueil' });
    expect(screen.getByText(/Rien n’a encore été enregistré\. 2 lignes sur 4 sont prêtes à être importées\./)).toBeTruthy();
    const refused = screen.getByRole('table', { name: 'Lignes qui ne seront pas importées' });
    // One row per reason, each read in full.
    const cells = () => [...refused.querySelectorAll('tbody tr[data-index]')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent));
    expect(cells()).toEqual([
      ['4', 'Sans type', 'Refusée', 'Type de structure : champ obligatoire'],
      ['5', '', 'Refusée', 'Nom de la structure : champ obligatoire'],
      [
        '5',
        '',
        'Refusée',
        expect.stringMatching(/^Type de structure : « Inconnu » : type de structure inconnu \(Personne morale de droit public, .*Association\)$/),
      ],
    ]);
    // A reason is read in full: its cell wraps instead of cutting the text.
    expect(within(refused).getByText(/type de structure inconnu/).style.whiteSpace).toBe('normal');
    expect(await ctx.db.organisations.count()).toBe(0);
    expect(await ctx.db.changes.count()).toBe(0);

    fireEvent.click(confirm);
    await screen.findByRole('heading', { name: '2 structures d’accueil importées' });
    expect(screen.getByRole('link', { name: 'Voir les structures' }).getAttribute('href')).toBe('/structures');
    const saved = await listOrganisations(ctx);
    expect(saved.map((o) => [o.name, o.departement, o.notes]).sort()).toEqual([
      ['Mairie de Toul', '54', 'partenaire historique'],
      ['Secours populaire', '54', undefined],
    ]);

    fireEvent.click(screen.getByRole('button', { name: 'Importer un autre fichier' }));
    await waitFor(() => expect(screen.getByLabelText(/^Fichier CSV/)).toBeTruthy());
  });

  it('shows its progress on a long file, then the counts', async () => {
    const ctx = await testContext();
    await renderRoutes(ctx, importsRoutes, '/import/personnes');
    await screen.findByRole('heading', { level: 1, name: 'Importer des personnes suivies' });
    const rows = Array.from({ length: 400 }, (_, i) => `Nom${i};Prénom;01/02/1990;2026/${String(i).padStart(5, '0')}`);
    fireEvent.change(screen.getByLabelText(/^Fichier CSV/), {
      target: { files: [new File([['Nom;Prénom;Date de naissance;Numéro de dossier', ...rows].join('\n')], 'personnes.csv')] },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Vérifier les lignes' }));
    const progress = await screen.findByText(/^Vérification des lignes : [\d\u202f]+ sur 400 lignes…$/);
    expect(progress.closest('[role="status"]')?.querySelector('progress')?.getAttribute('max')).toBe('400');
    await screen.findByRole('button', { name: 'Confirmer l’import de 400 personnes suivies' }, { timeout: 25_000 });
    expect(screen.queryByText(/^Vérification des lignes/)).toBeNull();
  }, 30_000);

  it('takes a file dropped on it, says why it cannot be read, and stays on the first step', async () => {
    const ctx = await testContext();
    await renderRoutes(ctx, importsRoutes, '/import/personnes');
    await screen.findByRole('heading', { level: 1, name: 'Importer des personnes suivies' });
    const zone = screen.getByLabelText(/^Fichier CSV/).closest('.app-dropzone')!;
    fireEvent.dragOver(zone, { dataTransfer: { files: [] } });
    expect(zone.classList.contains('app-dropzone--active')).toBe(true);
    fireEvent.drop(zone, { dataTransfer: { files: [new File(['Nom;Prénom\r\n'], 'vide.csv')] } });
    expect(zone.classList.contains('app-dropzone--active')).toBe(false);
    await screen.findByText('« vide.csv » ne peut pas être lu : Le fichier ne contient que la ligne d’en-tête : aucune ligne à importer.');
    expect(screen.getByText('Étape 1 sur 4')).toBeTruthy();
  });
});
