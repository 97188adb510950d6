import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Deflate, Inflate } from '../../shared/ports/deflate.ts';

/** Bundle payloads compressed by Node's zlib (native), at the level fflate uses in shared/. */
export const nodeDeflate: Deflate = (data) => {
  const out = deflateRawSync(data, { level: 6 });
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
};

/** Bundle payloads decompressed by Node's zlib (about seven times faster than fflate), stopped past `maxBytes`. */
export const nodeInflate: Inflate = (data, maxBytes) => {
  let out: Buffer;
  try {
    out = inflateRawSync(data, { maxOutputLength: maxBytes });
  } catch (error) {
    if (error instanceof RangeError && (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return undefined;
    throw error;
  }
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
};
