import type { PasserelleDb } from './database.ts';
import { latestDbVersion } from './versions.ts';

export type OpenOutcome =
  { ok: true; version: number } | { ok: false; reason: 'newer' | 'unavailable' | 'failed' | 'incomplete'; message: string; detail?: string };

/**
 * Set in the database while a restore fills it, removed when it is complete (shared/backup/restore.ts): a
 * database still holding it was cut off mid-restore and is not opened as if it were whole.
 */
export const RESTORE_MARK = 'restore.incomplete';

/**
 * Open the local database and refuse one written by a newer build. Dexie 4 opens a database whose
 * version is above the declared ones without complaint (it tolerates tabs of different releases); here
 * that would let an old build write into a schema it does not know, so it is refused with a message.
 */
export async function openDatabase(db: PasserelleDb): Promise<OpenOutcome> {
  try {
    await db.open();
  } catch (error) {
    return describeOpenError(error);
  }
  // Dexie stores version × 10 natively.
  const onDisk = (db.backendDB()?.version ?? db.verno * 10) / 10;
  if (onDisk > latestDbVersion) {
    db.close();
    return {
      ok: false,
      reason: 'newer',
      message:
        'Ces données ont été enregistrées par une version plus récente de Passerelle. Cette version ne peut pas les ouvrir sans risque : installez la dernière version de Passerelle.',
      detail: `Schéma des données : ${onDisk} ; schéma connu de cette version : ${latestDbVersion}.`,
    };
  }
  if (await db.meta.get(RESTORE_MARK)) {
    db.close();
    return {
      ok: false,
      reason: 'incomplete',
      message: 'La dernière restauration d’une sauvegarde a été interrompue : les données de ce poste sont incomplètes. Restaurez la sauvegarde à nouveau.',
    };
  }
  return { ok: true, version: onDisk };
}

export function describeOpenError(error: unknown): OpenOutcome & { ok: false } {
  const name = error instanceof Error ? error.name : '';
  const inner = (error as { inner?: { name?: string } } | undefined)?.inner?.name ?? '';
  const detail = error instanceof Error ? `${error.name} : ${error.message}` : String(error);
  if (name === 'VersionError' || inner === 'VersionError') {
    return {
      ok: false,
      reason: 'newer',
      message: 'Ces données ont été enregistrées par une version plus récente de Passerelle : installez la dernière version.',
      detail,
    };
  }
  if (name === 'MissingAPIError' || name === 'InvalidStateError' || inner === 'InvalidStateError') {
    return {
      ok: false,
      reason: 'unavailable',
      message: 'Le stockage local est indisponible (navigation privée ou stockage désactivé). Passerelle a besoin de conserver ses données sur ce poste.',
      detail,
    };
  }
  if (name === 'QuotaExceededError' || inner === 'QuotaExceededError') {
    return { ok: false, reason: 'unavailable', message: 'Le disque de ce poste est plein : libérez de la place puis relancez Passerelle.', detail };
  }
  return {
    ok: false,
    reason: 'failed',
    message:
      'La base de données locale n’a pas pu être ouverte. Fermez les autres fenêtres de Passerelle puis réessayez ; si le problème persiste, contactez votre correspondant informatique.',
    detail,
  };
}
