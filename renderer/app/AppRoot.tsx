import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useState } from 'react';
import { getSetupState } from '../../shared/repos/identity.ts';
import type { RepoContext } from '../../shared/repos/context.ts';
import { SyncProvider } from '../features/sync/index.ts';
import { bootDatabase, type BootResult } from './boot.ts';
import { DbErrorScreen } from './DbErrorScreen.tsx';
import { FirstRun } from './FirstRun.tsx';
import { AppRouter } from './router.tsx';
import { RepoProvider } from './RepoProvider.tsx';
import { useStartupMaintenance } from './useStartupMaintenance.ts';

/** Start-up: open the database, then the first run or the application (`boot` opens another database in tests). */
export function AppRoot({ boot: open = bootDatabase }: { boot?: () => Promise<BootResult> }) {
  const [boot, setBoot] = useState<BootResult | undefined>();
  const [attempt, setAttempt] = useState(0);
  const retry = useCallback(() => {
    setBoot(undefined);
    setAttempt((n) => n + 1);
  }, []);

  useEffect(() => {
    let live = true;
    void open().then((result) => live && setBoot(result));
    return () => {
      live = false;
    };
  }, [open, attempt]);

  if (!boot) return <Loading />;
  if (!boot.ok) return <DbErrorScreen outcome={boot} onRetry={retry} />;
  return <Configured ctx={boot.ctx} />;
}

function Configured({ ctx }: { ctx: RepoContext }) {
  const setup = useLiveQuery(() => getSetupState(ctx), [ctx]);
  if (!setup) return <Loading />;
  if (!setup.identity || !setup.done) {
    return (
      <RepoProvider ctx={ctx} identity={setup.identity}>
        <FirstRun identity={setup.identity} />
      </RepoProvider>
    );
  }
  return (
    <RepoProvider ctx={ctx} identity={setup.identity}>
      <SyncProvider>
        <ConfiguredApp ctx={ctx} />
      </SyncProvider>
    </RepoProvider>
  );
}

function ConfiguredApp({ ctx }: { ctx: RepoContext }) {
  useStartupMaintenance(ctx);
  return <AppRouter />;
}

/** After this long, opening is most likely the upgrade of the local data a new version brings. */
export const SLOW_OPEN_MS = 3000;

function Loading() {
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setSlow(true), SLOW_OPEN_MS);
    return () => clearTimeout(timer);
  }, []);
  return (
    <main className="app-centered" id="contenu" aria-busy="true">
      <p>Ouverture de Passerelle…</p>
      {slow && (
        <p role="status">
          Après l’installation d’une nouvelle version, les données de ce poste sont mises à jour : cela peut prendre une minute quand elles sont nombreuses. Ne
          fermez pas la fenêtre.
        </p>
      )}
    </main>
  );
}
