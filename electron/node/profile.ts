import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from './atomicFile.ts';

/**
 * The profile marker: the highest local database schema version this profile has been opened with. An
 * older build must not open a profile a newer one has upgraded (Dexie cannot downgrade; the user would
 * see a broken window instead of a message).
 */
export interface ProfileMarker {
  dbVersion: number;
  appVersion: string;
}

const FILE = 'profile.json';

export async function readProfileMarker(dataDir: string): Promise<ProfileMarker | undefined> {
  try {
    const parsed = JSON.parse(await readFile(join(dataDir, FILE), 'utf8')) as Partial<ProfileMarker>;
    if (typeof parsed.dbVersion === 'number' && typeof parsed.appVersion === 'string') return { dbVersion: parsed.dbVersion, appVersion: parsed.appVersion };
    return undefined;
  } catch {
    return undefined;
  }
}

/** Record the version the renderer opened, never lowering it. Returns whether the marker changed. */
export async function recordProfileMarker(dataDir: string, dbVersion: number, appVersion: string): Promise<boolean> {
  const current = await readProfileMarker(dataDir);
  if (current && current.dbVersion >= dbVersion) return false;
  await mkdir(dataDir, { recursive: true });
  await writeFileAtomic(join(dataDir, FILE), JSON.stringify({ dbVersion, appVersion }, null, 2));
  return true;
}

export type ProfileCheck = { ok: true } | { ok: false; message: string };

/** Whether this build (knowing schema versions up to `buildDbVersion`) may open the profile. */
export function checkProfile(marker: ProfileMarker | undefined, buildDbVersion: number, buildAppVersion: string): ProfileCheck {
  if (!marker || marker.dbVersion <= buildDbVersion) return { ok: true };
  return {
    ok: false,
    message:
      `Ces données ont été enregistrées par une version plus récente de Passerelle (${marker.appVersion}). ` +
      `Cette version (${buildAppVersion}) ne peut pas les ouvrir sans risque de perte : installez la version ${marker.appVersion} ou plus récente.`,
  };
}
