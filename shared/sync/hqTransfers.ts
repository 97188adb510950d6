import { sha256 } from '@noble/hashes/sha2.js';
import { SyncError } from '../errors.ts';
import { bytesToHex } from './bytes.ts';
import type { HqStore, RecordKey } from './hqStore.ts';
import { handedOverEntities, readTransferHeader, signedBy, type TransferHeader } from './transfer.ts';

/** A transferred file or answer as headquarters holds it: its clear header, its signature checked against the pinned key. */
function verified(store: HqStore, bytes: Uint8Array, what: string): TransferHeader {
  const read = readTransferHeader(bytes);
  if (!read.ok) throw new SyncError(`${what} : ${read.reason}`);
  const { header } = read;
  const sender = store.site(header.from.siteId);
  if (!sender) throw new SyncError(`${what} : le site ${header.from.code} n’est pas inscrit au siège.`);
  if (!signedBy(read.parts, sender.publicKey))
    throw new SyncError(`${what} : signature invalide, le fichier ne vient pas du site ${sender.code} ou il a été modifié.`);
  return header;
}

/**
 * A transferred file or answer headquarters is asked to relay: signed by its sending site's pinned key, for a
 * site headquarters knows. Its content stays closed: headquarters holds no key that opens it.
 */
export function relayedHeader(store: HqStore, bytes: Uint8Array): TransferHeader {
  const what = 'Fichier de transfert';
  const header = verified(store, bytes, what);
  const recipient = store.site(header.to.siteId);
  if (!recipient || recipient.retiredAt)
    throw new SyncError(`${what} : le site destinataire ${header.to.code} n’est pas inscrit au siège, il ne peut pas lui être relayé.`);
  return header;
}

function evidence(kind: 'offer' | 'answer', header: TransferHeader, bytes: Uint8Array): string {
  return `transfer ${header.transferId} ${kind} sha256 ${bytesToHex(sha256(bytes))}`;
}

/**
 * Move the records a transferred file hands over to the receiving site, once headquarters holds the file and
 * the receiving site's acceptance, both signed by the pinned key of their site. Headquarters reads only the
 * clear headers (sites, the person's pseudonymous key, the offer's clock, record ids): the content stays
 * encrypted to the receiving site. The records the sender owns move (the person's pseudonymous record with
 * them); their author stays the sender, so hours stay attributed to where they were done. The act is recorded
 * once; the sender's writes up to the offer's clock remain accepted from its later bundles.
 */
export function recordTransferAct(store: HqStore, offer: Uint8Array, answer: Uint8Array, options: { now: number }): { moved: number } {
  const file = verified(store, offer, 'Dossier transféré');
  const reply = verified(store, answer, 'Réponse à un transfert');
  const { handover } = file;
  if (file.kind !== 'dossier' || !handover) throw new SyncError('Le premier fichier n’est pas un dossier transféré.');
  if (reply.kind !== 'reponse' || reply.transferId !== file.transferId || reply.from.siteId !== file.to.siteId || reply.to.siteId !== file.from.siteId) {
    throw new SyncError('Cette réponse ne répond pas à ce dossier transféré.');
  }
  if (reply.decision !== 'accepte') throw new SyncError(`Le site ${file.to.code} a refusé ce dossier : rien ne change de site.`);
  const offerEvidence = evidence('offer', file, offer);
  return store.transaction(() => {
    if (store.ownershipActs().some((act) => act.evidence.includes(`transfer ${file.transferId} `))) {
      throw new SyncError('Ce transfert est déjà enregistré au siège.');
    }
    const scope: RecordKey[] = [
      { entity: 'person', id: handover.personKey },
      ...handedOverEntities.flatMap((entity) => handover.records[entity].map((id) => ({ entity, id }))),
    ];
    const moved = store.moveOwnership(
      {
        kind: 'transfer',
        fromSiteId: file.from.siteId,
        toSiteId: file.to.siteId,
        at: new Date(options.now).toISOString(),
        evidence: `${offerEvidence}\n${evidence('answer', reply, answer)}`,
        note: `Transfert de ${file.from.code} à ${file.to.code}, accepté`,
        upTo: handover.upTo,
      },
      scope,
    );
    return { moved };
  });
}
