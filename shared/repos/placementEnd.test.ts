import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { testContext } from '../../test/support/memoryDb.ts';
import { expectRefused, measureInput, seedPlacement } from '../../test/support/tig.ts';
import { historyOf } from './changes.ts';
import { addHourLog, editHourLog, logHours } from './hourLogs.ts';
import { createMeasure } from './measures.ts';
import { createPerson } from './persons.ts';
import { createPlacement, endPlacement, updatePlacement } from './placements.ts';
import { getPost, searchPosts, updatePost } from './posts.ts';
import { writeTransaction } from './writer.ts';
import type { HourLogInput } from '../schemas/hourLog.ts';
import { moveToBin } from './bin.ts';

async function setup() {
  const ctx = await testContext();
  const seeded = await seedPlacement(ctx);
  const day = (date: string, hours: number): HourLogInput => ({
    measureId: seeded.measure.id,
    personId: seeded.person.id,
    placementId: seeded.placement.id,
    date,
    hours,
    confirmedByTutor: true,
  });
  return { ctx, ...seeded, day };
}

let counter = 0;
async function otherMeasure(ctx: Awaited<ReturnType<typeof testContext>>): Promise<string> {
  counter++;
  const person = await createPerson(ctx, { lastName: 'Autre', firstName: `Personne ${counter}`, birthDate: '1985-02-02', caseNumber: `2026/X${counter}` });
  return (await createMeasure(ctx, measureInput(person.id))).id;
}

describe('the real end of a placement', () => {
  it('is recorded, not before its start nor in the future, and keeps the planned end', async () => {
    const { ctx, placement, day } = await setup();
    await expectRefused(
      ctx,
      () => endPlacement(ctx, placement.id, '2026-09-30', 'interrompue'),
      /^La fin réelle ne peut précéder le début de la mise en situation \(01\/10\/2026\)/,
    );
    await expectRefused(ctx, () => endPlacement(ctx, placement.id, '2026-11-26', 'terminee'), /pas avant/);
    await addHourLog(ctx, day('2026-11-20', 4));
    await expectRefused(ctx, () => endPlacement(ctx, placement.id, '2026-11-19', 'interrompue'), /Des heures sont saisies le 20\/11\/2026, après cette fin/);
    const ended = await endPlacement(ctx, placement.id, '2026-11-20', 'interrompue');
    expect(ended).toMatchObject({ status: 'interrompue', startDate: '2026-10-01', plannedEnd: '2027-03-31', endedOn: '2026-11-20' });
    expect((await historyOf(ctx, 'placement', placement.id)).at(-1)?.fields).toEqual({ status: 'interrompue', endedOn: '2026-11-20' });
    await expectRefused(ctx, () => updatePlacement(ctx, placement.id, { plannedEnd: '2027-02-28' }), /est finie : ses dates ne se modifient plus/);
  });

  it('is the planned end when the placement ran to it', async () => {
    const ctx = await testContext();
    const { placement } = await seedPlacement(ctx, { startDate: '2026-10-01', plannedEnd: '2026-10-31' });
    expect(await endPlacement(ctx, placement.id, '2026-11-25', 'terminee')).toMatchObject({ plannedEnd: '2026-10-31', endedOn: '2026-10-31' });
  });

  it('refuses hours after it on that placement, entered or moved there', async () => {
    const { ctx, placement, day } = await setup();
    const log = await addHourLog(ctx, day('2026-11-10', 4));
    await endPlacement(ctx, placement.id, '2026-11-12', 'terminee');
    await addHourLog(ctx, day('2026-11-12', 3));
    await expectRefused(
      ctx,
      () => addHourLog(ctx, day('2026-11-13', 3)),
      /^La mise en situation a pris fin le 12\/11\/2026 : aucune heure après cette date sur elle$/,
    );
    await expectRefused(ctx, () => editHourLog(ctx, log.id, { date: '2026-11-16' }), /a pris fin le 12\/11\/2026/);
  });

  it('frees the place on the post only after it', async () => {
    // Capacity 1: the first person worked from 1 October to 10 November.
    const { ctx, post, placement } = await setup();
    await updatePost(ctx, post.id, { capacity: 1 });
    await endPlacement(ctx, placement.id, '2026-11-10', 'terminee');
    expect((await getPost(ctx, post.id, { on: '2026-11-10' }))?.freePlaces).toBe(0);
    expect((await getPost(ctx, post.id, { on: '2026-11-11' }))?.freePlaces).toBe(1);
    expect((await searchPosts(ctx, { on: '2026-11-10' })).find((p) => p.id === post.id)?.freePlaces).toBe(0);
    expect((await searchPosts(ctx, { on: '2026-11-11' })).find((p) => p.id === post.id)?.freePlaces).toBe(1);
    const other = await otherMeasure(ctx);
    await expectRefused(
      ctx,
      () => createPlacement(ctx, { measureId: other, postId: post.id, startDate: '2026-11-05', plannedEnd: '2026-12-31' }),
      /complet le 05\/11\/2026/,
    );
    await createPlacement(ctx, { measureId: other, postId: post.id, startDate: '2026-11-11', plannedEnd: '2026-12-31' });
  });
});

describe('deleting the only placement of a measure', () => {
  it('returns a measure without hours to à affecter', async () => {
    const { ctx, measure, placement } = await setup();
    expect((await ctx.db.measures.get(measure.id))?.status).toBe('en_cours');
    await moveToBin(ctx, 'placement', placement.id);
    expect((await ctx.db.measures.get(measure.id))?.status).toBe('a_affecter');
    expect((await historyOf(ctx, 'measure', measure.id)).at(-1)?.fields).toEqual({ status: 'a_affecter' });
  });

  it('leaves the measure running while another placement remains', async () => {
    const { ctx, measure, placement } = await setup();
    await createPlacement(ctx, { measureId: measure.id, postId: placement.postId, startDate: '2027-01-04', plannedEnd: '2027-01-29' });
    await moveToBin(ctx, 'placement', placement.id);
    expect((await ctx.db.measures.get(measure.id))?.status).toBe('en_cours');
  });

  it('leaves the measure running when it has hours from a TIG pédagogique session', async () => {
    const { ctx, measure, person, placement } = await setup();
    await writeTransaction(ctx, (w) =>
      logHours(w, { measureId: measure.id, personId: person.id, attendanceId: uuidv7(), date: '2026-11-16', hours: 6, confirmedByTutor: true }),
    );
    await moveToBin(ctx, 'placement', placement.id);
    expect((await ctx.db.measures.get(measure.id))?.status).toBe('en_cours');
  });
});
