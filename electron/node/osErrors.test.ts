import { mkdtemp, open, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { constants } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDiskFull, osReason } from './osErrors.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'passerelle-oserrors-'));
  await writeFile(join(dir, 'fichier'), 'x');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The error the operation really throws. */
async function thrown(operation: () => unknown): Promise<unknown> {
  try {
    await operation();
  } catch (error) {
    return error;
  }
  throw new Error('the operation did not fail');
}

/** A French clause, with none of Node's or SQLite's own words. */
function expectFrench(reason: string, what = reason): void {
  expect(reason, what).toMatch(/\b(le|la|les|un|une|votre|trop|erreur|opération)\b|c’est/);
  expect(reason, what).not.toMatch(/\bE[A-Z]{2,}\b|SQLITE/);
  expect(reason, what).not.toMatch(/raw|no such|denied|illegal|not a|unable/i);
}

describe('errors of the operating system and of SQLite, in French', () => {
  it('says what a person meets on a real disk in French, never in Node’s words', async () => {
    const cases: [string, () => unknown, string][] = [
      ['a folder read as a file', () => readFile(dir), 'c’est un dossier, pas un fichier'],
      ['a missing file', () => readFile(join(dir, 'absent')), 'le fichier ou le dossier n’existe pas (ou plus)'],
      ['a file used as a folder', () => readFile(join(dir, 'fichier', 'dedans')), 'un élément du chemin est un fichier, pas un dossier'],
      ['a file that exists', () => open(join(dir, 'fichier'), 'wx'), 'un fichier de ce nom existe déjà'],
      ['a name too long', () => readFile(join(dir, 'n'.repeat(300))), 'le nom ou le chemin du fichier est trop long'],
      [
        'a link opened without following it',
        async () => {
          await symlink(join(dir, 'fichier'), join(dir, 'lien'));
          await open(join(dir, 'lien'), constants.O_RDONLY | constants.O_NOFOLLOW);
        },
        'c’est un lien symbolique : Passerelle ne suit pas les liens',
      ],
    ];
    for (const [what, operation, reason] of cases) {
      const error = await thrown(operation);
      expect(osReason(error), what).toBe(reason);
      expectFrench(osReason(error), what);
    }
  });

  it('names a full disk, a read-only one, missing rights and a share that stopped answering', () => {
    const reasons = ['ENOSPC', 'EDQUOT', 'EROFS', 'EACCES', 'EPERM', 'EIO', 'ETIMEDOUT', 'EBUSY', 'EMFILE', 'ESTALE'].map((code) =>
      osReason(Object.assign(new Error(`${code}: raw`), { code })),
    );
    for (const reason of reasons) expectFrench(reason);
    expect(new Set(reasons).size).toBe(reasons.length);
    expect(isDiskFull(Object.assign(new Error(), { code: 'ENOSPC' }))).toBe(true);
    expect(isDiskFull(Object.assign(new Error(), { code: 'EACCES' }))).toBe(false);
  });

  it('says what SQLite met: a file that is not a database, one that cannot be opened, a full disk', async () => {
    await writeFile(join(dir, 'pas-une-base.sqlite'), 'ceci n’est pas une base SQLite, mais du texte assez long pour en avoir l’air'.repeat(20));
    const notADatabase = await thrown(() => new DatabaseSync(join(dir, 'pas-une-base.sqlite')).exec('SELECT * FROM sqlite_master'));
    expect(osReason(notADatabase)).toBe('ce fichier n’est pas une base du siège, ou elle est abîmée : restaurez sa dernière sauvegarde');
    const cannotOpen = await thrown(() => new DatabaseSync(join(dir, 'absent', 'base.sqlite')));
    expect(osReason(cannotOpen)).toBe('le fichier de la base du siège ne peut pas être ouvert (dossier absent, protégé ou en lecture seule)');
    const db = new DatabaseSync(':memory:');
    try {
      db.exec('CREATE TABLE t (v TEXT)');
      const pages = (db.prepare('PRAGMA page_count').get() as { page_count: number }).page_count;
      db.exec(`PRAGMA max_page_count = ${pages}`);
      const full = await thrown(() => db.exec(`INSERT INTO t SELECT hex(randomblob(4096)) FROM (SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3)`));
      expect(osReason(full)).toBe('le disque est plein : libérez de la place puis recommencez');
      expect(isDiskFull(full)).toBe(true);
    } finally {
      db.close();
    }
  });

  it('keeps the words of an error no one can act on differently', () => {
    expect(osReason(new Error('Quelque chose d’imprévu'))).toBe('Quelque chose d’imprévu');
    expect(osReason('texte')).toBe('texte');
  });
});
