import type { FileStore } from '../../shared/ports/fileStore.ts';
import { memoryKeyStore, type KeyStore } from '../../shared/ports/keyStore.ts';
import type { RepoContext } from '../../shared/repos/context.ts';
import { readIdentity } from '../../shared/repos/identity.ts';
import type { SiteSetupInput } from '../../shared/schemas/site.ts';
import { ed25519 } from '@noble/curves/ed25519.js';
import { randomBytes } from '@noble/hashes/utils.js';
import { v7 as uuidv7 } from 'uuid';
import { decryptBundle, readBundle, sealBundle, type BundleInput, type BundleSite, type WireRecord } from '../../shared/sync/bundle.ts';
import { bytesToHex } from '../../shared/sync/bytes.ts';
import { importBundle, type ImportOutcome } from '../../shared/sync/hqImport.ts';
import type { HqStore } from '../../shared/sync/hqStore.ts';
import { createHqKeys, ensureSiteKeys, loadHqKeyring, siteKeysFrom, type HqKeyring, type HqPublic, type SiteKeys } from '../../shared/sync/keys.ts';
import { exportBundle } from '../../shared/sync/site.ts';
import { centralExportFile } from '../../electron/node/hq/outputs.ts';
import { openSqliteHqStore, type SqliteHqStore } from '../../electron/node/hq/sqliteStore.ts';
import { fixedClock, testContext, testSite } from './memoryDb.ts';

/** A folder held in memory, for site exports in tests. */
export function memoryFileStore(): FileStore & { files: Map<string, Uint8Array> } {
  const files = new Map<string, Uint8Array>();
  return {
    files,
    read: async (name) => files.get(name),
    write: async (name, data) => {
      files.set(name, Uint8Array.from(data));
    },
    list: async () => [...files.keys()].sort(),
  };
}

export interface BundleFile {
  name: string;
  bytes: Uint8Array;
}

/** A configured site on an in-memory database, with its own keys and an export that returns the bundle. */
export async function siteFixture(site: Partial<SiteSetupInput> = {}, clockIso = '2026-11-25T10:00:00.000Z') {
  const ctx = await testContext({ ...testSite, ...site }, fixedClock(clockIso));
  const keys: KeyStore = memoryKeyStore();
  const siteKeys: SiteKeys = await ensureSiteKeys(keys);
  const files = memoryFileStore();
  const identity = await readIdentity(ctx.db);
  if (!identity) throw new Error('test site not configured');
  return {
    ctx: ctx as RepoContext & { clock: ReturnType<typeof fixedClock> },
    keys,
    siteKeys,
    identity,
    async export(hq: HqPublic): Promise<BundleFile> {
      const result = await exportBundle(ctx, { keys, files, hq });
      const bytes = files.files.get(result.fileName);
      if (!bytes) throw new Error('bundle not written');
      return { name: result.fileName, bytes };
    },
  };
}

/**
 * A headquarters with an in-memory store (SQLite unless another is given, e.g. `memoryHqStore()`), and fresh
 * keys or those of another fixture (`sameKeysAs`, to import the same bundles into several empty stores).
 */
export async function hqFixture<S extends HqStore = SqliteHqStore>(
  nowIso = '2026-11-25T12:00:00.000Z',
  sameKeysAs?: { keyStore: KeyStore; pub: HqPublic },
  givenStore?: S,
) {
  const keyStore = sameKeysAs?.keyStore ?? memoryKeyStore();
  const pub = sameKeysAs?.pub ?? (await createHqKeys(keyStore, new Date(nowIso)));
  const keyring: HqKeyring = await loadHqKeyring(keyStore);
  const store = givenStore ?? (openSqliteHqStore(':memory:', { create: true }) as HqStore as S);
  let now = Date.parse(nowIso);
  return {
    pub,
    keyring,
    keyStore,
    store,
    setNow(iso: string) {
      now = Date.parse(iso);
    },
    import(bundle: BundleFile): ImportOutcome {
      return importBundle(store, keyring, bundle.bytes, { now, fileName: bundle.name });
    },
    centralExport(): Uint8Array {
      return centralExportFile(store);
    },
    /** Everything an import may change, to check that a refused one changed nothing. */
    snapshot(): string {
      return JSON.stringify({
        export: bytesToHex(centralExportFile(store)),
        owners: [...store.consolidated()].map((r) => `${r.entity}/${r.id}:${r.owner}`),
        sites: store.sites(),
        bundles: store.bundles(),
        conflicts: store.conflicts(),
        keys: store.keyChanges(),
        acts: store.ownershipActs(),
      });
    },
  };
}

let craftedCount = 0;

/** Every clock of some wire records, sorted. */
export function clocksOf(records: readonly WireRecord[]): string[] {
  return records
    .flatMap((r) => [r.created, r.deleted, ...Object.values(r.fields).map(([, c]) => c)])
    .filter((c): c is string => c !== undefined)
    .sort();
}

/**
 * A site that seals hand-written wire records: what a faulty or hostile site could send. Its id, keys and
 * device node are fresh unless given; headquarters' own bundles are crafted with its signing key as `keys`.
 */
export function craftedSite(site: Partial<BundleSite> = {}, keys: SiteKeys = siteKeysFrom(ed25519.utils.randomSecretKey(), randomBytes(32))) {
  craftedCount += 1;
  const identity: BundleSite = {
    siteId: site.siteId ?? uuidv7(),
    code: site.code ?? `SPIP-${String(craftedCount).padStart(2, '0')}`,
    name: site.name ?? 'Site de test',
    kind: site.kind ?? 'spip',
    departement: site.departement ?? '54',
  };
  let sequence = 0;
  return {
    ...identity,
    keys,
    node: uuidv7(),
    /** Seal records; the header's clocks are those of the records unless `afterClock` and others are given. */
    seal(records: readonly WireRecord[], hq: HqPublic, header: Partial<Omit<BundleInput, 'records' | 'site'>> = {}): BundleFile {
      const clocks = clocksOf(records);
      sequence = header.sequence ?? sequence + 1;
      const built = sealBundle(
        {
          site: identity,
          sequence,
          afterClock: header.afterClock,
          firstClock: header.firstClock ?? clocks[0],
          lastClock: header.lastClock ?? clocks.at(-1),
          changeCount: header.changeCount ?? clocks.length,
          createdAt: header.createdAt ?? Date.parse('2026-11-25T11:00:00Z'),
        },
        records,
        keys,
        hq,
      );
      return { name: built.fileName, bytes: built.bytes };
    },
  };
}

/** The decrypted payload of a bundle (what headquarters reads), as text. */
export function decryptedText(bundle: Uint8Array, keyring: HqKeyring): string {
  const envelope = readBundle(bundle);
  if (!envelope.ok) throw new Error(envelope.reason);
  const decrypted = decryptBundle(envelope, keyring.decryptionKeys);
  if (!decrypted.ok) throw new Error(decrypted.reason);
  return new TextDecoder().decode(decrypted.payload);
}
