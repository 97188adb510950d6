import { bytesToUtf8, utf8ToBytes } from '@noble/ciphers/utils.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { base64 } from '@scure/base';
import { fflateInflate } from '../ports/deflate.ts';

export { bytesToHex, hexToBytes };

/** File contents cross the bridge as base64 text (JSON over HTTP in the web host, IPC in the desktop app). */
export function toBase64(bytes: Uint8Array): string {
  return base64.encode(bytes);
}

export function fromBase64(text: string): Uint8Array {
  return base64.decode(text);
}

export function utf8(text: string): Uint8Array {
  return utf8ToBytes(text);
}

/** Decode UTF-8. What it decodes is authenticated afterwards (signature, AEAD), so damage is caught there. */
export function fromUtf8(bytes: Uint8Array): string {
  return bytesToUtf8(bytes);
}

export function u16(value: number): Uint8Array {
  const out = new Uint8Array(2);
  new DataView(out.buffer).setUint16(0, value);
  return out;
}

export function u32(value: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, value);
  return out;
}

export function readU16(bytes: Uint8Array, offset: number): number {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint16(offset);
}

export function readU32(bytes: Uint8Array, offset: number): number {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(offset);
}

/**
 * JSON with object keys sorted at every depth: the same value always gives the same text, which the
 * central export (byte-identical for the same state) and value comparisons in the merge rely on.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/**
 * Lines of UTF-8 JSON joined by `\n`, built without one huge intermediate string (bundles can be large): lines
 * are encoded a megabyte of text at a time, as encoding each short line alone costs more than the text.
 */
export function joinLines(lines: Iterable<string>): Uint8Array {
  const chunks: Uint8Array[] = [];
  let batch: string[] = [];
  let size = 0;
  for (const line of lines) {
    batch.push(line, '\n');
    size += line.length + 1;
    if (size >= 1 << 20) {
      chunks.push(utf8(batch.join('')));
      batch = [];
      size = 0;
    }
  }
  if (batch.length > 0) chunks.push(utf8(batch.join('')));
  return concatBytes(chunks);
}

/** Concatenate any number of chunks (spreading millions of arguments into one call would overflow the stack). */
export function concatBytes(chunks: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const c of chunks) length += c.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}

/**
 * Split `\n`-terminated UTF-8 lines without decoding the whole buffer as one string. A line longer than
 * `maxLineBytes` is never decoded: `undefined` stands for it.
 */
export function* splitLines(bytes: Uint8Array, maxLineBytes = Infinity): Generator<string | undefined> {
  let start = 0;
  while (start < bytes.length) {
    const found = bytes.indexOf(0x0a, start);
    const end = found === -1 ? bytes.length : found;
    yield end - start > maxLineBytes ? undefined : fromUtf8(bytes.subarray(start, end));
    start = end + 1;
  }
}

/** Decompress deflated bytes, or undefined when they are damaged or would expand past `limit` bytes (a bomb). */
export function inflateAtMost(compressed: Uint8Array, limit: number): Uint8Array | undefined {
  try {
    return fflateInflate(compressed, limit);
  } catch {
    return undefined;
  }
}
