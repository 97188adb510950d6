import type { Handlers } from '../../../shared/bridge/contract.ts';
import type { SyncStatus } from '../../../shared/bridge/syncSchemas.ts';
import type { Clock } from '../../../shared/ports/clock.ts';
import { bundleInputFromPending } from '../../../shared/sync/site.ts';
import { buildBundle } from '../../../shared/sync/bundle.ts';
import { nodeDeflate } from '../deflate.ts';
import { bytesToHex, fromBase64, fromUtf8 } from '../../../shared/sync/bytes.ts';
import { SyncError } from '../../../shared/errors.ts';
import { backupKeyStore, KEY_BACKUP_EXTENSION, restoreKeyStore } from '../../../shared/sync/keyBackup.ts';
import { ensureSiteEncryptionKey, ensureSiteKeys, keyIdOf, loadSiteKeys, parseHqPublic, type HqPublic, type SiteKeys } from '../../../shared/sync/keys.ts';
import { openDocument, readAcknowledgement, readReferenceData } from '../../../shared/sync/signed.ts';
import { chainOf } from '../../../shared/sync/officeTrust.ts';
import type { SyncConfigStore } from './config.ts';
import { checkFolder, saveOutput } from './folders.ts';
import type { KeyVault } from './keyVault.ts';
import type { SyncWatcher } from './watcher.ts';

export interface SiteServiceDeps {
  config: SyncConfigStore;
  vault: KeyVault;
  watcher: SyncWatcher;
  clock: Clock;
}

type SiteHandlers = Pick<
  Handlers,
  'syncStatus' | 'syncSetFolder' | 'syncCheckNow' | 'syncImportHqKey' | 'siteKeysGenerate' | 'siteExport' | 'siteReadFile' | 'keysBackup' | 'keysRestore'
>;

export const NO_HQ_KEY =
  'Importez d’abord la clé publique du siège (fichier hq.pub, dans Paramètres) : sans elle, rien ne peut être chiffré pour le siège ni vérifié.';
export const NO_SITE_KEYS = 'Ce poste n’a pas encore de clés : générez-les dans Paramètres, ou restaurez la sauvegarde des clés si ce site en avait déjà.';

export async function configuredHq(config: SyncConfigStore): Promise<HqPublic | undefined> {
  const text = (await config.read()).hqPublic;
  return text === undefined ? undefined : parseHqPublic(new TextEncoder().encode(text));
}

/**
 * Keys of a site, or a French message: missing, or unreadable (a profile copied from another PC). An
 * installation whose keys predate transfers gets its encryption key here, so its next bundle announces it.
 */
export async function siteKeysOrThrow(vault: KeyVault): Promise<SiteKeys> {
  let keys: SiteKeys | undefined;
  try {
    keys = await loadSiteKeys(vault.store);
    if (keys && !keys.encryptionPublic) keys = { ...keys, encryptionPublic: (await ensureSiteEncryptionKey(vault.store)).publicKey };
  } catch (error) {
    throw new SyncError(`Les clés de ce poste sont illisibles (${(error as Error).message}) : restaurez la sauvegarde des clés dans Paramètres.`);
  }
  if (!keys) throw new SyncError(NO_SITE_KEYS);
  return keys;
}

function dateStamp(now: number): string {
  return new Date(now).toISOString().slice(0, 10);
}

/**
 * The site side of sync, behind the bridge: settings, keys, bundle export, acknowledgement and reference
 * files. The database stays in the renderer; what crosses is plain data, checked by the contract first.
 */
