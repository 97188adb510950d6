import { describe, expect, it } from 'vitest';
import { BridgeError, unwrap } from './bridge/envelope.ts';
import { RepoError, SyncError, UserFacingError, errorMessage } from './errors.ts';

describe('errorMessage', () => {
  it('shows the French message of a known error as it is', () => {
    expect(errorMessage(new RepoError('Le nom est obligatoire.'))).toBe('Le nom est obligatoire.');
    expect(errorMessage(new BridgeError('Dossier de synchronisation introuvable.'))).toBe('Dossier de synchronisation introuvable.');
    expect(errorMessage(new SyncError('Lot altéré : signature invalide.'))).toBe('Lot altéré : signature invalide.');
  });

  it('shows the message the Node side wrote, received through the bridge', () => {
    const refusal = (() => {
      try {
        return unwrap('syncStatus', { ok: false, error: 'Clé de l’administration centrale absente.' });
      } catch (error) {
        return error;
      }
    })();
    expect(errorMessage(refusal)).toBe('Clé de l’administration centrale absente.');
  });

  it('shows any error written for the user as it is', () => {
    class ImportRefused extends UserFacingError {}
    expect(errorMessage(new ImportRefused('Fichier vide : rien à importer.'))).toBe('Fichier vide : rien à importer.');
  });

  it('marks only truly unknown errors as unexpected', () => {
    expect(errorMessage(new Error('boom'))).toBe('Erreur inattendue : boom');
    expect(errorMessage(new TypeError('x is undefined'))).toBe('Erreur inattendue : x is undefined');
    expect(errorMessage('boom')).toBe('Erreur inattendue.');
    expect(errorMessage(undefined)).toBe('Erreur inattendue.');
  });

  it('says the disk is full in French', () => {
    const quota = new Error('quota');
    quota.name = 'QuotaExceededError';
    expect(errorMessage(quota)).toBe('Espace disque insuffisant : libérez de la place puis réessayez.');
  });
});
