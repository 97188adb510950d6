import { gunzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { hqFixture, siteFixture } from '../../test/support/sync.ts';
import { memoryHqStore } from '../../test/support/memoryHqStore.ts';
import { fixedClock, testContext } from '../../test/support/memoryDb.ts';
import { adultInput, expectRefused, measureInput, seedHost, seedPlacement } from '../../test/support/tig.ts';
import { fromUtf8 } from '../sync/bytes.ts';
import { loadReviewData } from '../review/fromDexie.ts';
import { reviewDataFromConsolidated } from '../review/fromConsolidated.ts';
import { binContents, binPreview, deleteFromBin, describeCounts, emptyBin, expireBin, moveToBin, restoreFromBin } from './bin.ts';
import { historyOf } from './changes.ts';
import { dashboard } from './dashboard.ts';
import { enrol } from './enrolments.ts';
import { addHourLog } from './hourLogs.ts';
import { measureTotals } from './hourTotals.ts';
import { createIncident } from './incidents.ts';
import { createMeasure, listMeasures, updateMeasure } from './measures.ts';
import { createPerson, listPersons } from './persons.ts';
import { createPlacement } from './placements.ts';
import { createProgramme } from './programmes.ts';
import { createSession } from './sessions.ts';
import type { RepoContext } from './context.ts';

async function measureWithHistory(ctx: RepoContext) {
  const seeded = await seedPlacement(ctx);
  const { measure, person, placement } = seeded;
  const log = await addHourLog(ctx, {
    measureId: measure.id,
    personId: person.id,
    placementId: placement.id,
    date: '2026-11-02',
    hours: 3,
    confirmedByTutor: true,
  });
  const incident = await createIncident(ctx, { measureId: measure.id, date: '2026-11-03', kind: 'absence_injustifiee', description: 'Absent sans prévenir' });
  return { ...seeded, log, incident };
}

/** What the screens show: lists, the dashboard, the running sums. */
async function visible(ctx: RepoContext) {
  const board = await dashboard(ctx, { on: '2026-11-25' });
  return {
    persons: (await listPersons(ctx)).map((p) => p.id),
    measures: (await listMeasures(ctx)).map((m) => m.id),
    byStatus: board.measuresByStatus,
    hours: board.hoursByMonth.find((m) => m.month === '2026-11')?.hours,
    totals: [...(await measureTotals(ctx)).entries()],
  };
}

describe('the recycle bin', () => {
  it('takes a measure with its placements, hours and incidents out of every list and count, and restores it whole', async () => {
    const ctx = await testContext();
    const { measure, placement, log, incident } = await measureWithHistory(ctx);
    const before = await visible(ctx);
    expect(before.hours).toBe(3);

    expect(await binPreview(ctx, 'measure', measure.id)).toEqual({ counts: { measure: 1, placement: 1, hourLog: 1, incident: 1 } });
    expect(await moveToBin(ctx, 'measure', measure.id)).toEqual({ measure: 1, placement: 1, hourLog: 1, incident: 1 });
    const binned = await visible(ctx);
    expect(binned.measures).toEqual([]);
    expect(Object.values(binned.byStatus).reduce((a, b) => a + b, 0)).toBe(0);
    expect(binned.hours).toBe(0);
    for (const [entity, id] of [
      ['measure', measure.id],
      ['placement', placement.id],
      ['hourLog', log.id],
      ['incident', incident.id],
    ] as const) {
      // The bin is a field like any other: its change travels.
      expect((await historyOf(ctx, entity, id)).at(-1)).toMatchObject({ op: 'update', fields: { binned: { root: measure.id, by: 'Camille Martin' } } });
    }
    await expectRefused(ctx, () => updateMeasure(ctx, measure.id, { notes: 'Modifiée' }), /dans la corbeille/);

    await restoreFromBin(ctx, 'measure', measure.id);
    expect(await visible(ctx)).toEqual(before);
    expect((await historyOf(ctx, 'hourLog', log.id)).at(-1)?.fields).toEqual({ binned: null });
  });

  it('takes a person with their measures, placements, hours, incidents and enrolments', async () => {
    const ctx = await testContext();
    const { person, measure } = await measureWithHistory(ctx);
    const programme = await createProgramme(ctx, {
      kind: 'module_insertion',
      title: 'Module emploi',
      domain: 'services_entreprises',
      milieu: 'ouvert',
      places: 5,
    });
    const session = await createSession(ctx, {
      programmeId: programme.id,
      startDate: '2026-11-16',
      endDate: '2026-11-16',
      days: ['2026-11-16'],
      hoursPerDay: 3,
      facilitator: 'Bénévole ECTI',
      themes: [],
    });
    await enrol(ctx, { sessionId: session.id, personId: person.id });
    const second = await createMeasure(ctx, measureInput(person.id, { kind: 'stage', hoursOrdered: undefined, daysOrdered: 2 }));
    const preview = await binPreview(ctx, 'person', person.id);
    expect(preview).toEqual({ counts: { person: 1, measure: 2, placement: 1, hourLog: 1, incident: 1, enrolment: 1 } });
    expect(describeCounts({ measure: 2, placement: 1, hourLog: 1 })).toBe('2 mesures, 1 mise en situation et 1 saisie d’heures');

    await moveToBin(ctx, 'person', person.id);
    expect(await listPersons(ctx)).toEqual([]);
    expect(await listMeasures(ctx)).toEqual([]);
    const [entry] = await binContents(ctx);
    expect(entry).toMatchObject({
      entity: 'person',
      id: person.id,
      label: 'LEFÈVRE Julien',
      by: 'Camille Martin',
      binnedAt: '2026-11-25T10:00:00.000Z',
      expiresOn: '2026-12-25',
      counts: { person: 1, measure: 2, placement: 1, hourLog: 1, incident: 1, enrolment: 1 },
    });
    await restoreFromBin(ctx, 'person', person.id);
    expect((await listMeasures(ctx)).map((m) => m.id).sort()).toEqual([measure.id, second.id].sort());
    expect(await binContents(ctx)).toEqual([]);
  });

  it('keeps the refusals a deletion always had, and restores only under a live parent', async () => {
    const ctx = await testContext();
    const { organisation, post, person, measure, placement } = await measureWithHistory(ctx);
    await expectRefused(ctx, () => moveToBin(ctx, 'placement', placement.id), /Des heures sont enregistrées sur cette mise en situation/);
    await expectRefused(ctx, () => moveToBin(ctx, 'post', post.id), /a servi à des mises en situation/);
    await expectRefused(ctx, () => moveToBin(ctx, 'organisation', organisation.id), /a encore 1 poste : supprimez-le d’abord \(ou gardez la structure\)\.$/);
    expect(await binPreview(ctx, 'post', post.id)).toEqual({ refused: expect.stringMatching(/a servi à des mises en situation/) });

    // A measure binned on its own, then its person: the measure comes back only once the person is back.
    await moveToBin(ctx, 'measure', measure.id);
    await moveToBin(ctx, 'person', person.id);
    expect((await binContents(ctx)).map((e) => e.entity).sort()).toEqual(['measure', 'person']);
    await expectRefused(ctx, () => restoreFromBin(ctx, 'measure', measure.id), /la fiche dont elle dépend \(Personne\) est dans la corbeille/);
    await restoreFromBin(ctx, 'person', person.id);
    await restoreFromBin(ctx, 'measure', measure.id);
    await expectRefused(ctx, () => restoreFromBin(ctx, 'measure', measure.id), /absente de la corbeille/);
  });

  it('puts a measure back to « à affecter » when its only placement goes, and running again when it comes back, if the post has room', async () => {
    const ctx = await testContext();
    const { measure, placement, post } = await seedPlacement(ctx);
    await moveToBin(ctx, 'placement', placement.id);
    expect((await ctx.db.measures.get(measure.id))?.status).toBe('a_affecter');
    // Meanwhile the post's two places were given to others.
    for (const name of ['Un', 'Deux']) {
      const other = await createPerson(ctx, { ...adultInput, lastName: name, caseNumber: `2026/${name}` });
      const m = await createMeasure(ctx, measureInput(other.id));
      await createPlacement(ctx, { measureId: m.id, postId: post.id, startDate: '2026-10-01', plannedEnd: '2027-03-31' });
    }
    await expectRefused(ctx, () => restoreFromBin(ctx, 'placement', placement.id), /Le poste est complet .* ne peut pas revenir sur ce poste/);
    await moveToBin(ctx, 'person', (await listPersons(ctx)).find((p) => p.lastName === 'Un')!.id);
    await restoreFromBin(ctx, 'placement', placement.id);
    expect((await ctx.db.measures.get(measure.id))?.status).toBe('en_cours');
  });

  it('deletes for good when emptied, or after 30 days, and not before', async () => {
    const clock = fixedClock();
    const ctx = await testContext(undefined, clock);
    const { organisation, habilitation, tutor, post } = await seedHost(ctx);
    await moveToBin(ctx, 'post', post.id);
    await moveToBin(ctx, 'organisation', organisation.id);
    clock.advance(29 * 86_400_000);
    expect(await expireBin(ctx)).toBe(0);
    clock.advance(86_400_000);
    const { measure } = await measureWithHistory(ctx);
    await moveToBin(ctx, 'measure', measure.id);
    expect(await expireBin(ctx)).toBe(2);
    for (const [entity, id] of [
      ['organisation', organisation.id],
      ['habilitation', habilitation!.id],
      ['tutor', tutor.id],
      ['post', post.id],
    ] as const) {
      expect((await historyOf(ctx, entity, id)).at(-1)?.op).toBe('delete');
    }
    expect((await binContents(ctx)).map((e) => e.id)).toEqual([measure.id]);
    expect(await emptyBin(ctx)).toBe(1);
    expect(await binContents(ctx)).toEqual([]);
    expect((await ctx.db.measures.get(measure.id))?.deleted).toBe(true);
    await expectRefused(ctx, () => deleteFromBin(ctx, 'measure', measure.id), /absente de la corbeille/);
  });

  it('is left out of the annual review on the site', async () => {
    const ctx = await testContext();
    const { measure } = await measureWithHistory(ctx);
    const hours = async () => (await loadReviewData(ctx.db, 2026)).hourLogs.filter((h) => !h.deleted).length;
    expect(await hours()).toBe(1);
    await moveToBin(ctx, 'measure', measure.id);
    expect(await hours()).toBe(0);
  });
});

describe('the recycle bin at headquarters', () => {
  it('travels as « binned since », without who or the local id it went with; the central export and the review leave it out until restored', async () => {
    const site = await siteFixture();
    const hq = await hqFixture(undefined, undefined, memoryHqStore());
    const { measure, person } = await measureWithHistory(site.ctx);
    expect(hq.import(await site.export(hq.pub)).status).toBe('accepted');
    const exported = () => fromUtf8(gunzipSync(hq.centralExport()));
    expect(exported()).toContain(measure.id);

    await moveToBin(site.ctx, 'measure', measure.id);
    const bundle = await site.export(hq.pub);
    expect(hq.import(bundle).status).toBe('accepted');
    const stored = [...hq.store.consolidated('measure')].find((r) => r.id === measure.id)!;
    expect(stored.fields.binned?.value).toEqual({ at: '2026-11-25T10:00:00.000Z' });
    expect(JSON.stringify([...hq.store.consolidated()])).not.toContain(person.id);
    expect(exported()).not.toContain(measure.id);
    expect(reviewDataFromConsolidated(hq.store).hourLogs.every((h) => h.deleted)).toBe(true);

    await restoreFromBin(site.ctx, 'measure', measure.id);
    expect(hq.import(await site.export(hq.pub)).status).toBe('accepted');
    expect(exported()).toContain(measure.id);
    expect(reviewDataFromConsolidated(hq.store).hourLogs.some((h) => !h.deleted)).toBe(true);
  });
});
