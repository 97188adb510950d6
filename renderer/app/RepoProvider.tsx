import { useLiveQuery } from 'dexie-react-hooks';
import { createContext, useContext, type ReactNode } from 'react';
import { readSiteContact } from '../../shared/repos/identity.ts';
import { todayIso } from '../../shared/format/fr.ts';
import type { RepoContext } from '../../shared/repos/context.ts';
import type { SiteIdentity } from '../../shared/schemas/site.ts';
import type { PrintIssuer } from '../ui/print/PrintFrame.tsx';

const RepoCtx = createContext<RepoContext | null>(null);
const IdentityCtx = createContext<SiteIdentity | null>(null);

export function RepoProvider({ ctx, identity, children }: { ctx: RepoContext; identity: SiteIdentity | null; children: ReactNode }) {
  return (
    <RepoCtx.Provider value={ctx}>
      <IdentityCtx.Provider value={identity}>{children}</IdentityCtx.Provider>
    </RepoCtx.Provider>
  );
}

/** The repository context: pass it to shared/repos functions (reads with useLiveQuery, writes on events). */
export function useRepo(): RepoContext {
  const ctx = useContext(RepoCtx);
  if (!ctx) throw new Error('useRepo outside RepoProvider');
  return ctx;
}

/** The configured site and user; only used below the first run, where it always exists. */
export function useIdentity(): SiteIdentity {
  const identity = useContext(IdentityCtx);
  if (!identity) throw new Error('useIdentity before the site is configured');
  return identity;
}

/** Today in Paris (`AAAA-MM-JJ`) by the repository context's clock, the one its writes date records with. */
export function useToday(): string {
  return todayIso(useRepo().clock.now());
}

/** Who issues a printed document and when (`PrintFrame`'s `issuer`): this site, its contact details and user, today. */
export function usePrintIssuer(): PrintIssuer {
  const ctx = useRepo();
  const contact = useLiveQuery(() => readSiteContact(ctx), [ctx]) ?? {};
  return { identity: useIdentity(), today: useToday(), contact };
}
