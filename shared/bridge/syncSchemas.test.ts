import { describe, expect, it } from 'vitest';
import { siteFixture } from '../../test/support/sync.ts';
import { writeTransaction } from '../repos/writer.ts';
import { bundleInputFromPending, collectPending } from '../sync/site.ts';
import { pendingExport } from './syncSchemas.ts';

describe('a pending export crossing the bridge', () => {
  it('makes the bundle input the site collected, its absent clocks included, whichever host seals it', async () => {
    const site = await siteFixture();
    for (const name of ['Mairie de Nancy', 'Médiathèque de Laxou']) {
      await writeTransaction(site.ctx, (w) => w.insert('organisation', { name, kind: 'collectivite_territoriale', communeName: 'Nancy', departement: '54' }));
    }
    const collected = await collectPending(site.ctx);
    expect(collected.afterClock).toBeUndefined();
    const crossed = pendingExport.parse(JSON.parse(JSON.stringify(collected)));
    expect(bundleInputFromPending(crossed, 3, 1_764_064_800_000)).toStrictEqual({ ...collected, sequence: 3, createdAt: 1_764_064_800_000 });
  });

  it('refuses a record of an entity this version does not know', () => {
    const parsed = pendingExport.safeParse({
      site: { siteId: '019b0000-0000-7000-8000-000000000001', code: 'SPIP-54', name: 'SPIP 54', kind: 'spip', departement: '54' },
      changeCount: 1,
      records: [{ entity: 'inconnue', id: 'x', fields: {} }],
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe('Entité inconnue');
  });
});
