import { describe, expect, it } from 'vitest';
import { fixedClock, testContext } from '../../../test/support/memoryDb.ts';
import { seedPlacement } from '../../../test/support/tig.ts';
import { dashboard } from '../../../shared/repos/dashboard.ts';
import { addHourLog } from '../../../shared/repos/hourLogs.ts';
import { daysText, hoursByMonth, measuresByStatus, monthLabel, postsByDomain } from './chartData.ts';

describe('dashboard charts', () => {
  it('labels months the French way', () => {
    expect(monthLabel('2026-01')).toBe('janv. 2026');
    expect(monthLabel('2025-12')).toBe('déc. 2025');
  });

  it('says when the days run out', () => {
    expect(daysText(0)).toBe('aujourd’hui');
    expect(daysText(1)).toBe('dans 1 jour');
    expect(daysText(37)).toBe('dans 37 jours');
    expect(daysText(-1)).toBe('dépassée depuis 1 jour');
    expect(daysText(-4)).toBe('dépassée depuis 4 jours');
  });

  it('turns the dashboard into chart points and a one-sentence summary', async () => {
    const ctx = await testContext(undefined, fixedClock('2026-11-25T10:00:00.000Z'));
    const { placement } = await seedPlacement(ctx);
    await addHourLog(ctx, {
      measureId: placement.measureId,
      personId: placement.personId,
      placementId: placement.id,
      date: '2026-10-15',
      hours: 7,
      confirmedByTutor: true,
    });
    await addHourLog(ctx, {
      measureId: placement.measureId,
      personId: placement.personId,
      placementId: placement.id,
      date: '2026-11-05',
      hours: 3.5,
      confirmedByTutor: true,
    });
    const d = await dashboard(ctx);

    const status = measuresByStatus(d);
    expect(status.points.find((p) => p.key === 'en_cours')).toEqual({ key: 'en_cours', label: 'En cours', value: 1 });
    expect(status.summary).toBe('1 mesure au total ; le statut le plus fréquent est « En cours » (1).');

    const hours = hoursByMonth(d);
    expect(hours.points).toHaveLength(12);
    expect(hours.points.at(-1)).toEqual({ key: '2026-11', label: 'nov. 2026', value: 3.5 });
    expect(hours.points.at(-2)?.value).toBe(7);
    expect(hours.summary).toBe('10,5 h réalisées de déc. 2025 à nov. 2026 ; le mois le plus chargé est oct. 2026 (7 h).');

    const posts = postsByDomain(d);
    expect(posts.points).toEqual([{ key: 'espaces_verts', label: 'Espaces verts', value: 1 }]);
    expect(posts.summary).toBe('1 poste actif dans 1 domaine ; le plus représenté est « Espaces verts » (1).');
  });

  it('says so when there is nothing to chart', async () => {
    const ctx = await testContext();
    const d = await dashboard(ctx);
    expect(measuresByStatus(d).summary).toBe('Aucune mesure enregistrée.');
    expect(hoursByMonth(d).summary).toBe('Aucune heure réalisée sur les douze derniers mois.');
    expect(postsByDomain(d)).toEqual({ points: [], summary: 'Aucun poste actif.' });
  });
});
