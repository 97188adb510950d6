import { describe, expect, it } from 'vitest';
import { createOrganisation } from '../../shared/repos/organisations.ts';
import { buildBundle } from '../../shared/sync/bundle.ts';
import { bundleInputFromPending, collectPending } from '../../shared/sync/site.ts';
import { decryptedText, hqFixture, siteFixture } from '../../test/support/sync.ts';
import { deflateSync } from 'fflate';
import { fflateGzip, fflateInflate } from '../../shared/ports/deflate.ts';
import { utf8 } from '../../shared/sync/bytes.ts';
import { gunzipSync } from 'node:zlib';
import { nodeDeflate, nodeGzip, nodeInflate } from './deflate.ts';

describe('bundles compressed by Node’s zlib', () => {
  it('open at headquarters with the same payload as those compressed by fflate', async () => {
    const hq = await hqFixture();
    const site = await siteFixture();
    for (let i = 0; i < 50; i++)
      await createOrganisation(site.ctx, { name: `Mairie n° ${i}`, kind: 'collectivite_territoriale', communeName: 'Nancy', departement: '54' });
    const input = bundleInputFromPending(await collectPending(site.ctx), 1, site.ctx.clock.now());
    const native = buildBundle(input, site.siteKeys, hq.pub, nodeDeflate);
    const portable = buildBundle(input, site.siteKeys, hq.pub);
    expect(decryptedText(native.bytes, hq.keyring)).toBe(decryptedText(portable.bytes, hq.keyring));
    expect(decryptedText(native.bytes, hq.keyring).split('\n').filter(Boolean)).toHaveLength(50);
    expect(hq.import({ name: native.fileName, bytes: native.bytes })).toMatchObject({ status: 'accepted', records: 50 });
  });
});

describe('payloads decompressed by Node’s zlib', () => {
  it('give what fflate gives, and stop past the limit as fflate does', () => {
    const text = utf8('{"entity":"organisation"}\n'.repeat(2000));
    for (const compressed of [deflateSync(text), nodeDeflate(text)]) {
      expect(nodeInflate(compressed, text.length)).toEqual(fflateInflate(compressed, text.length));
      expect(nodeInflate(compressed, text.length)).toEqual(text);
      expect(nodeInflate(compressed, text.length - 1)).toBeUndefined();
    }
    // Sixty-four megabytes of zeros (64 kilobytes compressed) stop at one megabyte.
    expect(nodeInflate(nodeDeflate(new Uint8Array(64 * 1024 * 1024)), 1024 * 1024)).toBeUndefined();
    expect(() => nodeInflate(utf8('pas du deflate'), 1000)).toThrow();
  });
});

describe('gzip files written chunk by chunk by Node’s zlib', () => {
  const line = (i: number) => `{"entity":"measure","id":"m${i}","hours":${i % 120}}\n`;
  const chunks = [0, 1, 5000, 20000].map((n) => utf8(Array.from({ length: n }, (_, i) => line(i)).join('')));

  it('read back whole, as fflate’s do, whatever the chunks, and give the same bytes for the same chunks', () => {
    for (const parts of [[], [chunks[0]!], chunks, [chunks[3]!, chunks[1]!, chunks[0]!, chunks[2]!]]) {
      const whole = Buffer.concat(parts);
      for (const writer of [nodeGzip, fflateGzip]) {
        const once = writer();
        for (const part of parts) once.push(part);
        const bytes = once.end();
        expect(gunzipSync(bytes).equals(whole)).toBe(true);
        const again = writer();
        for (const part of parts) again.push(part);
        expect(Buffer.from(again.end()).equals(Buffer.from(bytes))).toBe(true);
      }
    }
  });

  it('say their length and CRC-32 in the trailer, so a damaged file is refused when read', () => {
    const writer = nodeGzip();
    writer.push(chunks[2]!);
    const bytes = Uint8Array.from(writer.end());
    bytes[bytes.length - 6] = (bytes[bytes.length - 6] as number) ^ 1;
    expect(() => gunzipSync(bytes)).toThrow();
  });
});
