import type * as z from 'zod';

export interface FieldIssue {
  /** Dotted path of the field, empty for a record-level issue. */
  path: string;
  message: string;
}

/**
 * An error whose message was written in French for the person using Passerelle (a refused write, a sync step
 * that cannot go on, a refusal from the Node side): shown as it is, never as an unexpected failure.
 */
export class UserFacingError extends Error {}

/**
 * A write refused by a repository: a schema check or a rule. Its message is French and says what to fix;
 * nothing was written.
 */
export class RepoError extends UserFacingError {
  readonly issues: FieldIssue[];
  constructor(message: string, issues: FieldIssue[] = []) {
    super(message);
    this.name = 'RepoError';
    this.issues = issues;
  }
}

/** A sync step that cannot go on; its message is French and tells a person what happened and what to do. */
export class SyncError extends UserFacingError {
  constructor(message: string) {
    super(message);
    this.name = 'SyncError';
  }
}

export function issuesFromZod(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

export function repoErrorFromZod(error: z.ZodError, what: string): RepoError {
  const issues = issuesFromZod(error);
  const first = issues[0];
  const detail = first ? ` : ${first.message}` : '';
  return new RepoError(`${what} invalide${detail}`, issues);
}

/** The French message of any error that reaches the user. */
export function errorMessage(error: unknown): string {
  if (error instanceof UserFacingError) return error.message;
  if (error instanceof Error && error.name === 'QuotaExceededError') return 'Espace disque insuffisant : libérez de la place puis réessayez.';
  if (error instanceof Error) return `Erreur inattendue : ${error.message}`;
  return 'Erreur inattendue.';
}
