import { RepoError, repoErrorFromZod } from '../errors.ts';
import { requirePermission } from '../repos/permission.ts';
import { writeTransaction, type Writer } from '../repos/writer.ts';
import type { RepoContext, Session } from '../repos/context.ts';
import { accountFields, loginField, roleLabels, rolesOfSite, type Account, type PasswordHash, type Role } from '../schemas/account.ts';
import type { ScryptCost } from '../sync/passphrase.ts';
import { hashPassword, passwordSchema, verifyPassword } from './password.ts';
import { FREE_ATTEMPTS, remainingWait, waitLabel, type FailedLogins } from './throttle.ts';

/** An account as screens show it: never its password hash. */
export interface AccountView {
  id: string;
  login: string;
  name: string;
  role: Role;
  disabled: boolean;
}

export interface NewAccount {
  login: string;
  name: string;
  role: Role;
  password: string;
}

const view = (a: Account): AccountView => ({ id: a.id, login: a.login, name: a.name, role: a.role, disabled: a.disabled === true });

async function liveAccounts(ctx: RepoContext): Promise<Account[]> {
  return (await ctx.db.accounts.toArray()).filter((a) => !a.deleted);
}

/** The site's accounts, by name. */
export async function listAccounts(ctx: RepoContext): Promise<AccountView[]> {
  return (await liveAccounts(ctx)).map(view).sort((a, b) => a.name.localeCompare(b.name, 'fr'));
}

/** Whether the site has its accounts yet (before the first one, the first run asks for it). */
export async function hasAccounts(ctx: RepoContext): Promise<boolean> {
  return (await liveAccounts(ctx)).length > 0;
}

function parsePassword(password: string): string {
  const parsed = passwordSchema.safeParse(password);
  if (!parsed.success) throw repoErrorFromZod(parsed.error, 'Mot de passe');
  return parsed.data;
}

/**
 * Create an account (an administrator's work). The site's first one is created at first run, with no one logged
 * in yet, and is an administrator; after it, only a logged-in administrator creates accounts.
 */
export async function createAccount(ctx: RepoContext, input: NewAccount, cost?: ScryptCost): Promise<AccountView> {
  const login = loginField.safeParse(input.login);
  if (!login.success) throw repoErrorFromZod(login.error, 'Compte');
  const password = hashPassword(parsePassword(input.password), cost);
  return writeTransaction(ctx, async (w) => {
    const existing = (await w.table('account').toArray()).filter((a) => !a.deleted);
    if (existing.length === 0 && input.role !== 'administrateur') throw new RepoError('Le premier compte du site est celui d’un administrateur.');
    if (existing.length > 0 && !ctx.session) throw new RepoError('Connectez-vous avec un compte administrateur pour créer un compte.');
    requirePermission(ctx, 'accounts.manage');
    checkRole(w, input.role);
    if (existing.some((a) => a.login === login.data))
      throw new RepoError(`Identifiant « ${login.data} » : déjà utilisé par un autre compte.`, [{ path: 'login', message: 'Identifiant déjà utilisé' }]);
    return view(await w.insert('account', { login: login.data, name: input.name, role: input.role, password }));
  });
}

function checkRole(w: Writer, role: Role): void {
  if (!rolesOfSite(w.identity.kind).includes(role))
    throw new RepoError(`Rôle « ${roleLabels[role]} » : il n’existe pas sur ce type de site.`, [{ path: 'role', message: 'Rôle absent de ce type de site' }]);
}

async function liveAccount(w: Writer, id: string): Promise<Account> {
  const account = await w.get('account', id);
  if (!account || account.deleted) throw new RepoError('Compte introuvable.');
  return account;
}

/** A site must keep an administrator who can log in: the last one is neither disabled nor given another role. */
async function keepAnAdministrator(w: Writer, changed: string): Promise<void> {
  const others = (await w.table('account').toArray()).filter((a) => !a.deleted && !a.disabled && a.role === 'administrateur' && a.id !== changed);
  if (others.length === 0)
    throw new RepoError('C’est le dernier compte administrateur actif du site : créez-en un autre avant de le désactiver ou de changer son rôle.');
}

/** An administrator gives a forgotten password a new value (told to its owner by hand). */
export async function resetPassword(ctx: RepoContext, accountId: string, password: string, cost?: ScryptCost): Promise<void> {
  requirePermission(ctx, 'accounts.manage');
  const hash = hashPassword(parsePassword(password), cost);
  await writeTransaction(ctx, async (w) => {
    await liveAccount(w, accountId);
    await w.update('account', accountId, { password: hash });
  });
}

/** The logged-in person changes their own password, giving the current one first. */
export async function changeOwnPassword(ctx: RepoContext, current: string, next: string, cost?: ScryptCost): Promise<void> {
  const session = ctx.session;
  if (!session) throw new RepoError('Connectez-vous pour changer votre mot de passe.');
  const account = await ctx.db.accounts.get(session.accountId);
  if (!account || account.deleted) throw new RepoError('Compte introuvable.');
  if (!verifyPassword(current, account.password))
    throw new RepoError('Mot de passe actuel incorrect.', [{ path: 'current', message: 'Mot de passe actuel incorrect' }]);
  const hash = hashPassword(parsePassword(next), cost);
  await writeTransaction(ctx, (w) => w.update('account', session.accountId, { password: hash }));
}

