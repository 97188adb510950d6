import { describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES } from '../../../shared/bridge/syncSchemas.ts';
import { errorMessage } from '../../../shared/errors.ts';
import { fileToPayload } from './files.ts';

describe('fileToPayload', () => {
  it('refuses a file above the bridge cap with a French message shown as it is', async () => {
    const file = new File(['x'], 'lot.bin');
    Object.defineProperty(file, 'size', { value: MAX_FILE_BYTES + 1 });
    const refusal = await fileToPayload(file).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(errorMessage(refusal)).toBe('lot.bin : fichier trop volumineux (128 Mo au plus).');
  });

  it('carries a file under the cap in base64', async () => {
    expect(await fileToPayload(new File(['abc'], 'cle.pub'))).toEqual({ name: 'cle.pub', base64: 'YWJj' });
  });
});
