import { describe, expect, it } from 'vitest';
import { measureStatuses, type MeasureStatus } from '../schemas/measure.ts';
import { canTransition, ENDED_STATUSES, transitionError } from './measureStatus.ts';

const allowed: [MeasureStatus, MeasureStatus][] = [
  ['a_affecter', 'en_cours'],
  ['en_cours', 'suspendue'],
  ['suspendue', 'en_cours'],
  ['suspendue', 'a_affecter'],
  ['en_cours', 'terminee'],
  ['en_cours', 'echue'],
  ['en_cours', 'revoquee'],
  ['en_cours', 'transferee'],
  ['a_affecter', 'revoquee'],
  ['a_affecter', 'transferee'],
  ['a_affecter', 'echue'],
  ['a_affecter', 'suspendue'],
  ['suspendue', 'revoquee'],
  ['suspendue', 'transferee'],
  ['suspendue', 'echue'],
  ['suspendue', 'terminee'],
  ['en_cours', 'a_affecter'],
];

describe('measure status machine', () => {
  it('allows exactly the transitions of a measure’s life', () => {
    for (const from of measureStatuses) {
      for (const to of measureStatuses) {
        const expected = allowed.some(([f, t]) => f === from && t === to);
        expect(canTransition(from, to), `${from} -> ${to}`).toBe(expected);
        expect(transitionError(from, to) === undefined, `${from} -> ${to}`).toBe(expected);
      }
    }
  });

  it('never leaves an ended measure', () => {
    for (const from of ENDED_STATUSES) for (const to of measureStatuses) expect(canTransition(from, to)).toBe(false);
  });

  it('refuses an illegal transition naming both statuses in French', () => {
    expect(transitionError('terminee', 'en_cours')).toBe('Une mesure au statut « Terminée » ne peut pas passer au statut « En cours »');
    expect(transitionError('a_affecter', 'terminee')).toBe('Une mesure au statut « À affecter » ne peut pas passer au statut « Terminée »');
    expect(transitionError('suspendue', 'terminee')).toBeUndefined();
    expect(transitionError('terminee', 'suspendue')).toMatch(/« Terminée ».*« Suspendue »/);
    expect(transitionError('en_cours', 'en_cours')).toBe('La mesure est déjà au statut « En cours »');
  });
});
