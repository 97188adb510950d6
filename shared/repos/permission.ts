import { RepoError } from '../errors.ts';
import { can, refusalOf, type Action } from '../rules/permissions.ts';
import type { RepoContext } from './context.ts';

/**
 * Refuse, in French, what the logged-in account's role does not allow. Without a session (first run, the
 * application's own upkeep) nothing is refused: no person acts there, and every screen a person reaches after
 * the first run has one.
 */
export function requirePermission(ctx: Pick<RepoContext, 'session'>, ...needed: readonly Action[]): void {
  const role = ctx.session?.role;
  if (role === undefined) return;
  for (const action of needed) if (!can(role, action)) throw new RepoError(refusalOf(role, action));
}

/** Whether the logged-in account may do this (a screen hides what it may not; the repositories refuse it anyway). */
export function allowed(ctx: Pick<RepoContext, 'session'>, action: Action): boolean {
  return ctx.session === undefined || can(ctx.session.role, action);
}
