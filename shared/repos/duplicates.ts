import { Dexie } from 'dexie';
import type { EntityName } from '../schemas/entities.ts';
import type { Person, PersonInput } from '../schemas/person.ts';
import type { RepoContext } from './context.ts';
import { isLive } from '../util.ts';
import { liveRecord, refuse } from './guards.ts';
import { writeTransaction, type Writer } from './writer.ts';

/** Fields a kept person takes from the duplicate when it has none of its own. */
const FILLED: readonly (keyof PersonInput)[] = ['communeCode', 'communeName', 'departement', 'phone', 'counsellor'];

export interface MergeOutcome {
  /** Records moved onto the kept person, per entity. */
  moved: Partial<Record<EntityName, number>>;
}

async function movePersonId(w: Writer, entity: EntityName, ids: readonly string[], keptId: string, moved: MergeOutcome['moved']): Promise<void> {
  if (ids.length === 0) return;
  await w.updateMany(entity, ids.map((id) => ({ id, patch: { personId: keptId } })) as never);
  moved[entity] = ids.length;
}

/**
 * "Fusionner": the same person recorded twice (on two workstations of the office, or by mistake) becomes one.
 * Everything the duplicate has (measures, placements, hours, incidents, workshop enrolments and attendance)
 * moves onto the kept person, which takes the duplicate's details it lacks; the duplicate is then deleted.
 * Through the writer, in one transaction, every move in the change log, so every workstation and
 * headquarters get the same.
 */
export function mergePersons(ctx: RepoContext, keptId: string, duplicateId: string): Promise<MergeOutcome> {
  return writeTransaction(ctx, async (w) => {
    if (keptId === duplicateId) refuse('Choisissez deux personnes différentes.');
    const kept = await liveRecord(w, 'person', keptId);
    const duplicate = await liveRecord(w, 'person', duplicateId);
    const moved: MergeOutcome['moved'] = {};
    const ofDuplicate = async <E extends 'measure' | 'placement' | 'enrolment'>(entity: E) =>
      (await w.table(entity).where('personId').equals(duplicateId).toArray()).filter(isLive).map((r) => r.id);
    const measureIds = await ofDuplicate('measure');
    const enrolmentIds = await ofDuplicate('enrolment');
    const hourLogs = await w.table('hourLog').where('[personId+date]').between([duplicateId, Dexie.minKey], [duplicateId, Dexie.maxKey]).toArray();
    const incidents = await w.table('incident').where('measureId').anyOf(measureIds).toArray();
    const attendance = await w.table('attendance').where('enrolmentId').anyOf(enrolmentIds).toArray();
    await movePersonId(w, 'measure', measureIds, keptId, moved);
    await movePersonId(w, 'placement', await ofDuplicate('placement'), keptId, moved);
    await movePersonId(
      w,
      'hourLog',
      hourLogs.filter(isLive).map((l) => l.id),
      keptId,
      moved,
    );
    await movePersonId(
      w,
      'incident',
      incidents.filter((i) => isLive(i) && i.personId === duplicateId).map((i) => i.id),
      keptId,
      moved,
    );
    await movePersonId(w, 'enrolment', enrolmentIds, keptId, moved);
    await movePersonId(
      w,
      'attendance',
      attendance.filter((a) => isLive(a) && a.personId === duplicateId).map((a) => a.id),
      keptId,
      moved,
    );
    const details: Partial<PersonInput> = {};
    for (const field of FILLED) {
      if (kept[field as keyof Person] === undefined && duplicate[field as keyof Person] !== undefined) {
        (details as Record<string, unknown>)[field] = duplicate[field as keyof Person];
      }
    }
    if (Object.keys(details).length > 0) await w.update('person', keptId, details);
    await w.remove('person', duplicateId);
    return { moved };
  });
}
