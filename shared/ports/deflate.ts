import { deflateSync, inflateSync } from 'fflate';

/** Raw DEFLATE (RFC 1951), as a bundle carries its payload. */
export type Deflate = (data: Uint8Array) => Uint8Array;
/** The reverse of `Deflate`: throws on bytes that are not raw DEFLATE. */
export type Inflate = (data: Uint8Array) => Uint8Array;

/**
 * fflate at level 6: plain JavaScript, runs anywhere. Node passes its own zlib instead
 * (electron/node/deflate.ts), about five times faster; any inflater reads either.
 */
export const fflateDeflate: Deflate = (data) => deflateSync(data, { level: 6 });

/** fflate's inflater; Node passes its zlib instead (`nodeInflate`), about seven times faster. */
export const fflateInflate: Inflate = (data) => inflateSync(data);
