/**
 * Draws the toolbar icon (a speech bubble with a check mark: "they said so") at every size the
 * manifest names, as anti-aliased PNGs, with no image library. Run: node --experimental-strip-types scripts/make-icons.ts
 */
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(size: number, pixel: (x: number, y: number) => [number, number, number, number]): Buffer {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = pixel(x, y);
      const o = y * (size * 4 + 1) + 1 + x * 4;
      raw[o] = r;
      raw[o + 1] = g;
      raw[o + 2] = b;
      raw[o + 3] = a;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  ihdr[10] = 0;
  ihdr[11] = 0;
  ihdr[12] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
function segDist(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax,
    dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}
/** Coverage of the shape at a point in unit coordinates (0..1): 0 outside, 1 bubble, 2 check mark. */
function shape(u: number, v: number): number {
  const check = Math.min(segDist(u, v, 0.3, 0.47, 0.44, 0.61), segDist(u, v, 0.44, 0.61, 0.7, 0.33));
  if (check < 0.065) return 2;
  const inBody = Math.hypot(u - 0.5, v - 0.46) < 0.4;
  const inTail = v > 0.7 && v < 0.95 && u > 0.22 && u < 0.42 && u - 0.22 < (0.95 - v) * 0.8;
  return inBody || inTail ? 1 : 0;
}
const BUBBLE: [number, number, number] = [37, 99, 235];
for (const size of [16, 32, 48, 128]) {
  const ss = 4;
  const img = png(size, (x, y) => {
    let bubble = 0,
      mark = 0;
    for (let i = 0; i < ss; i++)
      for (let j = 0; j < ss; j++) {
        const s = shape((x + (i + 0.5) / ss) / size, (y + (j + 0.5) / ss) / size);
        if (s === 1) bubble++;
        if (s === 2) mark++;
      }
    const n = ss * ss;
    const a = (bubble + mark) / n;
    if (a === 0) return [0, 0, 0, 0];
    const w = mark / (bubble + mark);
    const c = BUBBLE.map((v) => Math.round(v * (1 - w) + 255 * w)) as [number, number, number];
    return [c[0], c[1], c[2], Math.round(a * 255)];
  });
  writeFileSync(new URL(`../public/icons/${size}.png`, import.meta.url), img);
}
console.log('icons written');
