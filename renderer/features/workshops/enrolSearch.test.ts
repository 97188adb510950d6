import { describe, expect, it } from 'vitest';
import type { EnrolmentCandidate } from '../../../shared/repos/workshopViews.ts';
import { MAX_CHOICES, searchCandidates } from './enrolSearch.ts';

const stamp = { siteId: 's', updatedAt: 'x', updatedBy: 'y', birthDate: '1990-01-01' };
const measure = { id: 'm', kind: 'tig_peine' as const, hoursOrdered: 70, hoursDone: 0, decisionDate: '2026-06-01' };
const candidates: EnrolmentCandidate[] = [
  { person: { ...stamp, id: '1', lastName: 'Lefèvre', firstName: 'Julien', caseNumber: '2026/00123' }, openTigMeasures: [measure] },
  { person: { ...stamp, id: '2', lastName: 'Saint-Éloi', firstName: 'Anaïs', caseNumber: '2025/00999' }, openTigMeasures: [] },
  { person: { ...stamp, id: '3', lastName: 'Lefort', firstName: 'Inès', caseNumber: '2026/00777' }, openTigMeasures: [measure] },
];

describe('searching persons to enrol', () => {
  it('finds every word anywhere in name and case number, without accents or case', () => {
    expect(searchCandidates(candidates, 'lefe', false).shown.map((c) => c.person.id)).toEqual(['1']);
    expect(searchCandidates(candidates, 'saint eloi anais', false).shown.map((c) => c.person.id)).toEqual(['2']);
    expect(searchCandidates(candidates, '00777', false).shown.map((c) => c.person.id)).toEqual(['3']);
    expect(searchCandidates(candidates, '', false).total).toBe(3);
  });

  it('keeps only persons with an open TIG measure for a TIG pédagogique session', () => {
    expect(searchCandidates(candidates, '', true).shown.map((c) => c.person.id)).toEqual(['1', '3']);
  });

  it('offers at most the first choices and counts them all', () => {
    const many = Array.from({ length: 120 }, (_, i) => ({ ...candidates[0]!, person: { ...candidates[0]!.person, id: String(i) } }));
    const result = searchCandidates(many, 'julien', false);
    expect(result.shown).toHaveLength(MAX_CHOICES);
    expect(result.total).toBe(120);
  });
});
