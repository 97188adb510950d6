import type { Bridge } from '../../../shared/bridge/contract.ts';
import type { Acknowledgement } from '../../../shared/sync/signed.ts';
import type { ExportOutcome, Inbox, SyncStatus, Target } from '../../../shared/bridge/syncSchemas.ts';
import type { SyncExportEntry } from '../../../shared/db/rows.ts';
import { formatDate, formatDateTime, formatNumber } from '../../../shared/format/fr.ts';
import type { RepoContext } from '../../../shared/repos/context.ts';
import { errorMessage } from '../../../shared/errors.ts';
import { applyReferenceData } from '../../../shared/repos/reference.ts';
import { entities, isEntityName } from '../../../shared/schemas/entities.ts';
import { recordExport } from '../../../shared/repos/syncHistory.ts';
import { takeBundleSequence } from '../../../shared/repos/syncState.ts';
import { collectPending, recordAcknowledgement } from '../../../shared/sync/site.ts';
import { counted } from '../../../shared/format/agreement.ts';

export type SyncState = 'offline' | 'synced' | 'pending';

/** "à l’instant", "il y a 5 min", "il y a 2 h", "il y a 3 j". */
export function sinceLabel(elapsedMs: number): string {
  const minutes = Math.floor(Math.max(0, elapsedMs) / 60_000);
  if (minutes < 1) return 'à l’instant';
  if (minutes < 60) return `il y a ${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `il y a ${hours} h`;
  return `il y a ${Math.floor(hours / 24)} j`;
}

/**
 * The status bar's sync word, in three states: the sync folder out of reach ("Hors ligne"), everything
 * acknowledged ("Synchronisé il y a 2 h"), or changes headquarters has not acknowledged yet.
 */
export function syncStatusLine(input: { reachable: boolean; pending: number; lastAcknowledgedAt: string | undefined; now: number }): {
  state: SyncState;
  label: string;
} {
  const waiting = `${counted(input.pending, 'changement')} en attente`;
  if (!input.reachable) return { state: 'offline', label: input.pending > 0 ? `Hors ligne · ${waiting}` : 'Hors ligne' };
  if (input.pending > 0) return { state: 'pending', label: waiting };
  if (input.lastAcknowledgedAt === undefined) return { state: 'synced', label: 'Aucun changement en attente' };
  return { state: 'synced', label: `Synchronisé ${sinceLabel(input.now - Date.parse(input.lastAcknowledgedAt))}` };
}

/** Automatic exports to the sync folder are spaced this much at least, so a busy day does not fill the share. */
export const AUTO_EXPORT_SPACING_MS = 15 * 60_000;

/** Whether the keys and headquarters' key are there: without them an export can only fail. */
export function exportReadiness(status: SyncStatus | undefined): string | undefined {
  if (!status) return 'Réglages de synchronisation en cours de lecture.';
  if (!status.hqKey) return 'Importez d’abord la clé publique du siège (Paramètres).';
  if (status.siteKeys.state === 'missing') return 'Générez d’abord les clés du site, ou restaurez leur sauvegarde (Paramètres).';
  if (status.siteKeys.state === 'unreadable') return status.siteKeys.message;
  return undefined;
}

/**
 * When the sync folder answers, a site exports on its own if something changed since its last bundle
 * there, at most once per `AUTO_EXPORT_SPACING_MS`.
 */
export function autoExportDue(input: { reachable: boolean; ready: boolean; exportNeeded: boolean; lastAttempt: number | undefined; now: number }): boolean {
  if (!input.reachable || !input.ready || !input.exportNeeded) return false;
  return input.lastAttempt === undefined || input.now - input.lastAttempt >= AUTO_EXPORT_SPACING_MS;
}

function destinationOf(target: Target): SyncExportEntry['destination'] {
  if (target === 'syncFolder') return 'syncFolder';
  if (target === 'download') return 'download';
  return 'folder';
}

/**
 * Export what headquarters has not acknowledged: collect it from the database here, take the next
 * sequence number, hand both to the Node side (which holds the keys), then keep the export in the history.
 */
export async function exportPending(ctx: RepoContext, bridge: Pick<Bridge, 'siteExport'>, target: Target): Promise<ExportOutcome> {
  const pending = await collectPending(ctx);
  const sequence = await takeBundleSequence(ctx);
  const outcome = await bridge.siteExport({ pending, sequence, target });
  await recordExport(ctx, {
    id: outcome.bundleId,
    sequence: outcome.sequence,
    fileName: outcome.fileName,
    createdAt: outcome.createdAt,
    changeCount: outcome.changeCount,
    recordCount: outcome.recordCount,
    firstClock: outcome.firstClock,
    lastClock: outcome.lastClock,
    destination: destinationOf(target),
    ...(outcome.output.folder ? { folder: outcome.output.folder } : {}),
  });
  return outcome;
}

export interface JournalEntry {
  at: string;
  ok: boolean;
  text: string;
}

/**
 * What an applied acknowledgement means for the person: changes received, or, when headquarters holds less than
 * it said before (its store was restored from a backup), that the next export sends them again.
 */
export function acknowledgementLine(ack: Acknowledgement, previous: string | undefined, current: string | undefined): { ok: boolean; text: string } {
  const issued = `Accusé de réception du ${formatDateTime(ack.issuedAt)}`;
  if ((current ?? '') < (previous ?? '')) {
    const holds =
      current === undefined ? 'ne détient aucun de vos changements' : `ne détient vos changements que jusqu’au ${formatDateTime(current.slice(0, 24))}`;
    return { ok: true, text: `${issued} : le siège ${holds} (sa base a été restaurée) ; le prochain export les lui renverra.` };
  }
  if (current === undefined) return { ok: true, text: `${issued} appliqué : le siège n’a encore reçu aucun de vos changements.` };
  return { ok: true, text: `${issued} appliqué : le siège a reçu vos changements jusqu’au ${formatDateTime(current.slice(0, 24))}.` };
}

/** Apply what came from headquarters (signatures already checked on the Node side); one French line each. */
export async function applyInbox(ctx: RepoContext, inbox: Inbox): Promise<{ ok: boolean; text: string }[]> {
  const lines: { ok: boolean; text: string }[] = [];
  if (inbox.acknowledgement) {
    const ack = inbox.acknowledgement;
    try {
      // The same acknowledgement is delivered again at every check of the folder: only news is said.
      const { applied, previous, current } = await recordAcknowledgement(ctx, ack);
      if (applied) lines.push(acknowledgementLine(ack, previous, current));
    } catch (error) {
      lines.push({ ok: false, text: errorMessage(error) });
    }
  }
  if (inbox.reference) {
    try {
      const outcome = await applyReferenceData(ctx, inbox.reference);
      if (outcome.applied) {
        const records = Object.entries(outcome.summary.records).map(
          ([entity, n]) => `${isEntityName(entity) ? entities[entity].label : entity} : ${formatNumber(n)}`,
        );
        const detail = [counted(outcome.summary.activityDomains, 'domaine'), counted(outcome.summary.sites, 'site'), ...records].join(', ');
        lines.push({ ok: true, text: `Données de référence du ${formatDate(outcome.summary.issuedAt)} appliquées (${detail}).` });
      }
    } catch (error) {
      lines.push({ ok: false, text: errorMessage(error) });
    }
  }
  for (const problem of inbox.problems) lines.push({ ok: false, text: problem });
  return lines;
}
