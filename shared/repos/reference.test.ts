import { describe, expect, it } from 'vitest';
import { testContext } from '../../test/support/memoryDb.ts';
import type { ReferenceData } from '../schemas/referenceData.ts';
import { pendingChangeCount } from './changes.ts';
import { applyReferenceData, REFERENCE_AUTHOR, referenceActivityDomains, referenceSites, referenceSummary } from './reference.ts';
import { writeTransaction } from './writer.ts';

const hqSite = '019b0000-0000-7000-8000-0000000000a1';
const line = (id: string, name: string) => ({
  entity: 'organisation',
  id,
  siteId: hqSite,
  updatedAt: '2026-11-20T09:00:00.000Z-0000-019b0000-0000-7000-8000-0000000000d1',
  name,
  kind: 'organisme_public',
  communeName: 'Paris',
  departement: '75',
});

function reference(issuedAt: string, records: Record<string, Record<string, unknown>[]>): ReferenceData {
  return {
    kind: 'passerelle-reference',
    issuedAt,
    activityDomains: [{ code: 'espaces_verts', label: 'Espaces verts' }],
    sites: [{ siteId: hqSite, code: 'ATIGIP', name: 'ATIGIP', kind: 'atigip', departement: '75' }],
    records,
  };
}

const a = '019b0000-0000-7000-8000-0000000000b1';
const b = '019b0000-0000-7000-8000-0000000000b2';

describe('reference data on a site', () => {
  it('writes the national records, the domains and the site directory without entering the change log', async () => {
    const ctx = await testContext();
    const outcome = await applyReferenceData(
      ctx,
      reference('2026-11-25T08:00:00.000Z', { organisation: [line(a, 'RATP'), line(b, 'La Poste')], futureEntity: [{ id: 'x' }] }),
    );
    expect(outcome).toMatchObject({ applied: true, summary: { records: { organisation: 2 }, skipped: ['futureEntity'], sites: 1, activityDomains: 1 } });
    expect(await ctx.db.organisations.get(a)).toMatchObject({ name: 'RATP', siteId: hqSite, updatedBy: REFERENCE_AUTHOR });
    expect(await pendingChangeCount(ctx)).toBe(0);
    expect(await referenceSites(ctx)).toEqual([{ siteId: hqSite, code: 'ATIGIP', name: 'ATIGIP', kind: 'atigip', departement: '75' }]);
    expect(await referenceActivityDomains(ctx)).toEqual([{ code: 'espaces_verts', label: 'Espaces verts' }]);
    expect((await referenceSummary(ctx))?.issuedAt).toBe('2026-11-25T08:00:00.000Z');
  });

  it('turns a record headquarters no longer publishes into a tombstone, and never touches the site’s own records', async () => {
    const ctx = await testContext();
    const own = await writeTransaction(ctx, (w) =>
      w.insert('organisation', { name: 'Mairie de Nancy', kind: 'collectivite_territoriale', communeName: 'Nancy', departement: '54' }),
    );
    await applyReferenceData(ctx, reference('2026-11-25T08:00:00.000Z', { organisation: [line(a, 'RATP'), line(b, 'La Poste')] }));
    await applyReferenceData(ctx, reference('2026-11-26T08:00:00.000Z', { organisation: [{ ...line(a, 'RATP – Régie autonome des transports parisiens') }] }));
    expect(await ctx.db.organisations.get(a)).toMatchObject({ name: 'RATP – Régie autonome des transports parisiens' });
    expect(await ctx.db.organisations.get(b)).toMatchObject({ deleted: true });
    expect(await ctx.db.organisations.get(own.id)).toEqual(own);
    expect(await pendingChangeCount(ctx)).toBe(1);
  });

  it('ignores a file not newer than the one applied', async () => {
    const ctx = await testContext();
    await applyReferenceData(ctx, reference('2026-11-26T08:00:00.000Z', { organisation: [line(a, 'RATP')] }));
    const older = await applyReferenceData(ctx, reference('2026-11-25T08:00:00.000Z', { organisation: [] }));
    expect(older).toMatchObject({ applied: false, reason: expect.stringContaining('pas plus récentes') });
    expect(await ctx.db.organisations.get(a)).toMatchObject({ name: 'RATP' });
  });

  it('refuses the whole file when one record is invalid, leaving the lists as they were', async () => {
    const ctx = await testContext();
    await applyReferenceData(ctx, reference('2026-11-25T08:00:00.000Z', { organisation: [line(a, 'RATP')] }));
    const bad = { ...line(b, 'La Poste'), departement: '999' };
    await expect(applyReferenceData(ctx, reference('2026-11-26T08:00:00.000Z', { organisation: [line(a, 'RATP 2'), bad] }))).rejects.toThrow(
      /Structure d’accueil 2 invalide/,
    );
    expect(await ctx.db.organisations.get(a)).toMatchObject({ name: 'RATP' });
    expect((await referenceSummary(ctx))?.issuedAt).toBe('2026-11-25T08:00:00.000Z');
  });
});
