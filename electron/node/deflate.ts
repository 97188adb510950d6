import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Deflate, Inflate } from '../../shared/ports/deflate.ts';

/** Bundle payloads compressed by Node's zlib (native), at the level fflate uses in shared/. */
export const nodeDeflate: Deflate = (data) => {
  const out = deflateRawSync(data, { level: 6 });
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
};

/** Bundle payloads decompressed by Node's zlib (native): what headquarters' import passes to `importBundle`. */
export const nodeInflate: Inflate = (data) => {
  const out = inflateRawSync(data);
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
};