export function siteHandlers({ config, vault, watcher, clock }: SiteServiceDeps): SiteHandlers {
  async function status(): Promise<SyncStatus> {
    const settings = await config.read();
    const watched = watcher.status();
    let hqKey: SyncStatus['hqKey'] = null;
    if (settings.hqPublic !== undefined) {
      const hq = parseHqPublic(new TextEncoder().encode(settings.hqPublic));
      hqKey = { keyId: hq.keyId, createdAt: hq.createdAt };
    }
    let siteKeys: SyncStatus['siteKeys'];
    try {
      const keys = await loadSiteKeys(vault.store);
      siteKeys = keys
        ? {
            state: 'ready',
            keyId: keyIdOf(keys.signingPublic),
            publicKey: bytesToHex(keys.signingPublic),
            encryptionKeyId: keys.encryptionPublic ? keyIdOf(keys.encryptionPublic) : null,
          }
        : { state: 'missing' };
    } catch (error) {
      siteKeys = { state: 'unreadable', message: `Clés illisibles sur ce poste (${(error as Error).message}) : restaurez la sauvegarde des clés.` };
    }
    return {
      folder: settings.syncFolder ?? null,
      reachable: watched.folder === (settings.syncFolder ?? null) && watched.reachable,
      checkedAt: watched.folder === (settings.syncFolder ?? null) ? watched.checkedAt : null,
      hqKey,
      siteKeys,
      keyStorage: { label: vault.label, problem: await vault.problem() },
    };
  }

  async function hqOrThrow(): Promise<HqPublic> {
    const hq = await configuredHq(config);
    if (!hq) throw new SyncError(NO_HQ_KEY);
    return hq;
  }

  return {
    syncStatus: status,

    async syncSetFolder({ path }) {
      const folder = path === null ? undefined : await checkFolder(path);
      await config.update(({ syncFolder: _previous, ...rest }) => (folder ? { ...rest, syncFolder: folder } : rest));
      await watcher.check();
      return status();
    },

    syncCheckNow: () => watcher.check({ fresh: true }),

    async syncImportHqKey({ file }) {
      const bytes = fromBase64(file.base64);
      const hq = parseHqPublic(bytes);
      const previous = await configuredHq(config).catch(() => undefined);
      await config.update((current) => ({ ...current, hqPublic: fromUtf8(bytes) }));
      return { keyId: hq.keyId, createdAt: hq.createdAt, previousKeyId: previous && previous.keyId !== hq.keyId ? previous.keyId : null };
    },

    async siteKeysGenerate() {
      const problem = await vault.problem();
      if (problem) throw new SyncError(problem);
      if ((await vault.store.list()).some((name) => name.startsWith('site.'))) {
        throw new SyncError('Ce poste a déjà des clés : elles ne sont pas remplacées (les personnes garderaient sinon d’autres clés pseudonymes au siège).');
      }
      const keys = await ensureSiteKeys(vault.store);
      return { keyId: keyIdOf(keys.signingPublic), publicKey: bytesToHex(keys.signingPublic) };
    },

    async siteExport({ pending, sequence, target }) {
      const hq = await hqOrThrow();
      const keys = await siteKeysOrThrow(vault);
      const settings = await config.read();
      // A workstation of an office shows headquarters the certificates that vouch for its key under the site.
      const office = settings.office;
      const chain =
        office && settings.site && pending.deviceId === office.deviceId
          ? chainOf({ siteId: settings.site.siteId, certificates: office.certificates, revocations: office.revocations }, office.deviceId)
          : undefined;
      const built = buildBundle(bundleInputFromPending(pending, sequence, clock.now(), chain), keys, hq, nodeDeflate);
      const output = await saveOutput([{ name: built.fileName, bytes: built.bytes }], target, {
        syncFolder: settings.syncFolder,
        zipName: built.fileName,
      });
      await config.update((current) => ({ ...current, exportedSequence: Math.max(current.exportedSequence ?? 0, sequence) }));
      const { header } = built;
      return {
        bundleId: header.bundleId,
        fileName: built.fileName,
        sequence: header.sequence,
        createdAt: header.createdAt,
        changeCount: header.changeCount,
        recordCount: Object.values(header.counts).reduce((a, b) => a + b, 0),
        counts: header.counts,
        firstClock: header.firstClock,
        lastClock: header.lastClock,
        output,
      };
    },

    async siteReadFile({ file }) {
      const hq = await hqOrThrow();
      const bytes = fromBase64(file.base64);
      const body = openDocument(bytes, hq.signingKey, file.name) as { kind?: unknown };
      if (body.kind === 'passerelle-ack') {
        const acknowledgement = readAcknowledgement(bytes, hq.signingKey);
        const site = (await config.read()).site;
        if (site && acknowledgement.siteId !== site.siteId) {
          throw new SyncError(`Accusé de réception destiné à un autre site (${acknowledgement.siteCode}) : il n’a pas été appliqué.`);
        }
        return { kind: 'acknowledgement', acknowledgement };
      }
      if (body.kind === 'passerelle-reference') return { kind: 'reference', reference: readReferenceData(bytes, hq.signingKey) };
      throw new SyncError(`${file.name} : ni un accusé de réception ni des données de référence.`);
    },

    async keysBackup({ passphrase, target }) {
      const site = (await config.read()).site;
      const bytes = await backupKeyStore(vault.store, passphrase, { now: clock.now(), ...(site ? { site: { siteId: site.siteId, code: site.code } } : {}) });
      const name = `passerelle-cles-${site?.code ?? 'poste'}-${dateStamp(clock.now())}${KEY_BACKUP_EXTENSION}`;
      return saveOutput([{ name, bytes }], target, { syncFolder: undefined, zipName: name });
    },

    async keysRestore({ file, passphrase, overwrite }) {
      const problem = await vault.problem();
      if (problem) throw new SyncError(problem);
      const result = await restoreKeyStore(vault.store, fromBase64(file.base64), passphrase, { overwrite });
      return { restored: result.restored, replaced: result.replaced, siteCode: result.header.siteCode ?? null, createdAt: result.header.createdAt };
    },
  };
}
