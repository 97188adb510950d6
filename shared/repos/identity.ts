import { v7 as uuidv7 } from 'uuid';
import type { PasserelleDb } from '../db/database.ts';
import {
  siteContactSchema,
  siteIdentitySchema,
  siteSetupFields,
  type SiteContact,
  type SiteContactInput,
  type SiteIdentity,
  type SiteSetupInput,
} from '../schemas/site.ts';
import type { RepoContext } from './context.ts';
import { RepoError, repoErrorFromZod } from '../errors.ts';

/** The installation's identity, or undefined before the first run is done. */
export async function readIdentity(db: PasserelleDb): Promise<SiteIdentity | undefined> {
  return identityFrom((await db.meta.get('identity'))?.value);
}

/** The identity a meta row holds, checked. */
export function identityFrom(value: unknown): SiteIdentity | undefined {
  if (value === undefined) return undefined;
  const parsed = siteIdentitySchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

export function getIdentity(ctx: RepoContext): Promise<SiteIdentity | undefined> {
  return readIdentity(ctx.db);
}

/**
 * First run: record who this installation is. Done once; the identity is configuration, not site data, so
 * it does not enter the change log.
 */
export async function setUpSite(ctx: RepoContext, input: SiteSetupInput): Promise<SiteIdentity> {
  const parsed = siteSetupFields.safeParse(input);
  if (!parsed.success) throw repoErrorFromZod(parsed.error, 'Configuration du site');
  return ctx.db.transaction('rw', ctx.db.meta, async () => {
    if (await readIdentity(ctx.db)) throw new RepoError('Ce site est déjà configuré.');
    const identity: SiteIdentity = {
      ...parsed.data,
      siteId: ctx.newId?.() ?? uuidv7(),
      deviceId: ctx.newId?.() ?? uuidv7(),
      createdAt: new Date(ctx.clock.now()).toISOString(),
    };
    await ctx.db.meta.put({ key: 'identity', value: identity });
    return identity;
  });
}

const CONTACT = 'site.contact';

/** The service's address, phone and e-mail (configuration of this installation, like its identity). */
export async function readSiteContact(ctx: RepoContext): Promise<SiteContact> {
  const parsed = siteContactSchema.safeParse((await ctx.db.meta.get(CONTACT))?.value ?? {});
  return parsed.success ? parsed.data : {};
}

/** Record the service's contact details; a blank field clears it, a bad one changes nothing. */
export async function saveSiteContact(ctx: RepoContext, input: SiteContactInput): Promise<SiteContact> {
  const filled = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const parsed = siteContactSchema.safeParse(filled);
  if (!parsed.success) throw repoErrorFromZod(parsed.error, 'Fiche de contact du service');
  await ctx.db.transaction('rw', ctx.db.meta, () => ctx.db.meta.put({ key: CONTACT, value: parsed.data }));
  return parsed.data;
}

/** Where the first run stands: not configured, configured but the data choice not made, or done. */
export interface SetupState {
  identity: SiteIdentity | null;
  done: boolean;
}

export async function getSetupState(ctx: RepoContext): Promise<SetupState> {
  const identity = (await readIdentity(ctx.db)) ?? null;
  const done = identity !== null && (await ctx.db.meta.get('setup.done'))?.value === true;
  return { identity, done };
}

/** The last step of the first run: the user chose demo data or an empty start. */
export async function completeSetup(ctx: RepoContext): Promise<void> {
  await ctx.db.transaction('rw', ctx.db.meta, async () => {
    if (!(await readIdentity(ctx.db))) throw new RepoError('Le site n’est pas encore configuré.');
    await ctx.db.meta.put({ key: 'setup.done', value: true });
  });
}
