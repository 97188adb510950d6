import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';

/**
 * Draws build/icon.png, the application icon electron-builder turns into the Windows .ico and the Linux
 * icons: a white bridge on the State's blue, a red line of water. Run `node build/make-icon.ts` after a
 * change; the PNG is committed so packaging needs no drawing tool.
 */

const SIZE = 512;
const SAMPLES = 4;
type Rgba = [number, number, number, number];
const BLUE: Rgba = [0, 0, 145, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const RED: Rgba = [225, 0, 15, 255];
const CLEAR: Rgba = [0, 0, 0, 0];

const inside = (x: number, y: number, x0: number, y0: number, x1: number, y1: number) => x >= x0 && x <= x1 && y >= y0 && y <= y1;

function insideRoundedSquare(x: number, y: number): boolean {
  const margin = 0.04;
  const radius = 0.18;
  if (!inside(x, y, margin, margin, 1 - margin, 1 - margin)) return false;
  const cx = Math.min(Math.max(x, margin + radius), 1 - margin - radius);
  const cy = Math.min(Math.max(y, margin + radius), 1 - margin - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}

function colourAt(x: number, y: number): Rgba {
  if (!insideRoundedSquare(x, y)) return CLEAR;
  const deck = inside(x, y, 0.14, 0.36, 0.86, 0.43);
  const pillars = inside(x, y, 0.14, 0.36, 0.21, 0.78) || inside(x, y, 0.79, 0.36, 0.86, 0.78);
  const distance = Math.hypot(x - 0.5, y - 0.78);
  const arch = y <= 0.78 && distance <= 0.36 && distance >= 0.29;
  if (deck || pillars || arch) return WHITE;
  if (inside(x, y, 0.14, 0.8, 0.86, 0.85)) return RED;
  return BLUE;
}

function pixels(): Buffer {
  const rowBytes = SIZE * 4 + 1;
  const raw = Buffer.alloc(rowBytes * SIZE);
  for (let py = 0; py < SIZE; py++) {
    raw[py * rowBytes] = 0;
    for (let px = 0; px < SIZE; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const c = colourAt((px + (sx + 0.5) / SAMPLES) / SIZE, (py + (sy + 0.5) / SAMPLES) / SIZE);
          // Premultiplied sums, so transparent samples do not darken the edges.
          for (let i = 0; i < 3; i++) sum[i]! += c[i]! * c[3];
          sum[3]! += c[3];
        }
      }
      const alpha = sum[3]!;
      const offset = py * rowBytes + 1 + px * 4;
      for (let i = 0; i < 3; i++) raw[offset + i] = alpha === 0 ? 0 : Math.round(sum[i]! / alpha);
      raw[offset + 3] = Math.round(alpha / (SAMPLES * SAMPLES));
    }
  }
  return raw;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(pixels(), { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(join(import.meta.dirname, 'icon.png'), png);