/** An administrator changes an account's role or name, or disables it (it stays: the history names it). */
export async function editAccount(ctx: RepoContext, accountId: string, patch: { name?: string; role?: Role; disabled?: boolean }): Promise<AccountView> {
  const fields = accountFields.pick({ name: true, role: true, disabled: true }).partial().safeParse(patch);
  if (!fields.success) throw repoErrorFromZod(fields.error, 'Compte');
  return writeTransaction(ctx, async (w) => {
    requirePermission(ctx, 'accounts.manage');
    const account = await liveAccount(w, accountId);
    if (fields.data.role !== undefined) checkRole(w, fields.data.role);
    const stillAdmin = (fields.data.role ?? account.role) === 'administrateur' && !(fields.data.disabled ?? account.disabled);
    if (account.role === 'administrateur' && !account.disabled && !stillAdmin) await keepAnAdministrator(w, accountId);
    return view(await w.update('account', accountId, fields.data));
  });
}

const failedKey = (login: string) => `login.failed.${login}`;

/**
 * Log in: the session of the account whose identifier and password these are. A wrong identifier and a wrong
 * password get the same refusal (which identifiers exist is no one's business); after five failures on one
 * identifier, each next attempt waits (./throttle.ts). Failures are counted on this workstation only.
 */
export async function logIn(ctx: RepoContext, login: string, password: string): Promise<Session> {
  const key = failedKey(login.trim().toLowerCase());
  const failed = (await ctx.db.meta.get(key))?.value as FailedLogins | undefined;
  const wait = remainingWait(failed, ctx.clock.now());
  if (wait > 0) throw new RepoError(`Trop d’essais manqués pour cet identifiant : réessayez dans ${waitLabel(wait)}.`);
  const accounts = await liveAccounts(ctx);
  const account = accounts.find((a) => a.login === login.trim().toLowerCase() && !a.disabled);
  // An unknown identifier costs the same derivation as a known one: the time taken tells nothing either.
  const stored: PasswordHash | undefined = account?.password ?? accounts[0]?.password;
  const right = stored !== undefined && verifyPassword(password, stored) && account !== undefined;
  if (!right) {
    const count = (failed?.count ?? 0) + 1;
    await ctx.db.transaction('rw', ctx.db.meta, () => ctx.db.meta.put({ key, value: { count, lastAt: ctx.clock.now() } satisfies FailedLogins }));
    const slowed = count >= FREE_ATTEMPTS ? ' Trop d’essais manqués : les prochains sont ralentis.' : '';
    throw new RepoError(`Identifiant ou mot de passe incorrect.${slowed}`);
  }
  if (failed) await ctx.db.transaction('rw', ctx.db.meta, () => ctx.db.meta.delete(key));
  return sessionFrom(account);
}

/** Check a password again (unlocking the screen), counted like a log-in. */
export async function checkPassword(ctx: RepoContext, session: Session, password: string): Promise<Session> {
  return logIn(ctx, session.login, password);
}

/** The session of an account still able to log in (a page reloaded keeps its session while the account is active). */
export async function sessionOf(ctx: RepoContext, accountId: string): Promise<Session | undefined> {
  const account = await ctx.db.accounts.get(accountId);
  return account && !account.deleted && !account.disabled ? sessionFrom(account) : undefined;
}

function sessionFrom(account: Account): Session {
  return { accountId: account.id, login: account.login, name: account.name, role: account.role };
}

const LOCK_MINUTES = 'accounts.lockMinutes';
/** The screen locks after 10 minutes without use unless an administrator sets another delay. */
export const DEFAULT_LOCK_MINUTES = 10;
export const MAX_LOCK_MINUTES = 240;
/** Six seconds: short enough for a test or a demonstration of the lock. */
export const MIN_LOCK_MINUTES = 0.1;

export async function readLockMinutes(ctx: RepoContext): Promise<number> {
  const value = (await ctx.db.meta.get(LOCK_MINUTES))?.value;
  return typeof value === 'number' && value >= MIN_LOCK_MINUTES ? value : DEFAULT_LOCK_MINUTES;
}

/**
 * An administrator sets the delay after which an unused workstation locks, in minutes, up to four hours.
 */
export async function setLockMinutes(ctx: RepoContext, minutes: number): Promise<number> {
  requirePermission(ctx, 'accounts.manage');
  if (!Number.isFinite(minutes) || minutes < MIN_LOCK_MINUTES || minutes > MAX_LOCK_MINUTES)
    throw new RepoError(`Délai de verrouillage : entre 0,1 et ${MAX_LOCK_MINUTES} minutes.`, [
      { path: 'minutes', message: `Entre 0,1 et ${MAX_LOCK_MINUTES} minutes` },
    ]);
  await ctx.db.transaction('rw', ctx.db.meta, () => ctx.db.meta.put({ key: LOCK_MINUTES, value: minutes }));
  return minutes;
}
