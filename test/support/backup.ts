import { createAccount } from '../../shared/accounts/accounts.ts';
import { loadSiteDemo } from '../../shared/demo/siteDemo.ts';
import type { PasserelleDb } from '../../shared/db/database.ts';
import { applyOfficeBatch } from '../../shared/office/apply.ts';
import { deleteFromBin, moveToBin } from '../../shared/repos/bin.ts';
import { createPerson } from '../../shared/repos/persons.ts';
import { recordExport } from '../../shared/repos/syncHistory.ts';
import { setAcknowledgedClock, takeBundleSequence } from '../../shared/repos/syncState.ts';
import type { SiteSetupInput } from '../../shared/schemas/site.ts';
import { backupService } from '../../electron/node/backup/backupService.ts';
import { syncConfigStore } from '../../electron/node/sync/config.ts';
import { createBridge } from '../../shared/bridge/client.ts';
import { dispatch } from '../../shared/bridge/envelope.ts';
import { tempDir } from './fakeElectron.ts';
import { fixedClock, testContext } from './memoryDb.ts';
import { memoryKeyVault } from './services.ts';

export const establishment: SiteSetupInput = {
  kind: 'etablissement',
  code: 'CP-NANCY',
  name: 'Centre pénitentiaire de Nancy-Maxéville',
  departement: '54',
  userName: 'Karim Benali',
};

/**
 * A site whose database holds a row in every table: the first-run demo of an establishment (every entity,
 * its profile included), accented and typographic text, a tombstone, and sync bookkeeping (an export, an
 * acknowledgement).
 */
export async function richSite() {
  const ctx = await testContext(establishment);
  await loadSiteDemo(ctx, { seed: 3 });
  const person = await createPerson(ctx, {
    lastName: 'Lefèvre-Núñez',
    firstName: 'Éloïse',
    birthDate: '1990-02-03',
    caseNumber: 'Ç-2026/001',
    counsellor: 'Zoé d’Hérouville « référente »',
  });
  const gone = await createPerson(ctx, { lastName: 'Doublon', firstName: 'Saisi par erreur', birthDate: '1991-01-01', caseNumber: 'X-1' });
  await moveToBin(ctx, 'person', gone.id);
  await deleteFromBin(ctx, 'person', gone.id);
  await createAccount(
    ctx,
    { login: 'k.benali', name: 'Karim Benali', role: 'administrateur', password: 'phrase d’accès assez longue' },
    { N: 2 ** 10, r: 8, p: 1 },
  );
  const sequence = await takeBundleSequence(ctx);
  const changes = await ctx.db.changes.orderBy('seq').toArray();
  await recordExport(ctx, {
    id: '019b0000-0000-7000-8000-0000000000e1',
    sequence,
    fileName: `${establishment.code}-${sequence}.passerelle`,
    createdAt: '2026-11-25T10:00:00.000Z',
    changeCount: changes.length,
    recordCount: changes.length,
    firstClock: changes[0]!.clock,
    lastClock: changes.at(-1)!.clock,
    destination: 'syncFolder',
  });
  await setAcknowledgedClock(ctx, changes[10]!.clock);
  // A colleague's batch of the office: an older value of the counsellor (a conflict) and the same person again (to check).
  const colleague = '019b0000-0000-7000-8000-0000000000c2';
  const at = (iso: string) => `${iso}-0000-${colleague}`;
  const applied = await applyOfficeBatch(ctx, {
    deviceId: colleague,
    sequence: 1,
    after: {},
    rows: [
      { entity: 'person', recordId: person.id, op: 'update', clock: at('2026-11-25T09:00:00.000Z'), by: 'Julie Petit', fields: { counsellor: 'Julie Petit' } },
      {
        entity: 'person',
        recordId: '019b0000-0000-7000-8000-0000000000d1',
        op: 'create',
        clock: at('2026-11-25T09:00:01.000Z'),
        by: 'Julie Petit',
        fields: { lastName: 'LEFEVRE-NUNEZ', firstName: 'Eloise', birthDate: '1990-02-03', caseNumber: 'Ç-2026/002' },
      },
    ],
  });
  if (applied.status !== 'applied' || applied.conflicts !== 1 || applied.checks !== 1)
    throw new Error(`office batch not applied as expected: ${JSON.stringify(applied)}`);
  return { ctx, person };
}

/** Every table, every row, in key order: what a restore must give back exactly. */
export async function everyTable(db: PasserelleDb): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of db.tables) out[table.name] = await table.toArray();
  return out;
}

/** Tests lower the passphrase's cost; files record theirs. */
const cheap = { N: 2 ** 10, r: 8, p: 1 };

/** The Node side of one installation, reached as the page reaches it: through the contract's validation. */
export async function installation(options: { dataDir?: string; vault?: ReturnType<typeof memoryKeyVault>; clock?: ReturnType<typeof fixedClock> } = {}) {
  const dataDir = options.dataDir ?? (await tempDir('backup'));
  const clock = options.clock ?? fixedClock();
  const config = syncConfigStore(dataDir);
  const service = backupService({ dataDir, vault: options.vault ?? memoryKeyVault(), config, clock, version: 'test', passphraseCost: cheap });
  const bridge = createBridge({
    invoke: (channel, request) => dispatch(service.handlers as Parameters<typeof dispatch>[0], channel, request),
    listen: () => () => undefined,
  });
  return { dataDir, clock, config, service, bridge };
}
