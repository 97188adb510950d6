import type { CommuneRow } from '../../../shared/reference/communeSearch.ts';

let loading: Promise<readonly CommuneRow[]> | undefined;

/** The official commune list, loaded once, on first use (1.3 MB: not worth paying at start-up). */
export function loadCommunes(): Promise<readonly CommuneRow[]> {
  loading ??= import('virtual:communes').then((m) => m.default);
  return loading;
}
