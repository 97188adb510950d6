import { describe, expect, it } from 'vitest';
import { testContext } from '../../test/support/memoryDb.ts';
import type { SiteSetupInput } from '../schemas/site.ts';
import { createProgramme } from './programmes.ts';
import { listWorkshopFigures, removeWorkshopFigures, saveWorkshopFigures } from './workshopFigures.ts';

const establishment: SiteSetupInput = {
  kind: 'etablissement',
  code: 'CP-NANCY',
  name: 'Centre pénitentiaire de Nancy-Maxéville',
  departement: '54',
  userName: 'Karim Benali',
};

async function workshop() {
  const ctx = await testContext(establishment);
  const programme = await createProgramme(ctx, { kind: 'atelier_production', title: 'Atelier métallerie', domain: 'metallerie', milieu: 'ferme', places: 10 });
  return { ctx, programme };
}

describe('production workshop figures', () => {
  it('records one line per workshop and month, the second entry replacing the first', async () => {
    const { ctx, programme } = await workshop();
    await saveWorkshopFigures(ctx, { programmeId: programme.id, month: '2026-10', workers: 8, hoursWorked: 1000 });
    await saveWorkshopFigures(ctx, { programmeId: programme.id, month: '2026-09', workers: 9, hoursWorked: 1100 });
    await saveWorkshopFigures(ctx, { programmeId: programme.id, month: '2026-10', workers: 7, hoursWorked: 900.5 });
    const rows = await listWorkshopFigures(ctx, programme.id);
    expect(rows.map((f) => [f.month, f.workers, f.hoursWorked])).toEqual([
      ['2026-09', 9, 1100],
      ['2026-10', 7, 900.5],
    ]);
    await removeWorkshopFigures(ctx, rows[0]!.id);
    expect(await listWorkshopFigures(ctx, programme.id)).toHaveLength(1);
  });

  it('concerns production workshops only', async () => {
    const { ctx } = await workshop();
    const training = await createProgramme(ctx, {
      kind: 'formation_professionnelle',
      title: 'CAP cuisine',
      domain: 'cuisine_restauration',
      milieu: 'ferme',
      places: 10,
    });
    await expect(saveWorkshopFigures(ctx, { programmeId: training.id, month: '2026-10', workers: 8, hoursWorked: 100 })).rejects.toThrow(
      /ateliers de production/,
    );
  });

  it('refuses a month to come, more workers than work posts, and more hours than 12 a day each', async () => {
    const { ctx, programme } = await workshop();
    await expect(saveWorkshopFigures(ctx, { programmeId: programme.id, month: '2026-12', workers: 8, hoursWorked: 100 })).rejects.toThrow(
      /pas encore commencé/,
    );
    expect(await saveWorkshopFigures(ctx, { programmeId: programme.id, month: '2026-11', workers: 8, hoursWorked: 100 })).toMatchObject({ month: '2026-11' });
    await expect(saveWorkshopFigures(ctx, { programmeId: programme.id, month: '2026-10', workers: 11, hoursWorked: 100 })).rejects.toThrow(
      /10 postes de travail/,
    );
    // February 2026: 28 days × 12 h × 2 workers = 672 h.
    expect(await saveWorkshopFigures(ctx, { programmeId: programme.id, month: '2026-02', workers: 2, hoursWorked: 672 })).toMatchObject({ hoursWorked: 672 });
    await expect(saveWorkshopFigures(ctx, { programmeId: programme.id, month: '2026-02', workers: 2, hoursWorked: 672.25 })).rejects.toThrow(/672 h au plus/);
    await expect(saveWorkshopFigures(ctx, { programmeId: programme.id, month: '2026-13', workers: 2, hoursWorked: 1 })).rejects.toThrow(/Mois invalide/);
  });
});
