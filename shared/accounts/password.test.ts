import { describe, expect, it } from 'vitest';
import { accountFields } from '../schemas/account.ts';
import { hashPassword, passwordSchema, verifyPassword } from './password.ts';
import { remainingWait, waitAfter, waitLabel } from './throttle.ts';

const cheap = { N: 2 ** 10, r: 8, p: 1 };

describe('account passwords', () => {
  it('keep only scrypt of the password under a fresh salt, at the default cost unless told', () => {
    const stored = hashPassword('correct horse battery');
    expect(stored).toMatchObject({ kdf: 'scrypt', N: 2 ** 17, r: 8, p: 1 });
    expect(JSON.stringify(stored)).not.toContain('correct horse');
    expect(verifyPassword('correct horse battery', stored)).toBe(true);
    expect(verifyPassword('correct horse batterY', stored)).toBe(false);
  });

  it('salt each hash anew: the same password never gives the same record', () => {
    const a = hashPassword('même mot de passe', cheap);
    const b = hashPassword('même mot de passe', cheap);
    expect(a.salt).not.toBe(b.salt);
    expect(a.hash).not.toBe(b.hash);
    expect(verifyPassword('même mot de passe', b)).toBe(true);
  });

  it('read an accented password typed in another Unicode form as the same', () => {
    const stored = hashPassword('Éléphant rosé 2026'.normalize('NFC'), cheap);
    expect(verifyPassword('Éléphant rosé 2026'.normalize('NFD'), stored)).toBe(true);
  });

  it('ask for 12 characters at least, and accept only a well-formed hash in an account', () => {
    expect(passwordSchema.safeParse('court').error?.issues[0]?.message).toBe('Mot de passe : 12 caractères au moins');
    const stored = hashPassword('douze caract', cheap);
    expect(accountFields.shape.password.safeParse(stored).success).toBe(true);
    expect(accountFields.shape.password.safeParse({ ...stored, hash: 'douze caract' }).success).toBe(false);
  });
});

describe('failed log-ins', () => {
  it('cost nothing for the first five, then 30 s doubled at each failure, at most 15 minutes', () => {
    expect([0, 1, 4].map(waitAfter)).toEqual([0, 0, 0]);
    expect([5, 6, 7].map(waitAfter)).toEqual([30_000, 60_000, 120_000]);
    expect(waitAfter(30)).toBe(15 * 60_000);
    expect(remainingWait({ count: 5, lastAt: 1000 }, 11_000)).toBe(20_000);
    expect(remainingWait({ count: 5, lastAt: 1000 }, 31_000)).toBe(0);
    expect(remainingWait(undefined, 0)).toBe(0);
  });

  it('say the wait in French', () => {
    expect(waitLabel(20_000)).toBe('20 secondes');
    expect(waitLabel(1)).toBe('1 seconde');
    expect(waitLabel(90_000)).toBe('2 minutes');
  });
});
