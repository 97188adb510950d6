import { RepoError, repoErrorFromZod } from '../errors.ts';
import type { Writer } from './writer.ts';
import { entities, type EntityFields, type EntityName, type EntityRecord } from '../schemas/entities.ts';
import { agree } from '../format/agreement.ts';

/** A record that exists and is not deleted, or a French refusal naming what is missing. */
export async function liveRecord<E extends EntityName>(w: Writer, entity: E, id: string): Promise<EntityRecord<E>> {
  const record = await w.get(entity, id);
  if (!record || record.deleted) throw new RepoError(`${entities[entity].label} introuvable ou ${agree('supprimé', entities[entity].gender)}.`);
  return record;
}

export const HANDED_OVER = 'Mesure transférée à un autre site : elle reste ici en lecture seule, avec ses mises en situation, ses heures et ses incidents.';

/**
 * A measure this site may still write, or what hangs on it: live, and not handed over to another site. A
 * transferred measure stays as a closed trace; after a transfer file is accepted, headquarters refuses any write
 * of the sender to it, so the repositories refuse it first.
 */
export async function measureHeldHere(w: Writer, id: string): Promise<EntityRecord<'measure'>> {
  const measure = await liveRecord(w, 'measure', id);
  if (measure.status === 'transferee') refuse(HANDED_OVER);
  return measure;
}

/** Validate what a user typed before the rules read it (the writer validates again when it writes). */
export function parseFields<E extends EntityName>(entity: E, input: unknown): EntityFields<E> {
  const result = entities[entity].fields.safeParse(input);
  if (!result.success) throw repoErrorFromZod(result.error, entities[entity].label);
  return result.data as EntityFields<E>;
}

/** A rule refused the write: French message, attached to a field when there is one. */
export function refuse(message: string, path = ''): never {
  throw new RepoError(message, [{ path, message }]);
}

/** Fields a record keeps for life (its links): a patch may repeat them but not change them. */
export function keepFixed(existing: Record<string, unknown>, patch: Record<string, unknown>, keys: readonly string[], message: string): void {
  for (const key of keys) if (key in patch && patch[key] !== undefined && patch[key] !== existing[key]) refuse(message, key);
}
