import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deflateSync } from 'node:zlib';
import { withCode } from '../../test/assertions.ts';
import { createRgbaImage } from '../data/rgba-image.ts';
import { scanlineBytes } from './png-checks.ts';
import { decodePng, encodePng } from './png-file.ts';

// PNGs built chunk by chunk, as an attacker would (PNG specification, 3rd edition, section 5).

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

function png(width: number, height: number, idat: Uint8Array, colourType = 6, interlace = 0): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, colourType, 0, 0, interlace], 8);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk('IHDR', ihdr),
    chunk('IDAT', idat),
    chunk('IEND', new Uint8Array()),
  ]);
}

test('a 69-byte PNG declaring 30000x30000 pixels is refused by its header, before inflating', () => {
  const bomb = png(30000, 30000, deflateSync(Buffer.alloc(1)));
  assert.ok(bomb.length < 70, `${bomb.length} bytes`);
  assert.throws(
    () => decodePng(bomb, '"bomb.png"'),
    withCode('BAD_DATA', '"bomb.png" declares 30000x30000 pixels (900.0 megapixels, 3.6 GB decoded)'),
  );
});

test('image data shorter than the image is refused instead of zero-filled', () => {
  // 4x4 RGBA: 4 scanlines of 1 filter byte + 16 bytes = 68 bytes; give 2 scanlines
  const short = png(4, 4, deflateSync(Buffer.alloc(34)));
  assert.throws(() => decodePng(short), withCode('BAD_DATA', 'holds 34 bytes, but 4x4 pixels need 68'));
  const cut = png(4, 4, deflateSync(Buffer.alloc(68)).subarray(0, 6));
  assert.throws(() => decodePng(cut), withCode('BAD_DATA', 'does not inflate'));
});

test('image data that inflates past the declared size stops there and is refused', () => {
  const bomb = png(4, 4, deflateSync(Buffer.alloc(5_000_000)));
  assert.throws(
    () => decodePng(bomb),
    withCode('BAD_DATA', 'inflates to more than the 68 bytes 4x4 pixels need'),
  );
});

test('a chunk longer than the file and a missing IHDR are refused', () => {
  const good = encodePng(createRgbaImage(2, 2));
  const long = Buffer.from(good);
  long.writeUInt32BE(0x7fffffff, 33); // the IDAT length, after signature (8) and IHDR (25)
  assert.throws(
    () => decodePng(long),
    withCode('BAD_DATA', 'declares 2147483647 bytes, more than the file holds'),
  );
  const noHeader = Buffer.concat([good.subarray(0, 8), good.subarray(33)]);
  assert.throws(() => decodePng(noHeader), withCode('BAD_DATA', 'does not start with an IHDR chunk'));
});

test('scanlineBytes: a filter byte per scanline, per Adam7 pass when interlaced (worked by hand)', () => {
  const rgb8 = { width: 8, height: 8, bitDepth: 8, colourType: 2, interlaced: false };
  assert.equal(scanlineBytes(rgb8), 8 * (1 + 8 * 3));
  // passes of 8x8: 1x1, 1x1, 2x1, 2x2, 4x2, 4x4, 8x4 → 4 + 4 + 7 + 14 + 26 + 52 + 100
  assert.equal(scanlineBytes({ ...rgb8, interlaced: true }), 207);
  // 1 bit per pixel, 9 wide: 2 bytes per row
  assert.equal(scanlineBytes({ width: 9, height: 3, bitDepth: 1, colourType: 0, interlaced: false }), 3 * 3);
});

test('a well-formed interlaced PNG still decodes (the size check agrees with the decoder)', () => {
  const image = decodePng(png(8, 8, deflateSync(Buffer.alloc(207, 0)), 2, 1));
  assert.equal(image.width, 8);
  assert.equal(image.data.length, 8 * 8 * 4);
});
