import { describe, expect, it } from 'vitest';
import { ofPlace } from '../format/agreement.ts';
import { testContext } from '../../test/support/memoryDb.ts';
import { addMeasure, addPerson, receiveFromElsewhere } from '../../test/support/workshopFixtures.ts';
import { programmeKinds } from '../schemas/programme.ts';
import type { SiteSetupInput } from '../schemas/site.ts';
import { siteAnnualReview } from '../review/fromDexie.ts';
import { writeTransaction } from '../repos/writer.ts';
import { loadDemoData } from './demoData.ts';
import { loadWorkshopsDemo, loadWorkshopsDemoIn } from './workshops.ts';

/** A SPIP that already holds the TIG demo: six persons, four of them with an open TIG measure. */
async function spipWithPersons() {
  const ctx = await testContext();
  for (let i = 0; i < 6; i++) {
    const person = await addPerson(ctx);
    if (i < 4) await addMeasure(ctx, person.id, { offenceDate: '2025-01-10', decisionDate: '2025-05-02', periodStart: '2025-06-02', hoursOrdered: 200 });
  }
  return ctx;
}

describe('workshops demo data', () => {
  it('gives a SPIP programmes of every kind, sessions, enrolments of its persons and attendance, through the repositories', async () => {
    const ctx = await spipWithPersons();
    const result = await loadWorkshopsDemo(ctx);
    const programmes = await ctx.db.programmes.toArray();
    expect(new Set(programmes.map((p) => p.kind))).toEqual(new Set(programmeKinds));
    expect(result).toMatchObject({ programmes: programmes.length, sessions: 18, workshopFigures: 28, establishmentProfile: false });
    expect(await ctx.db.sessions.count()).toBe(result.sessions);
    expect(await ctx.db.enrolments.filter((e) => !e.deleted).count()).toBe(result.enrolments);
    expect(await ctx.db.attendance.count()).toBe(result.attendance);
    expect(result.attendance).toBeGreaterThan(0);

    const persons = new Set((await ctx.db.persons.toArray()).map((p) => p.id));
    const enrolments = await ctx.db.enrolments.filter((e) => !e.deleted).toArray();
    expect(enrolments.every((e) => persons.has(e.personId))).toBe(true);
    const tigSessions = new Set(
      (await ctx.db.sessions.toArray()).filter((s) => programmes.find((p) => p.id === s.programmeId)?.kind === 'tig_pedagogique').map((s) => s.id),
    );
    const tigEnrolments = enrolments.filter((e) => tigSessions.has(e.sessionId));
    expect(tigEnrolments.length).toBeGreaterThan(0);
    for (const e of tigEnrolments) expect((await ctx.db.measures.get(e.measureId!))?.personId).toBe(e.personId);
    const tigPresent = await ctx.db.attendance.filter((a) => tigSessions.has(a.sessionId) && a.present).toArray();
    const tigLogs = await ctx.db.hourLogs.filter((l) => l.attendanceId !== undefined && !l.deleted).toArray();
    expect(tigPresent.length).toBeGreaterThan(0);
    expect(tigLogs.map((l) => l.attendanceId).sort()).toEqual(tigPresent.map((a) => a.id).sort());

    const created = await ctx.db.changes.filter((c) => c.entity === 'programme' && c.op === 'create').count();
    expect(created).toBe(programmes.length);
    expect((await ctx.db.partners.toArray()).map((p) => p.scope)).toEqual(['local', 'local', 'local']);
    // No host of its own yet: the town partner is the site's chef-lieu (SPIP of Meurthe-et-Moselle: Nancy).
    expect((await ctx.db.partners.toArray()).filter((p) => p.kind === 'collectivite').map((p) => p.name)).toEqual(['Ville de Nancy']);
  });

  it('names the national partners the site received from headquarters', async () => {
    const ctx = await spipWithPersons();
    const ecti = await receiveFromElsewhere(ctx, 'partners', { name: 'ECTI', kind: 'association', scope: 'national' });
    await loadWorkshopsDemo(ctx);
    const tig = (await ctx.db.programmes.toArray()).find((p) => p.kind === 'tig_pedagogique')!;
    expect(tig.partnerId).toBe(ecti.id);
    expect((await ctx.db.partners.toArray()).filter((p) => p.name.startsWith('ECTI'))).toHaveLength(1);
  });

  it('gives the same data for the same seed', async () => {
    const first = await spipWithPersons();
    const second = await spipWithPersons();
    const a = await loadWorkshopsDemo(first, { seed: 7 });
    const b = await loadWorkshopsDemo(second, { seed: 7 });
    expect(b).toEqual(a);
    const titles = async (ctx: typeof first) => (await ctx.db.programmes.toArray()).map((p) => p.title).sort();
    expect(await titles(second)).toEqual(await titles(first));
  });

  it('gives an establishment its profile and enrols detainees it records when it has none', async () => {
    const establishment: SiteSetupInput = {
      kind: 'etablissement',
      code: 'CP-NANCY',
      name: 'Centre pénitentiaire de Nancy-Maxéville',
      departement: '54',
      userName: 'Karim Benali',
    };
    const ctx = await testContext(establishment);
    const result = await loadWorkshopsDemo(ctx);
    expect(result.establishmentProfile).toBe(true);
    expect(await ctx.db.establishmentProfiles.count()).toBe(1);
    expect(await ctx.db.persons.count()).toBe(15);
    expect(result.enrolments).toBeGreaterThan(0);
    expect((await ctx.db.establishmentProfiles.toArray())[0]).toMatchObject({ communeName: 'Nancy', departement: '54' });
  });

  it('follows the TIG demonstration data, its TIG pédagogique hours landing on the measures', async () => {
    const ctx = await testContext();
    await loadDemoData(ctx, { seed: 1 });
    const steps: string[] = [];
    const summary = await writeTransaction(ctx, (w) => loadWorkshopsDemoIn(w, { seed: 1, onProgress: (p) => steps.push(p.step) }));
    expect(steps[steps.length - 1]).toBe('Terminé');
    const tigLogs = await ctx.db.hourLogs.filter((l) => l.attendanceId !== undefined && !l.deleted).toArray();
    expect(tigLogs.length).toBeGreaterThan(0);
    for (const log of tigLogs) {
      const attendance = await ctx.db.attendance.get(log.attendanceId!);
      const enrolment = await ctx.db.enrolments.get(attendance!.enrolmentId);
      expect([attendance!.present, attendance!.hours, attendance!.date, enrolment!.measureId]).toEqual([true, log.hours, log.date, log.measureId]);
    }
    expect(summary.attendance).toBe(await ctx.db.attendance.count());
    // The town of the local convention is the one of the town halls hosting under it, in Lorraine with the rest.
    const town = (await ctx.db.partners.toArray()).find((p) => p.kind === 'collectivite')!;
    const convention = (await ctx.db.agreements.toArray()).find((a) => a.partnerId === town.id)!;
    const hosts = await ctx.db.organisations.filter((o) => o.agreementId === convention.id).toArray();
    expect(hosts.length).toBeGreaterThan(0);
    expect(town.name).toBe(`Ville ${ofPlace(hosts[0]!.communeName!)}`);
    expect(['54', '55', '57', '88']).toContain(hosts[0]!.departement);
    const review = (await siteAnnualReview(ctx, 2026))!;
    const tig = review.tables.find((t) => t.id === 'programmes')!.rows.find((r) => r.programmeKind === 'TIG pédagogique')!;
    expect(tig.participants).toBeGreaterThan(0);
  });

  it('installs the national reference list at headquarters, and nothing else', async () => {
    const ctx = await testContext({ kind: 'atigip', code: 'ATIGIP', name: 'ATIGIP', departement: '75', userName: 'Claire Siège' });
    expect(await loadWorkshopsDemo(ctx)).toMatchObject({ partners: 12, agreements: 8, programmes: 0 });
    expect(await ctx.db.programmes.count()).toBe(0);
  });
});
