import { useLiveQuery } from 'dexie-react-hooks';
import { todayIso } from '../../../shared/format/fr.ts';
import { useIdentity, useRepo } from '../../app/index.ts';
import { loadPartnershipRows } from './rows.ts';

export function usePartnershipRows() {
  const ctx = useRepo();
  const identity = useIdentity();
  const today = todayIso(ctx.clock.now());
  return useLiveQuery(() => loadPartnershipRows(ctx, identity, today), [ctx, identity, today]);
}
