import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { SyncError } from '../../../shared/errors.ts';
import type { HqStore } from '../../../shared/sync/hqStore.ts';
import { recordTransferAct, relayedHeader } from '../../../shared/sync/hqTransfers.ts';
import { TRANSFER_EXTENSION, transferFileName, type TransferHeader } from '../../../shared/sync/transfer.ts';
import { writeFilesAtomic } from '../atomicFile.ts';
import { readRegularFile } from '../regularFile.ts';
import type { NamedFile } from './outputs.ts';

/** A person's file is a few hundred kilobytes: anything far larger is not one. */
export const MAX_TRANSFER_FILE_BYTES = 32 * 1024 * 1024;

/** What became of a transferred file or answer handed to headquarters. */
export interface RelayedTransfer {
  file: string;
  status: 'relayed' | 'known' | 'refused';
  reason?: string;
  /** Kind, sites and transfer, from the clear header. */
  kind?: TransferHeader['kind'];
  fromCode?: string;
  toCode?: string;
  /** Records moved to the receiving site when this file completed a file and its acceptance. */
  moved?: number;
}

/** Where headquarters keeps the transferred files it relays: `<hq>/transferts`. */
export function transfersFolder(dir: string): string {
  return join(dir, 'transferts');
}

async function held(dir: string, name: string): Promise<Uint8Array | undefined> {
  return readRegularFile(join(transfersFolder(dir), name), MAX_TRANSFER_FILE_BYTES).catch(() => undefined);
}

/**
 * Take the transferred files and answers the sites dropped with their bundles: each is checked against its
 * sending site's pinned key (headquarters holds no key that opens it), kept to be relayed with the
 * acknowledgements, and once headquarters holds a file and its acceptance, the records it hands over move to
 * the receiving site (recordTransferAct). Done before the bundles of the same run, so the receiving site's
 * bundle, which writes to those records, finds them its own.
 */
export async function relayTransfers(
  dir: string,
  store: HqStore,
  inputs: readonly { name: string; bytes: Uint8Array }[],
  options: { now: number },
): Promise<RelayedTransfer[]> {
  const results: RelayedTransfer[] = [];
  await mkdir(transfersFolder(dir), { recursive: true });
  for (const input of inputs) {
    let header: TransferHeader;
    try {
      header = relayedHeader(store, input.bytes);
    } catch (error) {
      results.push({ file: input.name, status: 'refused', reason: (error as Error).message });
      continue;
    }
    const name = transferFileName(header.kind, header.transferId, header.from.code, header.to.code);
    const about = { kind: header.kind, fromCode: header.from.code, toCode: header.to.code };
    const known = await held(dir, name);
    if (!known) await writeFilesAtomic(transfersFolder(dir), [{ name, bytes: input.bytes }]);
    const result: RelayedTransfer = { file: input.name, status: known ? 'known' : 'relayed', ...about };
    // The act needs the file and its acceptance, whichever came first.
    const offerName = header.kind === 'dossier' ? name : transferFileName('dossier', header.transferId, header.to.code, header.from.code);
    const answerName = header.kind === 'reponse' ? name : transferFileName('reponse', header.transferId, header.to.code, header.from.code);
    const offer = header.kind === 'dossier' ? input.bytes : await held(dir, offerName);
    const answer = header.kind === 'reponse' ? input.bytes : await held(dir, answerName);
    const accepted = header.kind === 'reponse' ? header.decision === 'accepte' : answer !== undefined;
    if (offer && answer && accepted && !store.ownershipActs().some((act) => act.evidence.includes(`transfer ${header.transferId} `))) {
      try {
        result.moved = recordTransferAct(store, offer, answer, options).moved;
      } catch (error) {
        // A refusal's answer, or an answer not for this file: relayed all the same, nothing moves.
        if (!(error instanceof SyncError)) throw error;
      }
    }
    results.push(result);
  }
  return results;
}

/** Every transferred file and answer headquarters holds, to write beside the acknowledgements for the sites. */
export async function heldTransfers(dir: string): Promise<NamedFile[]> {
  const names = (await readdir(transfersFolder(dir)).catch(() => [] as string[])).filter((n) => n.endsWith(TRANSFER_EXTENSION)).sort();
  const files: NamedFile[] = [];
  for (const name of names) {
    const bytes = await held(dir, name);
    if (bytes) files.push({ name, bytes });
  }
  return files;
}
