#!/usr/bin/env node
// Draws the extension's icon (images/icon.png, 128x128 RGBA) with no dependency: a spec sheet
// with rule lines and a tick on a rounded square. 4x4 supersampling for smooth edges.
//   node scripts/make-icon.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const SIZE = 128;
const SS = 4;
const out = resolve(fileURLToPath(import.meta.url), '../../images/icon.png');

const rgba = (hex, a = 255) => [parseInt(hex.slice(1, 3), 16), parseInt(hex.slice(3, 5), 16), parseInt(hex.slice(5, 7), 16), a];
const BG = rgba('#1f4e79');
const SHEET = rgba('#f5f7fa');
const FOLD = rgba('#c9d3de');
const LINE = rgba('#8fa1b3');
const TICK = rgba('#2e9e5b');

function roundRect(x, y, x0, y0, x1, y1, r) {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

/** Distance from a point to a segment. */
function segDist(px, py, ax, ay, bx, by) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** The colour at a point (in 128-unit coordinates), or null for transparent. */
function colourAt(x, y) {
  let c = null;
  if (roundRect(x, y, 4, 4, 124, 124, 22)) c = BG;
  // The sheet, its top right corner folded along the diagonal (70,18)-(90,38).
  const cut = x > 70 && y < 38 && x - 70 > y - 18;
  const inSheet = roundRect(x, y, 30, 18, 90, 108, 5) && !cut;
  if (inSheet) c = SHEET;
  if (x >= 70 && x <= 90 && y >= 18 && y <= 38 && x - 70 <= y - 18) c = FOLD;
  // Rule lines on the sheet.
  if (inSheet) {
    for (const [ly, len] of [
      [46, 40],
      [58, 34],
      [70, 40],
    ]) {
      if (segDist(x, y, 40, ly, 40 + len, ly) <= 2.6) c = LINE;
    }
  }
  // The tick, over the sheet's lower right.
  const tick = Math.min(segDist(x, y, 62, 86, 74, 98), segDist(x, y, 74, 98, 100, 68));
  if (tick <= 8.5) c = rgba('#ffffff');
  if (tick <= 5.5) c = TICK;
  return c;
}

const raw = Buffer.alloc((SIZE * 4 + 1) * SIZE);
for (let py = 0; py < SIZE; py++) {
  raw[py * (SIZE * 4 + 1)] = 0; // filter: none
  for (let px = 0; px < SIZE; px++) {
    let r = 0;
    let g = 0;
    let b = 0;
    let a = 0;
    for (let sy = 0; sy < SS; sy++) {
      for (let sx = 0; sx < SS; sx++) {
        const c = colourAt(px + (sx + 0.5) / SS, py + (sy + 0.5) / SS);
        if (!c) continue;
        r += c[0] * c[3];
        g += c[1] * c[3];
        b += c[2] * c[3];
        a += c[3];
      }
    }
    const o = py * (SIZE * 4 + 1) + 1 + px * 4;
    raw[o] = a ? Math.round(r / a) : 0;
    raw[o + 1] = a ? Math.round(g / a) : 0;
    raw[o + 2] = a ? Math.round(b / a) : 0;
    raw[o + 3] = Math.round(a / (SS * SS));
  }
}

const CRC_TABLE = new Uint32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(SIZE, 0);
ihdr.writeUInt32BE(SIZE, 4);
ihdr[8] = 8; // bit depth
ihdr[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, png);
console.log(`${out}: ${png.length} bytes`);
