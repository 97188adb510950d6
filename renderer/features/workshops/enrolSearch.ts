import { foldName } from '../../../shared/format/text.ts';
import type { EnrolmentCandidate } from '../../../shared/repos/workshopViews.ts';

/** At most this many persons are offered at once: the search narrows them. */
export const MAX_CHOICES = 50;

/**
 * The persons a search finds, every word anywhere in the name or case number, accents and case ignored;
 * in a TIG pédagogique session, only those with an open TIG measure (the hours need one to count on).
 */
export function searchCandidates(candidates: readonly EnrolmentCandidate[], text: string, tigOnly: boolean): { shown: EnrolmentCandidate[]; total: number } {
  const words = foldName(text).split(' ').filter(Boolean);
  const found = candidates.filter((c) => {
    if (tigOnly && c.openTigMeasures.length === 0) return false;
    const haystack = foldName(`${c.person.lastName} ${c.person.firstName} ${c.person.caseNumber}`);
    return words.every((w) => haystack.includes(w));
  });
  return { shown: found.slice(0, MAX_CHOICES), total: found.length };
}
