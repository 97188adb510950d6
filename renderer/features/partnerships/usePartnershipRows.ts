import { useLiveQuery } from 'dexie-react-hooks';
import { useIdentity, useRepo, useToday } from '../../app/index.ts';
import { loadPartnershipRows } from './rows.ts';

export function usePartnershipRows() {
  const ctx = useRepo();
  const identity = useIdentity();
  const today = useToday();
  return useLiveQuery(() => loadPartnershipRows(ctx, identity, today), [ctx, identity, today]);
}
