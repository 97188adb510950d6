import { UserFacingError } from '../repos/errors.ts';

/** A sync step that cannot go on; its message is French and tells a person what happened and what to do. */
export class SyncError extends UserFacingError {
  constructor(message: string) {
    super(message);
    this.name = 'SyncError';
  }
}
