import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { RepoError, errorMessage } from '../../shared/errors.ts';

/**
 * Put a refused write's messages where the user looks: next to each field the repository named, and the
 * whole message (returned) above the form for record-level rules.
 */
export function showRepoError<T extends FieldValues>(error: unknown, setError: UseFormSetError<T>, fields: readonly string[]): string {
  if (error instanceof RepoError) {
    for (const issue of error.issues) {
      const field = issue.path.split('.')[0];
      if (field && fields.includes(field)) setError(field as Path<T>, { type: 'repository', message: issue.message });
    }
  }
  return errorMessage(error);
}
