import { useLiveQuery } from 'dexie-react-hooks';
import type { RepoContext } from '../../shared/repos/context.ts';
import { useRepo } from './RepoProvider.tsx';

/**
 * A record (or a record's page) read live by its id through a repository query: undefined while it loads, null
 * when there is none (deleted since, or a stale link). Without an id (a form creating a record) it reads nothing
 * and stays undefined.
 *
 * @example
 * const partner = useRecord(getPartner, partnerId);
 */
export function useRecord<T>(read: (ctx: RepoContext, id: string) => Promise<T | undefined>, id: string | undefined): T | null | undefined {
  const ctx = useRepo();
  return useLiveQuery(async () => (id === undefined ? undefined : ((await read(ctx, id)) ?? null)), [ctx, read, id]);
}
