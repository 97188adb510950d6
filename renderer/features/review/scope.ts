import { foldName } from '../../../shared/format/text.ts';
import type { ReviewScope, SiteDirectoryEntry } from '../../../shared/review/types.ts';

/** The last full year: in 2026, the review of 2025 is the one to produce. */
export function defaultReviewYear(today: string): number {
  return Number(today.slice(0, 4)) - 1;
}

/** Years offered, newest first: the current one (partial) back to 2019, the year of the first national agreements. */
export function reviewYears(today: string): number[] {
  const current = Number(today.slice(0, 4));
  return Array.from({ length: Math.max(1, current - 2019 + 1) }, (_, i) => current - i);
}

export type ScopeKind = ReviewScope['kind'];

export const scopeKindLabels: Record<ScopeKind, string> = {
  all: 'Tous les sites',
  region: 'Une région',
  disp: 'Une DISP',
  site: 'Un site',
};

export interface ScopeOption {
  value: string;
  label: string;
}

const collator = new Intl.Collator('fr');

/** What the second list offers for a kind of scope, from the site directory (empty DISPs and regions left out). */
export function scopeOptions(kind: ScopeKind, directory: readonly SiteDirectoryEntry[]): ScopeOption[] {
  if (kind === 'all') return [];
  if (kind === 'site') {
    return directory.map((s) => ({ value: s.siteId, label: `${s.name} (${s.code})` })).sort((a, b) => collator.compare(a.label, b.label));
  }
  const values = new Set(directory.map((s) => (kind === 'disp' ? s.disp : s.region)).filter(Boolean));
  return [...values].sort(collator.compare).map((v) => ({ value: v, label: v }));
}

export function scopeOf(kind: ScopeKind, value: string): ReviewScope | undefined {
  if (kind === 'all') return { kind: 'all' };
  if (!value) return undefined;
  if (kind === 'site') return { kind: 'site', siteId: value };
  return kind === 'disp' ? { kind: 'disp', disp: value } : { kind: 'region', region: value };
}

/** A file name piece: `Grand Est` gives `grand-est`. */
export function slug(text: string): string {
  return foldName(text)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
