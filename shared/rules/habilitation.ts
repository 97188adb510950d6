import { formatDate } from '../format/fr.ts';
import type { OrganisationKind } from '../schemas/organisation.ts';
import { addDays, daysBetween } from './calendar.ts';

/** Product choice: the dashboard lists habilitations ending within this many days. */
export const HABILITATION_WARNING_DAYS = 60;

export const habilitationStatuses = ['non_requise', 'valide', 'expire_bientot', 'expiree', 'retiree', 'a_venir', 'aucune'] as const;
export type HabilitationStatus = (typeof habilitationStatuses)[number];
export const habilitationStatusLabels: Record<HabilitationStatus, string> = {
  non_requise: 'Non requise',
  valide: 'Valide',
  expire_bientot: 'Expire dans moins de 60 jours',
  expiree: 'Expirée',
  retiree: 'Retirée',
  a_venir: 'Pas encore en vigueur',
  aucune: 'Aucune habilitation',
};

export interface HabilitationSpan {
  validFrom: string;
  validUntil?: string | undefined;
  withdrawnOn?: string | undefined;
}

/**
 * Code pénal, art. 131-8: the work is done « au profit soit d'une personne morale de droit public, soit d'une
 * personne morale de droit privé chargée d'une mission de service public ou d'une association habilitées ».
 * A collectivité territoriale is a personne morale de droit public: like any public body it needs no
 * habilitation. The one rule, read by the kind alone, whichever way the organisation came (form, CSV import,
 * reference data, sync).
 */
export const HABILITATION_REQUIRED: Record<OrganisationKind, boolean> = {
  organisme_public: false,
  collectivite_territoriale: false,
  prive_mission_service_public: true,
  association: true,
};

export function isHabilitationRequired(kind: OrganisationKind): boolean {
  return HABILITATION_REQUIRED[kind];
}

/** Last day a habilitation is valid (a withdrawal takes effect on its date); undefined when open-ended. */
export function lastValidDay(h: HabilitationSpan): string | undefined {
  const beforeWithdrawal = h.withdrawnOn === undefined ? undefined : addDays(h.withdrawnOn, -1);
  if (h.validUntil === undefined) return beforeWithdrawal;
  if (beforeWithdrawal === undefined) return h.validUntil;
  return h.validUntil < beforeWithdrawal ? h.validUntil : beforeWithdrawal;
}

export function isValidOn(h: HabilitationSpan, date: string): boolean {
  if (date < h.validFrom) return false;
  const last = lastValidDay(h);
  return last === undefined || date <= last;
}

export function isHabilitatedOn(kind: OrganisationKind, habilitations: readonly HabilitationSpan[], date: string): boolean {
  return !isHabilitationRequired(kind) || habilitations.some((h) => isValidOn(h, date));
}

/**
 * How long the organisation stays habilitated without a gap from `date`, following renewals that start the
 * day after (or before) one ends: the last covered day, null when open-ended, undefined when not valid on
 * `date`.
 */
export function coveredUntil(habilitations: readonly HabilitationSpan[], date: string): string | null | undefined {
  let day = date;
  let covered = false;
  for (;;) {
    let furthest: string | undefined;
    for (const h of habilitations) {
      if (!isValidOn(h, day)) continue;
      const last = lastValidDay(h);
      if (last === undefined) return null;
      if (furthest === undefined || last > furthest) furthest = last;
    }
    if (furthest === undefined) return covered ? addDays(day, -1) : undefined;
    covered = true;
    day = addDays(furthest, 1);
  }
}

export interface HabilitationState {
  status: HabilitationStatus;
  /** Last covered day for valide / expire_bientot (absent when open-ended); the end or withdrawal otherwise. */
  until?: string;
}

/**
 * The state on `date` (today for a list, a placement's start or an hour log's day for the rules): a
 * habilitation withdrawn or ended after `date` was valid on it. When none covers `date`, the one that ended
 * last before it says why: withdrawn (the withdrawal came first) or expired.
 */
export function habilitationState(kind: OrganisationKind, habilitations: readonly HabilitationSpan[], date: string): HabilitationState {
  if (!isHabilitationRequired(kind)) return { status: 'non_requise' };
  const end = coveredUntil(habilitations, date);
  if (end === null) return { status: 'valide' };
  if (end !== undefined) {
    return { status: daysBetween(date, end) < HABILITATION_WARNING_DAYS ? 'expire_bientot' : 'valide', until: end };
  }
  // Started by `date` and not valid on it, so each has a last valid day before `date`.
  const ended = habilitations.filter((h) => h.validFrom <= date).map((h) => ({ h, last: lastValidDay(h)! }));
  const latest = ended.sort((a, b) => (a.last < b.last ? 1 : a.last > b.last ? -1 : 0))[0]?.h;
  if (latest) {
    const withdrawn =
      latest.withdrawnOn !== undefined && latest.withdrawnOn <= date && (latest.validUntil === undefined || latest.withdrawnOn <= latest.validUntil);
    return withdrawn ? { status: 'retiree', until: latest.withdrawnOn! } : { status: 'expiree', until: latest.validUntil! };
  }
  const upcoming = habilitations.filter((h) => h.validFrom > date && isValidOn(h, h.validFrom)).sort((a, b) => (a.validFrom < b.validFrom ? -1 : 1))[0];
  return upcoming ? { status: 'a_venir', until: upcoming.validFrom } : { status: 'aucune' };
}

/** A host in this state takes placements (the state on their start date). */
export function hostsPlacements(state: HabilitationState): boolean {
  return state.status === 'non_requise' || state.status === 'valide' || state.status === 'expire_bientot';
}

export function habilitationError(
  organisationName: string,
  kind: OrganisationKind,
  habilitations: readonly HabilitationSpan[],
  date: string,
): string | undefined {
  if (isHabilitatedOn(kind, habilitations, date)) return undefined;
  return `La structure « ${organisationName} » n’est pas habilitée pour le TIG le ${formatDate(date)}`;
}

/**
 * A placement runs past its host's habilitation when the habilitation that covers its start (renewals
 * followed) ends before its planned end: that last valid day, or undefined when it does not.
 */
export function habilitationEndsBefore(
  kind: OrganisationKind,
  habilitations: readonly HabilitationSpan[],
  startDate: string,
  plannedEnd: string,
): string | undefined {
  if (!isHabilitationRequired(kind)) return undefined;
  const end = coveredUntil(habilitations, startDate);
  return typeof end === 'string' && end < plannedEnd ? end : undefined;
}

/** Said when such a placement is saved: it is allowed (the habilitation may be renewed), but hours stop on that day. */
export function habilitationEndWarning(organisationName: string, lastDay: string): string {
  return `L’habilitation de « ${organisationName} » n’est valable que jusqu’au ${formatDate(lastDay)}, avant la fin prévue de la mise en situation : sans renouvellement, aucune heure ne pourra y être saisie après cette date.`;
}
