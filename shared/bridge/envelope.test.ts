import { describe, expect, it } from 'vitest';
import { RepoError, SyncError } from '../errors.ts';
import type { Handlers } from './contract.ts';
import { BridgeError, dispatch, unwrap } from './envelope.ts';

/** Handlers where only appInfo answers, the way the test asks it to. */
function answering(appInfo: () => Promise<never>): Handlers {
  return { appInfo } as unknown as Handlers;
}

describe('bridge envelope', () => {
  it('passes a message written for the user as it is', async () => {
    for (const error of [new SyncError('Dossier de synchronisation introuvable.'), new RepoError('Mesure invalide')]) {
      const envelope = await dispatch(
        answering(() => Promise.reject(error)),
        'appInfo',
        {},
      );
      expect(envelope).toEqual({ ok: false, error: error.message });
      expect(() => unwrap('appInfo', envelope)).toThrow(new BridgeError(error.message));
    }
  });

  it('says a Node error in English was unexpected, keeping its text for support', async () => {
    const envelope = await dispatch(
      answering(() => Promise.reject(new Error('ENOENT: no such file or directory'))),
      'appInfo',
      {},
    );
    expect(envelope).toEqual({ ok: false, error: 'Erreur inattendue : ENOENT: no such file or directory' });
  });

  it('refuses an unknown channel and runs nothing', async () => {
    let ran = false;
    const envelope = await dispatch(
      answering(() => ((ran = true), Promise.reject(new Error('no')))),
      'deleteEverything',
      {},
    );
    expect(envelope).toEqual({ ok: false, error: 'Appel inconnu : deleteEverything' });
    expect(ran).toBe(false);
  });
});
