import '../../test/support/renderApp.ts';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDb, PasserelleDb } from '../../shared/db/database.ts';
import { dbVersions, latestDbVersion } from '../../shared/db/versions.ts';
import { AppRoot, SLOW_OPEN_MS } from './AppRoot.tsx';
import { bootDatabase } from './boot.ts';

afterEach(cleanup);

const NAME = 'passerelle-boot';

/**
 * A browser whose IndexedDB refuses to open, as private browsing, a full disk or a damaged profile do, until
 * `repair()` is called.
 */
function refusingIndexedDB(errorName: string): IDBFactory & { repair(): void } {
  const factory = new IDBFactory();
  let refusing = true;
  const realOpen = factory.open.bind(factory);
  factory.open = (name: string, version?: number) => {
    if (refusing) throw new DOMException('open refused', errorName);
    return realOpen(name, version);
  };
  return Object.assign(factory, { repair: () => (refusing = false) });
}

function renderBoot(indexedDB: IDBFactory) {
  return render(<AppRoot boot={() => bootDatabase(createDb({ name: NAME, indexedDB, IDBKeyRange }))} />);
}

async function errorScreen() {
  expect(await screen.findByRole('heading', { level: 1, name: 'Passerelle ne peut pas ouvrir ses données' })).toBeTruthy();
  expect(screen.getByText('Vos données ne sont ni modifiées ni effacées tant que ce message est affiché.')).toBeTruthy();
}

describe('start-up while the local database opens', () => {
  it('says, when opening takes long, that the data may be upgrading and the window must stay open', async () => {
    vi.useFakeTimers();
    try {
      render(<AppRoot boot={() => new Promise<never>(() => undefined)} />);
      expect(screen.getByText('Ouverture de Passerelle…')).toBeTruthy();
      expect(screen.queryByRole('status')).toBeNull();
      await act(() => vi.advanceTimersByTimeAsync(SLOW_OPEN_MS));
      expect(screen.getByRole('status').textContent).toMatch(/les données de ce poste sont mises à jour .* Ne fermez pas la fenêtre\./);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('start-up when the local database cannot be opened', () => {
  it('refuses a profile written by a newer version, without a retry that cannot help', async () => {
    const indexedDB = new IDBFactory();
    const newer = new PasserelleDb(NAME, { indexedDB, IDBKeyRange }, [...dbVersions, { version: latestDbVersion + 1, stores: { futureTable: 'id' } }]);
    await newer.open();
    newer.close();

    renderBoot(indexedDB);
    await errorScreen();
    expect(
      screen.getByText(
        'Ces données ont été enregistrées par une version plus récente de Passerelle. Cette version ne peut pas les ouvrir sans risque : installez la dernière version de Passerelle.',
      ),
    ).toBeTruthy();
    expect(screen.getByText(`Schéma des données : ${latestDbVersion + 1} ; schéma connu de cette version : ${latestDbVersion}.`)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Réessayer' })).toBeNull();

    const after = new PasserelleDb(NAME, { indexedDB, IDBKeyRange }, [...dbVersions, { version: latestDbVersion + 1, stores: { futureTable: 'id' } }]);
    await after.open();
    expect(after.verno).toBe(latestDbVersion + 1);
    expect(after.tables.map((t) => t.name)).toContain('futureTable');
    after.close();
  });

  it('says when the browser keeps no local storage (private browsing)', async () => {
    renderBoot(refusingIndexedDB('InvalidStateError'));
    await errorScreen();
    expect(
      screen.getByText(
        'Le stockage local est indisponible (navigation privée ou stockage désactivé). Passerelle a besoin de conserver ses données sur ce poste.',
      ),
    ).toBeTruthy();
    expect(screen.getByText(/InvalidStateError/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Réessayer' })).toBeTruthy();
  });

  it('says when the disk is full', async () => {
    renderBoot(refusingIndexedDB('QuotaExceededError'));
    await errorScreen();
    expect(screen.getByText('Le disque de ce poste est plein : libérez de la place puis relancez Passerelle.')).toBeTruthy();
  });

  it('explains a failed open, and opens the application when a retry succeeds', async () => {
    const indexedDB = refusingIndexedDB('UnknownError');
    renderBoot(indexedDB);
    await errorScreen();
    expect(
      screen.getByText(
        'La base de données locale n’a pas pu être ouverte. Fermez les autres fenêtres de Passerelle puis réessayez ; si le problème persiste, contactez votre correspondant informatique.',
      ),
    ).toBeTruthy();
    expect(screen.getByText(/Détail technique, à transmettre à votre correspondant informatique/)).toBeTruthy();

    // Opened, the schema version is reported to the Node side: here no web host answers, which only warns.
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    indexedDB.repair();
    fireEvent.click(screen.getByRole('button', { name: 'Réessayer' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Bienvenue dans Passerelle' })).toBeTruthy();
    expect(screen.queryByText('Passerelle ne peut pas ouvrir ses données')).toBeNull();
    expect(warn).toHaveBeenCalledWith('Version du profil non enregistrée :', expect.objectContaining({ name: 'BridgeError' }));
    warn.mockRestore();
  });
});
