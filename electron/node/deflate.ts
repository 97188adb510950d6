import { deflateRawSync } from 'node:zlib';
import type { Deflate } from '../../shared/ports/deflate.ts';

/** Bundle payloads compressed by Node's zlib (native), at the level fflate uses in shared/. */
export const nodeDeflate: Deflate = (data) => {
  const out = deflateRawSync(data, { level: 6 });
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
};
