import { formatDate, formatHours } from '../format/fr.ts';
import type { Attendance } from '../schemas/attendance.ts';
import { attendanceClosedReason, type Enrolment } from '../schemas/enrolment.ts';
import type { HourLog } from '../schemas/hourLog.ts';
import type { Programme } from '../schemas/programme.ts';
import type { RepoContext } from './context.ts';
import { RepoError } from '../errors.ts';
import { today } from '../util.ts';
import { liveRecord, refuse } from './guards.ts';
import { logHours, removeHourLog, updateHourLog } from './hourLogs.ts';
import { assertLocallyOwned } from './ownership.ts';
import { writeTransaction, type Writer } from './writer.ts';

/** One cell of the attendance grid: present with hours, absent, or cleared (`present: null`). */
export interface AttendanceCell {
  enrolmentId: string;
  date: string;
  present: boolean | null;
  /** Hours attended; when present and not given, the session's hours per day. */
  hours?: number;
}

async function attendanceOn(w: Writer, enrolmentId: string, date: string): Promise<Attendance | undefined> {
  return w
    .table('attendance')
    .where('[enrolmentId+date]')
    .equals([enrolmentId, date])
    .filter((a) => !a.deleted)
    .first();
}

async function hourLogOf(w: Writer, attendanceId: string): Promise<HourLog | undefined> {
  return w
    .table('hourLog')
    .where('attendanceId')
    .equals(attendanceId)
    .filter((l) => !l.deleted)
    .first();
}

/**
 * Hours attended in a TIG pédagogique session count on the enrolment's measure. The attendance is the one
 * source: its hour log is written, moved and removed only from here, in the same transaction, through the
 * hour-log functions of the TIG follow-up, so the same limits apply (12 hours a day per person, no date to
 * come, nothing after the measure ended, no more than the hours ordered) and the measure ends when done.
 */
async function applyToMeasure(w: Writer, attendance: Attendance, enrolment: Enrolment, programme: Programme): Promise<void> {
  if (programme.kind !== 'tig_pedagogique' || enrolment.measureId === undefined) return;
  const log = await hourLogOf(w, attendance.id);
  if (!attendance.present) {
    if (log) await removeHourLog(w, log.id);
    return;
  }
  if (!log) {
    await logHours(w, {
      measureId: enrolment.measureId,
      personId: enrolment.personId,
      attendanceId: attendance.id,
      date: attendance.date,
      hours: attendance.hours,
      confirmedByTutor: true,
    });
  } else if (log.date !== attendance.date || log.hours !== attendance.hours) {
    await updateHourLog(w, log.id, { date: attendance.date, hours: attendance.hours });
  }
}

function assertAttendanceOpen(enrolment: Enrolment): void {
  const reason = attendanceClosedReason(enrolment.status);
  if (reason) refuse(`${reason} Pour corriger une présence, remettez d’abord son statut à « Inscrit » ou « Présent ».`, 'status');
}

async function erase(w: Writer, attendance: Attendance): Promise<void> {
  const log = await hourLogOf(w, attendance.id);
  if (log) await removeHourLog(w, log.id);
  await w.remove('attendance', attendance.id);
}

/** Validate and store one participant's day, creating the record or changing `existing`. */
async function store(
  w: Writer,
  enrolment: Enrolment,
  existing: Attendance | undefined,
  day: { date: string; present: boolean; hours?: number | undefined },
): Promise<Attendance> {
  const session = await liveRecord(w, 'session', enrolment.sessionId);
  const programme = await liveRecord(w, 'programme', session.programmeId);
  if (!session.days.includes(day.date)) refuse(`Le ${formatDate(day.date)} n’est pas un jour de la séance.`, 'date');
  if (day.date > today(w)) refuse(`Le ${formatDate(day.date)} n’est pas encore arrivé : la présence se saisit le jour même ou après.`, 'date');
  const hours = day.present ? (day.hours ?? session.hoursPerDay) : 0;
  if (hours > session.hoursPerDay) refuse(`Heures : ${formatHours(session.hoursPerDay)} au plus par jour dans cette séance.`, 'hours');
  const fields = { enrolmentId: enrolment.id, sessionId: session.id, personId: enrolment.personId, date: day.date, present: day.present, hours };
  const attendance = existing ? await w.update('attendance', existing.id, fields) : await w.insert('attendance', fields);
  await applyToMeasure(w, attendance, enrolment, programme);
  if (attendance.present && enrolment.status === 'inscrit') await w.update('enrolment', enrolment.id, { status: 'present' });
  return attendance;
}

