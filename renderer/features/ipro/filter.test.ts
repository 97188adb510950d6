import { describe, expect, it } from 'vitest';
import { filterFromForm } from './filter.ts';

describe('a company’s request', () => {
  it('reads French numbers and leaves out what is not asked', () => {
    expect(filterFromForm({ disp: '', domain: '', minProductionArea: '', minStorageArea: '' })).toEqual({ ok: true, filter: {} });
    expect(filterFromForm({ disp: 'lille', domain: 'dao', minProductionArea: '1 500', minStorageArea: '2,5' })).toEqual({
      ok: true,
      filter: { disp: 'lille', domain: 'dao', minProductionArea: 1500, minStorageArea: 2.5 },
    });
  });

  it('refuses a negative or unreadable area in French', () => {
    expect(filterFromForm({ disp: '', domain: '', minProductionArea: '-3', minStorageArea: '' })).toEqual({
      ok: false,
      message: 'Surface de production minimale : nombre de m² positif attendu (ex. 500).',
    });
    expect(filterFromForm({ disp: '', domain: '', minProductionArea: '', minStorageArea: 'beaucoup' })).toMatchObject({
      ok: false,
      message: /^Surface de stockage minimale/,
    });
  });
});
