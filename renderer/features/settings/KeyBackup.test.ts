import { describe, expect, it } from 'vitest';
import { passphraseProblem } from './KeyBackup.tsx';

describe('key backup passphrase', () => {
  it('wants twelve characters at least, typed the same twice', () => {
    expect(passphraseProblem('court', 'court')).toMatch(/12 caractères au moins/);
    expect(passphraseProblem('cheval agrafe batterie', 'cheval agrafe batteri')).toBe('Les deux phrases secrètes ne sont pas identiques.');
    expect(passphraseProblem('cheval agrafe batterie', 'cheval agrafe batterie')).toBeUndefined();
  });
});
