import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useState } from 'react';
import { getSetupState } from '../../shared/repos/identity.ts';
import type { RepoContext } from '../../shared/repos/context.ts';
import type { SiteIdentity } from '../../shared/schemas/site.ts';
import { SessionGate } from '../features/accounts/index.ts';
import { useDailyBackup } from '../features/backup/index.ts';
import { SyncProvider } from '../features/sync/index.ts';
import { Progress } from '../features/sync/index.ts';
import { bootDatabase, type BootResult, type StartupProgress } from './boot.ts';
import { DbErrorScreen } from './DbErrorScreen.tsx';
import { FirstRun } from './FirstRun.tsx';
import { AppRouter } from './router.tsx';
import { RepoProvider } from './RepoProvider.tsx';
import { useStartupMaintenance } from './useStartupMaintenance.ts';

const defaultBoot = (onProgress: (progress: StartupProgress) => void) => bootDatabase(undefined, onProgress);

/** Start-up: open the database, then the first run or the application (`boot` opens another database in tests). */
export function AppRoot({ boot: open = defaultBoot }: { boot?: (onProgress: (progress: StartupProgress) => void) => Promise<BootResult> }) {
  const [boot, setBoot] = useState<BootResult | undefined>();
  const [progress, setProgress] = useState<StartupProgress>();
  const [attempt, setAttempt] = useState(0);
  const retry = useCallback(() => {
    setBoot(undefined);
    setAttempt((n) => n + 1);
  }, []);

  useEffect(() => {
    let live = true;
    void open((p) => live && setProgress(p)).then((result) => live && setBoot(result));
    return () => {
      live = false;
    };
  }, [open, attempt]);

  if (!boot) return <Loading progress={progress} />;
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
  const identity = setup.identity;
  return (
    <SessionGate ctx={ctx} identity={identity}>
      {(withSession) => (
        // The screens sign with the account: documents, the status bar and forms read its name as the user's.
        <RepoProvider ctx={withSession} identity={{ ...identity, userName: withSession.session?.name ?? identity.userName }}>
          <SyncProvider>
            <ConfiguredApp ctx={ctx} identity={identity} />
          </SyncProvider>
        </RepoProvider>
      )}
    </SessionGate>
  );
}

/** The application's own upkeep (the bin's expiry, the daily backup) runs on the context without a session: no person does it. */
function ConfiguredApp({ ctx, identity }: { ctx: RepoContext; identity: SiteIdentity }) {
  useStartupMaintenance(ctx);
  useDailyBackup(ctx, identity);
  return <AppRouter />;
}

/** After this long, opening is most likely the upgrade of the local data a new version brings. */
export const SLOW_OPEN_MS = 3000;

function Loading({ progress }: { progress?: StartupProgress | undefined }) {
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setSlow(true), SLOW_OPEN_MS);
    return () => clearTimeout(timer);
  }, []);
  return (
    <main className="app-centered" id="contenu" aria-busy="true">
      <p>Ouverture de Passerelle…</p>
      {progress && <Progress label={`${progress.label}…`} done={progress.done} total={progress.total} />}
      {slow && !progress && (
        <p role="status">
          Après l’installation d’une nouvelle version, les données de ce poste sont mises à jour : cela peut prendre une minute quand elles sont nombreuses. Ne
          fermez pas la fenêtre.
        </p>
      )}
    </main>
  );
}
