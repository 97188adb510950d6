import { describe, expect, it } from 'vitest';
import { testContext } from '../../test/support/memoryDb.ts';
import { writeTransaction } from '../repos/writer.ts';
import { cachingWriter } from './cachingWriter.ts';

const person = { lastName: 'Durand', firstName: 'Lou', birthDate: '1990-01-01', caseNumber: 'D-1' };

describe('caching writer (demo data)', () => {
  it('reads a record from the database once, then from memory', async () => {
    const ctx = await testContext();
    const id = (await writeTransaction(ctx, (w) => w.insert('person', person))).id;
    let reads = 0;
    await writeTransaction(ctx, async (transaction) => {
      const w = cachingWriter({ ...transaction, get: (entity, key) => (reads++, transaction.get(entity, key)) });
      expect((await w.get('person', id))?.lastName).toBe('Durand');
      expect((await w.get('person', id))?.lastName).toBe('Durand');
      expect(await w.get('person', 'absent')).toBeUndefined();
      expect(await w.get('person', 'absent')).toBeUndefined();
    });
    expect(reads).toBe(2);
  });

  it('gives back what was last written: created, updated, removed', async () => {
    const ctx = await testContext();
    await writeTransaction(ctx, async (transaction) => {
      const w = cachingWriter(transaction);
      const created = await w.insert('person', person);
      expect(await w.get('person', created.id)).toEqual(created);
      const [other] = await w.insertMany('person', [{ ...person, caseNumber: 'D-2' }]);
      await w.get('person', other!.id);
      await w.update('person', created.id, { firstName: 'Noa' });
      await w.updateMany('person', [{ id: other!.id, patch: { firstName: 'Sacha' } }]);
      expect((await w.get('person', created.id))?.firstName).toBe('Noa');
      expect((await w.get('person', other!.id))?.firstName).toBe('Sacha');
      await w.remove('person', created.id);
      expect((await w.get('person', created.id))?.deleted).toBe(true);
      await w.setBinned('person', [other!.id], { at: '2026-11-25T10:00:00.000Z', root: other!.id, by: 'Camille Martin' });
      expect((await w.get('person', other!.id))?.binned).toBeDefined();
    });
  });
});
