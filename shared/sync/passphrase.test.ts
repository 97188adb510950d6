import { describe, expect, it } from 'vitest';
import { bytesToHex } from './bytes.ts';
import { DEFAULT_SCRYPT, deriveKey, kdfParamsSchema, newDerivedKey, sameBytes } from './passphrase.ts';

const cost = { N: 2 ** 10, r: 8, p: 1 };

describe('the slow key derivation', () => {
  it('gives the same key for the same secret and parameters, another for another salt or secret', () => {
    const { params, key } = newDerivedKey('une phrase secrète', cost);
    expect(key).toHaveLength(32);
    expect(bytesToHex(deriveKey('une phrase secrète', params))).toBe(bytesToHex(key));
    expect(bytesToHex(newDerivedKey('une phrase secrète', cost).key)).not.toBe(bytesToHex(key));
    expect(bytesToHex(deriveKey('une phrase secrete', params))).not.toBe(bytesToHex(key));
  });

  it('reads what a person typed the same whichever way the keyboard composed its accents (NFKC)', () => {
    const { params, key } = newDerivedKey('Éloïse', cost);
    expect(bytesToHex(deriveKey('E\u0301loi\u0308se', params))).toBe(bytesToHex(key));
  });

  it('uses OWASP’s scrypt cost unless told, and records it', () => {
    expect(DEFAULT_SCRYPT).toEqual({ N: 2 ** 17, r: 8, p: 1 });
    expect(kdfParamsSchema.parse(newDerivedKey('x', cost).params)).toMatchObject({ kdf: 'scrypt', ...cost });
  });

  it('refuses parameters that would make a reader allocate more than 256 MiB, or an N not a power of two', () => {
    const salt = '00'.repeat(16);
    expect(kdfParamsSchema.safeParse({ kdf: 'scrypt', N: 2 ** 18, r: 8, p: 1, salt }).success).toBe(true);
    expect(kdfParamsSchema.safeParse({ kdf: 'scrypt', N: 2 ** 19, r: 8, p: 1, salt }).success).toBe(false);
    expect(kdfParamsSchema.safeParse({ kdf: 'scrypt', N: 3000, r: 8, p: 1, salt }).success).toBe(false);
  });

  it('compares keys whole', () => {
    expect(sameBytes(Uint8Array.of(1, 2, 3), Uint8Array.of(1, 2, 3))).toBe(true);
    expect(sameBytes(Uint8Array.of(1, 2, 3), Uint8Array.of(1, 2, 4))).toBe(false);
    expect(sameBytes(Uint8Array.of(1, 2), Uint8Array.of(1, 2, 3))).toBe(false);
  });
});
