import { installNationalReference } from './nationalPartners.ts';
import type { RepoContext } from './context.ts';
import { completeSetup, readIdentity } from './identity.ts';
import { isHeadquarters } from './ownership.ts';

/**
 * The last step of the first run, once the user chose demo data or an empty start. Headquarters starts with
 * the national reference list of partnerships either way: it is the list headquarters maintains and sends
 * to the sites, not demonstration data. Installing it again adds nothing, so a first run interrupted after
 * this step simply finishes the next time.
 */
export async function finishFirstRun(ctx: RepoContext): Promise<void> {
  const identity = await readIdentity(ctx.db);
  if (identity && isHeadquarters(identity)) await installNationalReference(ctx);
  await completeSetup(ctx);
}
