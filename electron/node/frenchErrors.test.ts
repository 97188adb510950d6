import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Handlers } from '../../shared/bridge/contract.ts';
import { dispatch } from '../../shared/bridge/envelope.ts';
import { SyncError } from '../../shared/errors.ts';
import { testServices } from '../../test/support/services.ts';
import { frenchErrors } from './services.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'passerelle-french-errors-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Handlers whose one call throws `error`. */
const throwing = (error: unknown) => frenchErrors({ appInfo: () => Promise.reject(error) } as unknown as Handlers);

describe('errors a person meets through the bridge', () => {
  it('says an operating-system error in French rather than as Node’s unexpected English', async () => {
    const full = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    expect(await dispatch(throwing(full), 'appInfo', {})).toEqual({ ok: false, error: 'Le disque est plein : libérez de la place puis recommencez.' });
    const gone = Object.assign(new Error("ENOENT: no such file or directory, open '/mnt/partage/x'"), { code: 'ENOENT' });
    expect(await dispatch(throwing(gone), 'appInfo', {})).toEqual({ ok: false, error: 'Le fichier ou le dossier n’existe pas (ou plus).' });
  });

  it('passes a message written for the user as it is, and an error no one can act on as unexpected', async () => {
    expect(await dispatch(throwing(new SyncError('Dossier de synchronisation introuvable.')), 'appInfo', {})).toEqual({
      ok: false,
      error: 'Dossier de synchronisation introuvable.',
    });
    expect(await dispatch(throwing(new TypeError('x is not a function')), 'appInfo', {})).toEqual({
      ok: false,
      error: 'Erreur inattendue : x is not a function',
    });
  });

  it('covers every handler of the services', async () => {
    // A backup written to a file where a folder is expected: the real service, the real error, in French.
    await writeFile(join(dir, 'fichier'), 'pas un dossier');
    const services = testServices({ dataDir: join(dir, 'fichier', 'donnees'), version: '9.9.9' });
    const answer = await dispatch(services.handlers, 'reportProfile', { dbVersion: 3 });
    expect(answer).toMatchObject({ ok: false });
    expect((answer as { error: string }).error).toMatch(/^Un élément du chemin est un fichier, pas un dossier\.$|^Un fichier de ce nom existe déjà\.$/);
  });
});
