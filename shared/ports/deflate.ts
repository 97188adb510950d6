import { deflateSync, Gzip, Inflate as FflateInflate } from 'fflate';

/** Raw DEFLATE (RFC 1951), as a bundle carries its payload. */
export type Deflate = (data: Uint8Array) => Uint8Array;

/**
 * fflate at level 6: plain JavaScript, runs anywhere. Node passes its own zlib instead
 * (electron/node/deflate.ts), about five times faster; any inflater reads either.
 */
export const fflateDeflate: Deflate = (data) => deflateSync(data, { level: 6 });

/**
 * Raw DEFLATE decompression that stops as soon as the output passes `maxBytes` and then returns undefined, so a
 * few megabytes that expand to gigabytes (a "bomb") never take the memory. Throws on data that is not DEFLATE.
 */
export type Inflate = (data: Uint8Array, maxBytes: number) => Uint8Array | undefined;

class TooLarge extends Error {}

/** Compressed bytes fed per step: one step outputs at most about a thousand times this (DEFLATE's ceiling). */
const STEP = 16 * 1024;

/** fflate's streaming inflater, fed a step at a time and stopped past the limit. */
export const fflateInflate: Inflate = (data, maxBytes) => {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const inflater = new FflateInflate((chunk) => {
    total += chunk.length;
    if (total > maxBytes) throw new TooLarge();
    chunks.push(chunk);
  });
  try {
    for (let at = 0; at < data.length; at += STEP) inflater.push(data.subarray(at, at + STEP), at + STEP >= data.length);
    if (data.length === 0) inflater.push(data, true);
  } catch (error) {
    if (error instanceof TooLarge) return undefined;
    throw error;
  }
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
};

/** A gzip file (RFC 1952) written chunk by chunk, so a large export is never held uncompressed. */
export interface GzipWriter {
  push(chunk: Uint8Array): void;
  /** The whole file, once the last chunk is pushed. */
  end(): Uint8Array;
}

/**
 * fflate's gzip at level 9, without time stamp or file name: plain JavaScript, runs anywhere. Node passes its own
 * zlib instead (electron/node/deflate.ts), about four times faster.
 */
export function fflateGzip(): GzipWriter {
  const out: Uint8Array[] = [];
  const gzip = new Gzip({ level: 9, mtime: 0 }, (chunk) => void out.push(chunk));
  let last: Uint8Array | undefined;
  return {
    push(chunk) {
      if (last) gzip.push(last);
      last = chunk;
    },
    end() {
      gzip.push(last ?? new Uint8Array(0), true);
      let size = 0;
      for (const chunk of out) size += chunk.length;
      const bytes = new Uint8Array(size);
      let offset = 0;
      for (const chunk of out) {
        bytes.set(chunk, offset);
        offset += chunk.length;
      }
      return bytes;
    },
  };
}
