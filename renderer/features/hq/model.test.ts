import { describe, expect, it } from 'vitest';
import { conflictValue, countsText, importSummary, lagDays, lagLabel, needsReenrolment } from './model.ts';

describe('headquarters screens, in French', () => {
  it('sums up an import report', () => {
    const results = [
      { file: 'a', status: 'accepted' as const },
      { file: 'b', status: 'accepted' as const },
      { file: 'c', status: 'known' as const },
      { file: 'd', status: 'refused' as const, reason: 'Signature invalide' },
    ];
    expect(importSummary(results)).toBe('2 acceptés, 1 déjà connu, 1 refusé');
    expect(importSummary([])).toBe('0 accepté, 0 déjà connu, 0 refusé');
  });

  it('offers re-enrolment only for a changed key or a code taken by a new installation', () => {
    expect(needsReenrolment({ file: 'a', status: 'refused', reason: 'Clé de signature différente de celle enregistrée pour le site SPIP-54 : …' })).toBe(true);
    expect(needsReenrolment({ file: 'a', status: 'refused', reason: 'Le code de site SPIP-54 appartient déjà à un autre site inscrit : …' })).toBe(true);
    expect(needsReenrolment({ file: 'a', status: 'refused', reason: 'Signature invalide : le fichier a été modifié' })).toBe(false);
    expect(needsReenrolment({ file: 'a', status: 'accepted' })).toBe(false);
  });

  it('names what a bundle brought by entity', () => {
    expect(countsText({ measure: 12, hourLog: 1340, person: 0 })).toBe('Mesure : 12 · Saisie d’heures : 1\u202f340');
    expect(countsText({})).toBe('aucun enregistrement');
  });

  it('counts the lag in whole days since the last bundle', () => {
    const now = Date.parse('2026-11-25T12:00:00.000Z');
    expect(lagDays({ lastBundleAt: null }, now)).toBeUndefined();
    expect(lagDays({ lastBundleAt: '2026-11-25T08:00:00.000Z' }, now)).toBe(0);
    expect(lagDays({ lastBundleAt: '2026-11-20T11:00:00.000Z' }, now)).toBe(5);
    expect([lagLabel(undefined), lagLabel(0), lagLabel(1), lagLabel(5)]).toEqual(['aucun lot', 'moins d’un jour', '1 jour', '5 jours']);
  });

  it('shows stored values as text', () => {
    expect(conflictValue('"Mairie de Nancy"')).toBe('Mairie de Nancy');
    expect(conflictValue('105')).toBe('105');
    expect(conflictValue('null')).toBe('(vide)');
    expect(conflictValue(null)).toBe('(supprimé)');
    expect(conflictValue('["tig","tnr"]')).toBe('["tig","tnr"]');
  });
});