/**
 * Record, change or clear one participant's attendance on one day: a day entered again replaces the first
 * entry, so there is never a double entry. Attendance is recorded once the day has come, and not for a
 * participant who abandoned or was excluded.
 */
export async function recordAttendanceIn(w: Writer, cell: AttendanceCell): Promise<Attendance | undefined> {
  const enrolment = await liveRecord(w, 'enrolment', cell.enrolmentId);
  assertLocallyOwned(w, enrolment, 'enrolment');
  assertAttendanceOpen(enrolment);
  const existing = await attendanceOn(w, enrolment.id, cell.date);
  if (cell.present === null) {
    if (existing) await erase(w, existing);
    return undefined;
  }
  return store(w, enrolment, existing, { date: cell.date, present: cell.present, hours: cell.hours });
}

/** Correct an attendance: another day of the session, presence or hours. Its hours on the measure follow. */
export async function updateAttendanceIn(w: Writer, id: string, patch: { date?: string; present?: boolean; hours?: number }): Promise<Attendance> {
  const existing = await liveRecord(w, 'attendance', id);
  assertLocallyOwned(w, existing, 'attendance');
  const enrolment = await liveRecord(w, 'enrolment', existing.enrolmentId);
  assertAttendanceOpen(enrolment);
  const date = patch.date ?? existing.date;
  if (date !== existing.date && (await attendanceOn(w, enrolment.id, date)))
    refuse(`Une présence est déjà saisie le ${formatDate(date)} pour ce participant.`, 'date');
  const present = patch.present ?? existing.present;
  const hours = patch.hours ?? (patch.present === undefined ? existing.hours : undefined);
  return store(w, enrolment, existing, { date, present, hours: present ? hours : 0 });
}

export async function removeAttendanceIn(w: Writer, id: string): Promise<void> {
  const existing = await liveRecord(w, 'attendance', id);
  assertLocallyOwned(w, existing, 'attendance');
  assertAttendanceOpen(await liveRecord(w, 'enrolment', existing.enrolmentId));
  await erase(w, existing);
}

/**
 * A session's attendance grid, every cell or none. A refused cell names the participant and the day, and
 * its issue carries the cell (`enrolmentId/date`) for the grid to point at.
 */
export async function saveAttendanceGridIn(w: Writer, sessionId: string, cells: readonly AttendanceCell[]): Promise<Attendance[]> {
  const saved: Attendance[] = [];
  for (const cell of cells) {
    const enrolment = await liveRecord(w, 'enrolment', cell.enrolmentId);
    if (enrolment.sessionId !== sessionId) refuse('La grille contient une inscription d’une autre séance.');
    try {
      const attendance = await recordAttendanceIn(w, cell);
      if (attendance) saved.push(attendance);
    } catch (error) {
      if (!(error instanceof RepoError)) throw error;
      const person = await w.get('person', enrolment.personId);
      const who = person ? `${person.lastName} ${person.firstName}` : 'Participant';
      throw new RepoError(`${who}, le ${formatDate(cell.date)} : ${error.message}`, [{ path: `${cell.enrolmentId}/${cell.date}`, message: error.message }]);
    }
  }
  return saved;
}

export const recordAttendance = (ctx: RepoContext, cell: AttendanceCell) => writeTransaction(ctx, (w) => recordAttendanceIn(w, cell));
export const updateAttendance = (ctx: RepoContext, id: string, patch: { date?: string; present?: boolean; hours?: number }) =>
  writeTransaction(ctx, (w) => updateAttendanceIn(w, id, patch));
export const removeAttendance = (ctx: RepoContext, id: string) => writeTransaction(ctx, (w) => removeAttendanceIn(w, id));
export const saveAttendanceGrid = (ctx: RepoContext, sessionId: string, cells: readonly AttendanceCell[]) =>
  writeTransaction(ctx, (w) => saveAttendanceGridIn(w, sessionId, cells));

/** Live attendance of a session, for the grid. */
export async function listAttendance(ctx: RepoContext, sessionId: string): Promise<Attendance[]> {
  const rows = await ctx.db.attendance.where('sessionId').equals(sessionId).toArray();
  return rows.filter((a) => !a.deleted);
}
