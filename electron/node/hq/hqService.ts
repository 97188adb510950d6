import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { EmitEvent, Handlers } from '../../../shared/bridge/contract.ts';
import type { FileImportResultDto, HqStatus } from '../../../shared/bridge/syncSchemas.ts';
import type { Clock } from '../../../shared/ports/clock.ts';
import { buildBundle, BUNDLE_EXTENSION, MAX_BUNDLE_FILE_BYTES, readBundle } from '../../../shared/sync/bundle.ts';
import { nodeDeflate } from '../deflate.ts';
import { fromBase64, hexToBytes } from '../../../shared/sync/bytes.ts';
import { bundleInputFromPending } from '../../../shared/sync/site.ts';
import { SyncError } from '../../../shared/errors.ts';
import { adoptHeadquartersKey, enrolmentOf, reenrolSite } from '../../../shared/sync/hqImport.ts';
import { signedReferenceData } from '../../../shared/sync/hqOutputs.ts';
import { ensureSiteKeys, keyIdOf, loadHqKeyring, serializeHqPublic, type HqKeyring } from '../../../shared/sync/keys.ts';
import { readAcknowledgement, REFERENCE_FILE, type Acknowledgement } from '../../../shared/sync/signed.ts';
import type { SyncConfigStore } from '../sync/config.ts';
import { checkFolder, requireSyncFolder, saveOutput } from '../sync/folders.ts';
import type { KeyVault } from '../sync/keyVault.ts';
import { readRegularFile } from '../regularFile.ts';
import { hqPaths, initHqDir, openHqStore, readHqPublic, rotateHqKey } from './hqDir.ts';
import { heldTransfers, MAX_TRANSFER_FILE_BYTES, relayTransfers, type RelayedTransfer } from './transferRelay.ts';
import { TRANSFER_EXTENSION } from '../../../shared/sync/transfer.ts';
import { importBundleFiles, listBundleFiles, type FileImportResult, type ImportInput, type ImportWorkerData, type ImportWorkerMessage } from './import.ts';
import { acknowledgementOutbox, centralCsvFiles, centralNdjsonFiles, hqSiteRows } from './outputs.ts';
import type { SqliteHqStore } from './sqliteStore.ts';

export interface HqServiceDeps {
  /** The headquarters folder inside the app's data folder. */
  dir: string;
  config: SyncConfigStore;
  vault: KeyVault;
  clock: Clock;
  emit: EmitEvent;
  /** The import worker's entry (electron/node/hq/importWorker.ts, or its build in the desktop app). */
  importWorkerUrl: URL;
}

type HqHandlers = Pick<
  Handlers,
  | 'hqStatus'
  | 'hqPublicKey'
  | 'hqImport'
  | 'hqSites'
  | 'hqBundles'
  | 'hqConflicts'
  | 'hqQuarantine'
  | 'hqInspectBundle'
  | 'hqReenrol'
  | 'hqRotateKey'
  | 'hqWriteAcks'
  | 'hqPublishReference'
  | 'hqCentralExport'
>;

export interface HqService {
  /** Open the store at start, creating the headquarters folder (keys, `hq.pub`, database) the first time. */
  open(): Promise<HqStatus>;
  handlers: HqHandlers;
}

const REPORT = '.rapport.txt';
/** Conflicts sent to the screen at once; the total says how many there are. */
const CONFLICTS_SHOWN = 5000;

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function dateStamp(now: number): string {
  return new Date(now).toISOString().slice(0, 10);
}

/**
 * Headquarters mode behind the bridge: the consolidated store in `<data folder>/hq`, its keys in the app's
 * protected key store, imports in a worker thread with progress events, and the files headquarters hands out.
 */
