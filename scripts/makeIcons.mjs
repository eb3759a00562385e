// Writes the app's PNG icons (public/icon-192.png, icon-512.png, icon-maskable-512.png) from the same
// drawing as public/favicon.svg: three bands (first, mutable, last LSMs) on the page's dark ground.
// PNGs for the web app manifest, which wants raster sizes; `node scripts/makeIcons.mjs` rewrites them.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const BG = [0x0b, 0x0f, 0x14];
const BANDS = [
  [6, [0x5c, 0xc8, 0xff]],
  [13.5, [0x7e, 0xe2, 0xa8]],
  [21, [0xc9, 0xa4, 0xff]],
];

/** Is (x, y) inside the rounded rectangle (x0, y0, w, h, r)? Coordinates in the SVG's 32-unit box. */
function inRound(x, y, x0, y0, w, h, r) {
  if (x < x0 || y < y0 || x > x0 + w || y > y0 + h) return false;
  const cx = Math.min(Math.max(x, x0 + r), x0 + w - r);
  const cy = Math.min(Math.max(y, y0 + r), y0 + h - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

/** RGBA pixels of the icon at `size`; `maskable` fills the corners and shrinks the drawing into the safe zone. */
function draw(size, maskable) {
  const px = Buffer.alloc(size * size * 4);
  const S = 4; // supersampling per axis
  for (let j = 0; j < size; j++)
    for (let i = 0; i < size; i++) {
      let r = 0,
        g = 0,
        b = 0,
        a = 0;
      for (let sy = 0; sy < S; sy++)
        for (let sx = 0; sx < S; sx++) {
          let x = ((i + (sx + 0.5) / S) / size) * 32;
          let y = ((j + (sy + 0.5) / S) / size) * 32;
          // A maskable icon keeps its drawing in the central 80% circle.
          if (maskable) {
            x = 16 + (x - 16) / 0.8;
            y = 16 + (y - 16) / 0.8;
          }
          const ground = maskable || inRound(x, y, 0, 0, 32, 32, 7);
          if (!ground) continue;
          let c = BG;
          for (const [top, col] of BANDS) if (inRound(x, y, 6, top, 20, 5, 1.5)) c = col;
          r += c[0];
          g += c[1];
          b += c[2];
          a += 255;
        }
      const n = S * S;
      const o = (j * size + i) * 4;
      const cover = a / n;
      // Colour averaged over covered samples, alpha over all.
      const k = a === 0 ? 0 : 255 / a;
      px[o] = Math.round(r * k);
      px[o + 1] = Math.round(g * k);
      px[o + 2] = Math.round(b * k);
      px[o + 3] = Math.round(cover);
    }
  return px;
}

const CRC = new Int32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});
const crc32 = (buf) => {
  let c = -1;
  for (const byte of buf) c = CRC[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
};
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const out = new URL('../public/', import.meta.url);
for (const [name, size, maskable] of [
  ['icon-192.png', 192, false],
  ['icon-512.png', 512, false],
  ['icon-maskable-512.png', 512, true],
])
  writeFileSync(new URL(name, out), png(size, draw(size, maskable)));
