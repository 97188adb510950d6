import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Bridge } from '../../../shared/bridge/contract.ts';
import type { Target } from '../../../shared/bridge/syncSchemas.ts';
import { readIdentity } from '../../../shared/repos/identity.ts';
import type { SiteIdentity } from '../../../shared/schemas/site.ts';
import { testContext } from '../../../test/support/memoryDb.ts';
import { RepoProvider } from '../../app/index.ts';
import { TargetActions } from './FolderChooser.tsx';
import { SyncProvider } from './SyncProvider.tsx';

// What the provider asks the Node side at start; nothing else is called here.
window.passerelle = {
  appInfo: vi.fn(async () => ({ version: 'test', host: 'web' as const, dataDir: '/tmp' })),
  startSession: vi.fn(async () => ({ mode: 'site' as const, hq: null })),
  syncStatus: vi.fn(async () => ({
    folder: null,
    reachable: false,
    checkedAt: null,
    hqKey: null,
    siteKeys: { state: 'missing' },
    keyStorage: { label: 'Mémoire', problem: null },
  })),
  syncCheckNow: vi.fn(async () => ({ status: { folder: null, reachable: false, checkedAt: null }, inbox: { problems: [] } })),
  on: () => () => undefined,
} as unknown as Bridge;

afterEach(cleanup);

/** A long piece of work the test finishes when it wants. */
function pending() {
  let finish: () => void = () => undefined;
  let fail: (error: Error) => void = () => undefined;
  const promise = new Promise<void>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  return { promise, finish, fail };
}

async function mount(onTarget: (target: Target) => Promise<void>) {
  const ctx = await testContext();
  const identity = (await readIdentity(ctx.db)) as SiteIdentity;
  render(
    <RepoProvider ctx={ctx} identity={identity}>
      <SyncProvider>
        <TargetActions
          labels={{ download: 'Exporter le fichier central', folder: 'Exporter dans un dossier' }}
          progress="Export du fichier central en cours : 12 lot(s) consolidé(s) de 3 site(s)…"
          onTarget={onTarget}
        />
      </SyncProvider>
    </RepoProvider>,
  );
}

describe('target actions', () => {
  it('show what is under way, with its counts, and a bar while the work runs; the buttons wait', async () => {
    const work = pending();
    await mount(() => work.promise);
    expect(screen.queryByRole('status')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Exporter le fichier central' }));
    const status = await screen.findByRole('status');
    expect(status.textContent).toBe('Export du fichier central en cours : 12 lot(s) consolidé(s) de 3 site(s)…');
    expect(screen.getByRole('progressbar', { name: /Export du fichier central en cours/ })).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Exporter le fichier central' }) as HTMLButtonElement).disabled).toBe(true);
    work.finish();
    await waitFor(() => expect(screen.queryByRole('status')).toBeNull());
    expect((screen.getByRole('button', { name: 'Exporter le fichier central' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('show the progress for a chosen folder too, and the refusal next to the path when it fails', async () => {
    const work = pending();
    await mount(() => work.promise);
    fireEvent.change(screen.getByRole('textbox', { name: /Exporter dans un dossier/ }), { target: { value: '/media/cle' } });
    fireEvent.click(screen.getByRole('button', { name: 'Écrire dans ce dossier' }));
    expect((await screen.findByRole('status')).textContent).toContain('Export du fichier central en cours');
    work.fail(new Error('Dossier introuvable : /media/cle'));
    await waitFor(() => expect(screen.queryByRole('status')).toBeNull());
    expect(await screen.findByText(/Dossier introuvable : \/media\/cle/)).toBeTruthy();
  });
});
