import { useLiveQuery } from 'dexie-react-hooks';
import { useParams } from 'react-router';
import { sessionView, type SessionView } from '../../../shared/repos/workshopViews.ts';
import { useRepo } from '../../app/index.ts';

/** The session of the address's `sessionId`: undefined while it loads, null when it does not exist. */
export function useSessionView(): SessionView | null | undefined {
  const ctx = useRepo();
  const { sessionId = '' } = useParams();
  return useLiveQuery(async () => (await sessionView(ctx, sessionId)) ?? null, [ctx, sessionId]);
}
