import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Handlers } from '../../../shared/bridge/contract.ts';
import type { ScannedTransfer } from '../../../shared/bridge/transferSchemas.ts';
import type { Clock } from '../../../shared/ports/clock.ts';
import { SyncError } from '../../../shared/errors.ts';
import { fromBase64, hexToBytes } from '../../../shared/sync/bytes.ts';
import { loadSiteEncryptionKey, type SiteEncryptionKey } from '../../../shared/sync/keys.ts';
import { pseudonymKey } from '../../../shared/sync/pseudonym.ts';
import { openTransfer, readTransferHeader, sealTransfer, TRANSFER_EXTENSION, type DirectorySite } from '../../../shared/sync/transfer.ts';
import { osReason } from '../osErrors.ts';
import { readRegularFile } from '../regularFile.ts';
import type { SyncConfigStore } from './config.ts';
import { requireSyncFolder, saveOutput } from './folders.ts';
import type { KeyVault } from './keyVault.ts';
import { siteKeysOrThrow } from './siteService.ts';

type TransferHandlers = Pick<Handlers, 'transferPersonKey' | 'transferWrite' | 'transferOpen' | 'transferScan'>;

/** A person's file is a few hundred kilobytes; this bounds what a scan reads from a shared folder per file. */
const MAX_TRANSFER_BYTES = 32 * 1024 * 1024;
/** A scan reads at most this many files addressed to this site (the rest wait for the next one). */
const MAX_SCANNED = 200;

/**
 * Transfers between sites, behind the bridge: the site's keys never leave the Node side. Sealing takes the
 * contents the page's repositories produced; opening checks the sender against the signed directory the page
 * holds (headquarters signed it, the page checked it on arrival).
 */
export function transferHandlers({ config, vault, clock }: { config: SyncConfigStore; vault: KeyVault; clock: Clock }): TransferHandlers {
  async function thisSite() {
    const site = (await config.read()).site;
    if (!site) throw new SyncError('Ce poste ne sait pas encore quel site il est : terminez la première configuration.');
    return site;
  }

  async function encryptionKey(): Promise<SiteEncryptionKey> {
    await siteKeysOrThrow(vault);
    const key = await loadSiteEncryptionKey(vault.store);
    if (!key) throw new SyncError('Ce poste n’a pas de clé de chiffrement : exportez un lot vers le siège pour la créer.');
    return key;
  }

  function open(bytes: Uint8Array, name: string, siteId: string, directory: readonly DirectorySite[], key: SiteEncryptionKey): ScannedTransfer {
    const opened = openTransfer(bytes, { siteId, directory, encryptionKey: key });
    return opened.ok ? { ok: true, fileName: name, header: opened.header, content: opened.content } : { ok: false, fileName: name, reason: opened.reason };
  }

  return {
    async transferPersonKey({ personId }) {
      const keys = await siteKeysOrThrow(vault);
      return { personKey: pseudonymKey(keys.pseudonymSecret, personId) };
    },

    async transferWrite({ content, recipientKey, target }) {
      const site = await thisSite();
      if (content.from.siteId !== site.siteId)
        throw new SyncError(`Ce fichier est au nom du site ${content.from.code}, pas de ce site : il n’a pas été écrit.`);
      const keys = await siteKeysOrThrow(vault);
      const sealed = sealTransfer(content, { signingSecret: keys.signingSecret, recipientKey: hexToBytes(recipientKey), createdAt: clock.now() });
      const output = await saveOutput([{ name: sealed.fileName, bytes: sealed.bytes }], target, {
        syncFolder: (await config.read()).syncFolder,
        zipName: sealed.fileName,
      });
      return { fileName: sealed.fileName, output };
    },

    async transferOpen({ file, directory }) {
      const site = await thisSite();
      const opened = open(fromBase64(file.base64), file.name, site.siteId, directory, await encryptionKey());
      if (!opened.ok) throw new SyncError(`${file.name} : ${opened.reason}`);
      return opened;
    },

    async transferScan({ directory }) {
      const site = await thisSite();
      const folder = await requireSyncFolder((await config.read()).syncFolder);
      const key = await encryptionKey();
      let names: string[];
      try {
        names = (await readdir(folder)).filter((name) => name.endsWith(TRANSFER_EXTENSION)).sort();
      } catch (error) {
        throw new SyncError(`Lecture impossible du dossier ${folder} : ${osReason(error)}.`);
      }
      const files: ScannedTransfer[] = [];
      for (const name of names) {
        if (files.length >= MAX_SCANNED) break;
        let bytes: Uint8Array;
        try {
          bytes = await readRegularFile(join(folder, name), MAX_TRANSFER_BYTES);
        } catch (error) {
          files.push({ ok: false, fileName: name, reason: (error as Error).message });
          continue;
        }
        // The share also holds the files this site wrote and those for other sites: only ours are opened.
        const read = readTransferHeader(bytes);
        if (read.ok && read.header.to.siteId !== site.siteId) continue;
        files.push(read.ok ? open(bytes, name, site.siteId, directory, key) : { ok: false, fileName: name, reason: read.reason });
      }
      return { folder, files };
    },
  };
}
