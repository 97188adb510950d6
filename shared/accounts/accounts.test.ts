import { describe, expect, it } from 'vitest';
import { testContext } from '../../test/support/memoryDb.ts';
import { officeOf } from '../../test/support/office.ts';
import { expectRefused } from '../../test/support/tig.ts';
import type { RepoContext, Session } from '../repos/context.ts';
import { toWireRecords } from '../sync/bundle.ts';
import { collapseChanges } from '../sync/collapse.ts';
import {
  changeOwnPassword,
  createAccount,
  editAccount,
  hasAccounts,
  listAccounts,
  logIn,
  readLockMinutes,
  resetPassword,
  sessionOf,
  setLockMinutes,
} from './accounts.ts';

const cheap = { N: 2 ** 10, r: 8, p: 1 };
const secret = 'mot de passe sûr';

async function siteWithAdmin() {
  const ctx = await testContext();
  await createAccount(ctx, { login: 'a.durand', name: 'Alice Durand', role: 'administrateur', password: secret }, cheap);
  const admin = await logIn(ctx, 'a.durand', secret);
  return { ctx, admin: { ...ctx, session: admin } as RepoContext };
}

describe('accounts', () => {
  it('start with an administrator created without anyone logged in, then only a logged-in administrator creates more', async () => {
    const ctx = await testContext();
    expect(await hasAccounts(ctx)).toBe(false);
    await expectRefused(
      ctx,
      () => createAccount(ctx, { login: 'c.cpip', name: 'Chloé Petit', role: 'cpip', password: secret }, cheap),
      'Le premier compte du site est celui d’un administrateur.',
    );
    await createAccount(ctx, { login: 'A.Durand', name: 'Alice Durand', role: 'administrateur', password: secret }, cheap);
    expect(await listAccounts(ctx)).toEqual([expect.objectContaining({ login: 'a.durand', name: 'Alice Durand', role: 'administrateur', disabled: false })]);
    await expectRefused(ctx, () => createAccount(ctx, { login: 'x', name: 'X', role: 'cpip', password: secret }, cheap), /Identifiant : 2 à 40 caractères/);
    await expectRefused(
      ctx,
      () => createAccount(ctx, { login: 'c.petit', name: 'Chloé Petit', role: 'cpip', password: secret }, cheap),
      'Connectez-vous avec un compte administrateur pour créer un compte.',
    );
    const admin = { ...ctx, session: await logIn(ctx, 'a.durand', secret) };
    const cpip = await createAccount(admin, { login: 'c.petit', name: 'Chloé Petit', role: 'cpip', password: secret }, cheap);
    const asCpip = { ...ctx, session: (await sessionOf(ctx, cpip.id))! };
    await expectRefused(
      ctx,
      () => createAccount(asCpip, { login: 'd.roux', name: 'Denis Roux', role: 'cpip', password: secret }, cheap),
      /^Votre rôle \(CPIP\) ne permet pas la gestion des comptes/,
    );
    await expectRefused(
      ctx,
      () => createAccount(admin, { login: 'c.petit', name: 'Autre', role: 'cpip', password: secret }, cheap),
      'Identifiant « c.petit » : déjà utilisé par un autre compte.',
    );
    await expectRefused(
      ctx,
      () => createAccount(admin, { login: 'n.analyste', name: 'Nora Analyste', role: 'analyste', password: secret }, cheap),
      /n’existe pas sur ce type de site/,
    );
    await expectRefused(
      ctx,
      () => createAccount(admin, { login: 'd.roux', name: 'Denis Roux', role: 'cpip', password: 'court' }, cheap),
      'Mot de passe : 12 caractères au moins',
    );
  });

  it('never keep or log the password in clear, and stay off headquarters’ bundles', async () => {
    const { ctx } = await siteWithAdmin();
    const dump = JSON.stringify([await ctx.db.accounts.toArray(), await ctx.db.changes.toArray()]);
    expect(dump).not.toContain(secret);
    const records = collapseChanges(await ctx.db.changes.toArray());
    expect(records.map((r) => r.entity)).toEqual(['account']);
    expect(toWireRecords(records, new Uint8Array(32))).toEqual([]);
  });

  it('log in with the right password only, the same refusal for an unknown identifier, and slow down after five failures', async () => {
    const { ctx } = await siteWithAdmin();
    const session: Session = await logIn(ctx, ' A.Durand ', secret);
    expect(session).toMatchObject({ login: 'a.durand', name: 'Alice Durand', role: 'administrateur' });
    await expect(logIn(ctx, 'personne', secret)).rejects.toThrow('Identifiant ou mot de passe incorrect.');
    for (let i = 1; i <= 4; i++) await expect(logIn(ctx, 'a.durand', 'mauvais mot de passe')).rejects.toThrow(/^Identifiant ou mot de passe incorrect\.$/);
    await expect(logIn(ctx, 'a.durand', 'mauvais mot de passe')).rejects.toThrow(
      'Identifiant ou mot de passe incorrect. Trop d’essais manqués : les prochains sont ralentis.',
    );
    // Even the right password waits now.
    await expect(logIn(ctx, 'a.durand', secret)).rejects.toThrow('Trop d’essais manqués pour cet identifiant : réessayez dans 30 secondes.');
    ctx.clock.advance(29_000);
    await expect(logIn(ctx, 'a.durand', secret)).rejects.toThrow('réessayez dans 1 seconde.');
    ctx.clock.advance(1_000);
    await expect(logIn(ctx, 'a.durand', 'encore mauvais')).rejects.toThrow(/incorrect/);
    await expect(logIn(ctx, 'a.durand', secret)).rejects.toThrow('réessayez dans 1 minute.');
    ctx.clock.advance(60_000);
    expect((await logIn(ctx, 'a.durand', secret)).login).toBe('a.durand');
    // A success clears the count: the next failure is free again.
    await expect(logIn(ctx, 'a.durand', 'mauvais')).rejects.toThrow(/^Identifiant ou mot de passe incorrect\.$/);
    expect((await logIn(ctx, 'a.durand', secret)).login).toBe('a.durand');
  });

  it('let an administrator reset a forgotten password, and a person change their own', async () => {
    const { ctx, admin } = await siteWithAdmin();
    const cpip = await createAccount(admin, { login: 'c.petit', name: 'Chloé Petit', role: 'cpip', password: secret }, cheap);
    await resetPassword(admin, cpip.id, 'nouveau mot de passe', cheap);
    await expect(logIn(ctx, 'c.petit', secret)).rejects.toThrow(/incorrect/);
    const asCpip = { ...ctx, session: await logIn(ctx, 'c.petit', 'nouveau mot de passe') };
    await expectRefused(ctx, () => resetPassword(asCpip, admin.session!.accountId, 'prise de contrôle', cheap), /ne permet pas la gestion des comptes/);
    await expectRefused(ctx, () => changeOwnPassword(asCpip, 'pas le bon', 'mon mot de passe à moi', cheap), 'Mot de passe actuel incorrect.');
    await changeOwnPassword(asCpip, 'nouveau mot de passe', 'mon mot de passe à moi', cheap);
    expect((await logIn(ctx, 'c.petit', 'mon mot de passe à moi')).role).toBe('cpip');
  });

  it('disable an account (no more log-in, still named in the history) but never the last administrator', async () => {
    const { ctx, admin } = await siteWithAdmin();
    const cadre = await createAccount(admin, { login: 'b.cadre', name: 'Bruno Cadre', role: 'cadre', password: secret }, cheap);
    await editAccount(admin, cadre.id, { disabled: true });
    await expect(logIn(ctx, 'b.cadre', secret)).rejects.toThrow(/incorrect/);
    expect(await sessionOf(ctx, cadre.id)).toBeUndefined();
    await expectRefused(ctx, () => editAccount(admin, admin.session!.accountId, { role: 'cadre' }), /dernier compte administrateur actif/);
    await editAccount(admin, cadre.id, { disabled: false, role: 'administrateur' });
    await editAccount(admin, admin.session!.accountId, { role: 'cadre' });
    expect((await listAccounts(ctx)).map((a) => [a.login, a.role])).toEqual([
      ['a.durand', 'cadre'],
      ['b.cadre', 'administrateur'],
    ]);
  });

  it('lock after 10 minutes unless an administrator sets another delay', async () => {
    const { ctx, admin } = await siteWithAdmin();
    expect(await readLockMinutes(ctx)).toBe(10);
    await setLockMinutes(admin, 0.1);
    expect(await readLockMinutes(ctx)).toBe(0.1);
    await expectRefused(ctx, () => setLockMinutes(admin, 0), 'Délai de verrouillage : entre 0,1 et 240 minutes.');
    const cpip = await createAccount(admin, { login: 'c.petit', name: 'Chloé Petit', role: 'cpip', password: secret }, cheap);
    const asCpip = { ...ctx, session: (await sessionOf(ctx, cpip.id))! };
    await expectRefused(ctx, () => setLockMinutes(asCpip, 30), /ne permet pas la gestion des comptes/);
  });
});

describe('accounts in an office of several workstations', () => {
  it('travel to a colleague’s workstation, where the counsellor logs in, and a workstation joining later gets them too', async () => {
    const office = await officeOf(2);
    const first = office.stations[0]!;
    const second = office.stations[1]!;
    await createAccount(first, { login: 'a.durand', name: 'Alice Durand', role: 'administrateur', password: secret }, cheap);
    const admin = { ...first, session: await logIn(first, 'a.durand', secret) };
    await createAccount(admin, { login: 'c.petit', name: 'Chloé Petit', role: 'cpip', password: secret }, cheap);
    await office.publish(first);
    await office.receive(second);
    expect((await logIn(second, 'c.petit', secret)).role).toBe('cpip');
    const joined = await office.join(first);
    expect((await listAccounts(joined)).map((a) => a.login)).toEqual(['a.durand', 'c.petit']);
  });
});