export function createHqService(deps: HqServiceDeps): HqService {
  const { dir, vault, clock } = deps;
  const paths = hqPaths(dir);
  let queue: Promise<unknown> = Promise.resolve();

  /** The store for one call; read only unless the call writes (re-enrolment, rotation, publication). */
  function withStore<T>(fn: (store: SqliteHqStore) => T, access: { write: boolean } = { write: false }): T {
    if (!existsSync(paths.publicFile)) throw new SyncError('La base du siège n’est pas encore ouverte : relancez Passerelle.');
    const store = openHqStore(dir, { readOnly: !access.write });
    try {
      return fn(store);
    } finally {
      store.close();
    }
  }

  /** One write at a time (imports, re-enrolments, publication): SQLite takes one writer, and the order is the person's. */
  function serial<T>(work: () => Promise<T>): Promise<T> {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  }

  async function keyring(): Promise<HqKeyring> {
    return loadHqKeyring(vault.store);
  }

  async function quarantined(): Promise<{ name: string; report: string }[]> {
    const names = await readdir(paths.quarantine).catch(() => [] as string[]);
    const files: { name: string; report: string }[] = [];
    for (const name of names
      .filter((n) => n.endsWith(REPORT))
      .sort()
      .reverse()) {
      files.push({ name: name.slice(0, -REPORT.length), report: await readFile(join(paths.quarantine, name), 'utf8') });
    }
    return files;
  }

  async function status(): Promise<HqStatus> {
    try {
      const pub = await readHqPublic(dir);
      const counts = withStore((store) => ({ sites: store.sites().length, bundles: store.bundles().length, conflicts: store.conflicts().length }));
      return { ok: true, dir, keyId: pub.keyId, createdAt: pub.createdAt, ...counts, quarantined: (await quarantined()).length };
    } catch (error) {
      return { ok: false, message: message(error) };
    }
  }

  async function bundleBytes(source: { file: { name: string; base64: string } } | { quarantined: string }): Promise<{ name: string; bytes: Uint8Array }> {
    if ('file' in source) return { name: source.file.name, bytes: fromBase64(source.file.base64) };
    const names = await readdir(paths.quarantine).catch(() => [] as string[]);
    if (!names.includes(source.quarantined)) throw new SyncError(`Fichier absent de la quarantaine : ${source.quarantined}`);
    return { name: source.quarantined, bytes: await readRegularFile(join(paths.quarantine, source.quarantined), MAX_BUNDLE_FILE_BYTES) };
  }

  /** The bundles to import and the transferred files to relay, chosen or found in the folder. */
  async function inputsOf(
    source: Parameters<Handlers['hqImport']>[0]['source'],
  ): Promise<{ bundles: ImportInput[]; transfers: { name: string; bytes: Uint8Array }[] }> {
    if (source.kind === 'files') {
      const files = source.files.map((f) => ({ name: f.name, bytes: fromBase64(f.base64) }));
      return { bundles: files.filter((f) => !f.name.endsWith(TRANSFER_EXTENSION)), transfers: files.filter((f) => f.name.endsWith(TRANSFER_EXTENSION)) };
    }
    const folder = source.kind === 'syncFolder' ? await requireSyncFolder((await deps.config.read()).syncFolder) : await checkFolder(source.path);
    const bundles = await listBundleFiles(folder);
    const transfers = [];
    for (const name of (await readdir(folder)).filter((n) => n.endsWith(TRANSFER_EXTENSION)).sort()) {
      // A file headquarters cannot read is reported with the others, not a reason to stop the run.
      const bytes = await readRegularFile(join(folder, name), MAX_TRANSFER_FILE_BYTES).catch(() => new Uint8Array());
      transfers.push({ name, bytes });
    }
    if (bundles.length === 0 && transfers.length === 0) throw new SyncError(`Aucun lot (fichier ${BUNDLE_EXTENSION}) dans ${folder}.`);
    return { bundles, transfers };
  }

  async function relay(transfers: { name: string; bytes: Uint8Array }[]): Promise<RelayedTransfer[]> {
    if (transfers.length === 0) return [];
    const store = openHqStore(dir);
    try {
      return await relayTransfers(dir, store, transfers, { now: clock.now() });
    } finally {
      store.close();
    }
  }

  function runWorker(jobId: string, inputs: ImportInput[], ring: HqKeyring): Promise<FileImportResult[]> {
    return new Promise((resolve, reject) => {
      const workerData: ImportWorkerData = { dir, inputs, keyring: ring };
      const worker = new Worker(deps.importWorkerUrl, { workerData });
      let settled = false;
      worker.on('message', (message: ImportWorkerMessage) => {
        if ('progress' in message) {
          const { done, total, result } = message.progress;
          deps.emit('hqImportProgress', { jobId, done, total, file: result.file, status: result.status });
        } else if ('results' in message) {
          settled = true;
          resolve(message.results);
        } else {
          settled = true;
          reject(new SyncError(`Import impossible : ${message.error}`));
        }
      });
      worker.on('error', (error) => {
        settled = true;
        reject(new SyncError(`Import interrompu : ${error.message}`));
      });
      worker.on('exit', (code) => {
        if (!settled) reject(new SyncError(`Import interrompu (processus d’import arrêté, code ${code}).`));
      });
    });
  }

  const handlers: HqHandlers = {
    hqStatus: status,

    async hqPublicKey({ target }) {
      const pub = await readHqPublic(dir);
      return saveOutput([{ name: 'hq.pub', bytes: serializeHqPublic(pub) }], target, { syncFolder: (await deps.config.read()).syncFolder, zipName: 'hq.pub' });
    },

    hqImport: ({ jobId, source }) =>
      serial(async () => {
        const { bundles, transfers } = await inputsOf(source);
        // Transfers first: an acceptance moves records that the receiving site's bundle of the same run writes to.
        const relayed = await relay(transfers);
        const results = bundles.length > 0 ? await runWorker(jobId, bundles, await keyring()) : [];
        return { results: results.map((r): FileImportResultDto => ({ ...r })), transfers: relayed.map((r) => ({ ...r })) };
      }),

    async hqSites() {
      return withStore((store) => {
        const sites = hqSiteRows(store);
        const codes = new Map(sites.map((s) => [s.siteId, s.code]));
        const keyChanges = store.keyChanges().map((c) => ({
          siteId: c.siteId,
          siteCode: codes.get(c.siteId) ?? null,
          oldKeyId: keyIdOf(hexToBytes(c.oldKey)),
          newKeyId: keyIdOf(hexToBytes(c.newKey)),
          changedAt: c.changedAt,
          note: c.note,
        }));
        return { sites, keyChanges };
      });
    },

    async hqBundles({ siteId }) {
      return withStore((store) => ({ bundles: store.bundles(siteId) }));
    },

    async hqConflicts() {
      return withStore((store) => {
        const all = store.conflicts();
        return { total: all.length, conflicts: all.slice(-CONFLICTS_SHOWN).reverse() };
      });
    },

    hqQuarantine: async () => ({ files: await quarantined() }),

    async hqInspectBundle({ source }) {
      const { bytes } = await bundleBytes(source);
      const envelope = readBundle(bytes);
      if (!envelope.ok) throw new SyncError(envelope.reason);
      const { header } = envelope;
      return withStore((store) => {
        const { enrolment, pinnedKey, replaces } = enrolmentOf(store, header);
        return {
          siteId: header.siteId,
          siteCode: header.siteCode,
          siteName: header.siteName,
          sequence: header.sequence,
          createdAt: header.createdAt,
          keyId: keyIdOf(hexToBytes(header.sitePublicKey)),
          enrolment,
          pinnedKeyId: pinnedKey === null ? null : keyIdOf(hexToBytes(pinnedKey)),
          replaces: replaces ?? null,
        };
      });
    },

    hqReenrol: ({ source, note, replaces }) =>
      serial(async () => {
        const { bytes } = await bundleBytes(source);
        const result = withStore((store) => reenrolSite(store, bytes, { now: clock.now(), note, replaces }), { write: true });
        return {
          siteCode: result.siteCode,
          previousKeyId: result.previousKey ? keyIdOf(hexToBytes(result.previousKey)) : null,
          newKeyId: keyIdOf(hexToBytes(result.newKey)),
        };
      }),

    hqRotateKey: () =>
      serial(async () => {
        const { previous, current } = await rotateHqKey(dir, new Date(clock.now()), vault.store);
        const ring = await keyring();
        return { previousKeyId: previous.keyId, keyId: current.keyId, createdAt: current.createdAt, keyCount: ring.decryptionKeys.size };
      }),

    async hqWriteAcks({ target }) {
      const ring = await keyring();
      const files = await acknowledgementOutbox(dir, ring, new Date(clock.now()).toISOString());
      if (files.length === 0) throw new SyncError('Aucun site n’a encore envoyé de lot : aucun accusé de réception à écrire.');
      const transfers = await heldTransfers(dir);
      const output = await saveOutput([...files, ...transfers], target, {
        syncFolder: (await deps.config.read()).syncFolder,
        zipName: `accuses-de-reception-${dateStamp(clock.now())}.zip`,
      });
      return { ...output, acks: files.map((f) => ({ siteCode: f.siteCode, ackedClock: f.ackedClock })), transfers: transfers.map((f) => f.name) };
    },

    hqPublishReference: ({ pending, sequence, target }) =>
      serial(async () => {
        const ring = await keyring();
        const issuedAt = new Date(clock.now()).toISOString();
        let acknowledgement: Acknowledgement | null = null;
        if (pending.changeCount > 0) {
          // Headquarters' own records reach its store as any site's do, as a bundle, signed with headquarters'
          // signing key: that key, not the header's site kind, is what makes them headquarters' records.
          const siteKeys = await ensureSiteKeys(vault.store);
          const built = buildBundle(
            bundleInputFromPending(pending, sequence, clock.now()),
            { signingSecret: ring.signingSecret, signingPublic: ring.signingPublic, pseudonymSecret: siteKeys.pseudonymSecret },
            await readHqPublic(dir),
            nodeDeflate,
          );
          withStore((store) => adoptHeadquartersKey(store, pending.site.siteId, siteKeys.signingPublic, ring.signingPublic, issuedAt), { write: true });
          const [result] = await importBundleFiles(dir, [{ name: built.fileName, bytes: built.bytes }], { keyring: ring, now: clock.now });
          // A gap (headquarters' store restored from an older backup) is not a failure: its acknowledgement
          // lowers what headquarters' database counts as sent, and the next publication sends the rest.
          if (result?.status === 'refused' && !result.acknowledgement) {
            throw new SyncError(`Les données du siège n’ont pas pu être intégrées : ${result.reason ?? 'erreur inconnue'}`);
          }
          if (result?.acknowledgement) acknowledgement = readAcknowledgement(await readRegularFile(result.acknowledgement, 64 * 1024), ring.signingPublic);
        }
        const bytes = withStore((store) => signedReferenceData(store, issuedAt, ring.signingSecret));
        const output = await saveOutput([{ name: REFERENCE_FILE, bytes }], target, {
          syncFolder: (await deps.config.read()).syncFolder,
          zipName: REFERENCE_FILE,
        });
        return { ...output, acknowledgement };
      }),

    async hqCentralExport({ format, target }) {
      const stamp = dateStamp(clock.now());
      const files = withStore((store) => (format === 'ndjson' ? centralNdjsonFiles(store, `passerelle-central-${stamp}.ndjson.gz`) : centralCsvFiles(store)));
      return saveOutput(files, target, { syncFolder: undefined, zipName: `passerelle-central-${stamp}-${format}.zip` });
    },
  };

  return {
    handlers,
    async open() {
      if (!existsSync(paths.publicFile)) {
        const problem = await vault.problem();
        if (problem) return { ok: false, message: `Impossible de créer la base du siège dans ${dir} : ${problem}` };
        try {
          await initHqDir(dir, new Date(clock.now()), vault.store);
          await ensureSiteKeys(vault.store);
        } catch (error) {
          return { ok: false, message: `Impossible de créer la base du siège dans ${dir} : ${message(error)}` };
        }
      }
      try {
        await keyring();
      } catch (error) {
        return { ok: false, message: `Clés du siège illisibles sur ce poste (${message(error)}) : restaurez la sauvegarde des clés dans Paramètres.` };
      }
      return status();
    },
  };
}
