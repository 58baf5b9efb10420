import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as zlib from 'node:zlib';
import fc from 'fast-check';
import { PNG } from 'pngjs';
import { createRgbaImage } from '../data/rgba-image.ts';
import { crc32Reference, encodePng } from './png-encoder.ts';

// pngjs, a full PNG decoder, is the independent reader: whatever it reads back must be the pixels given.
function decode(bytes: Uint8Array) {
  const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  return { width: png.width, height: png.height, data: [...png.data] };
}

test('any RGBA picture reads back pixel for pixel', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 9 }),
      fc.integer({ min: 1, max: 7 }),
      fc.infiniteStream(fc.integer({ min: 0, max: 255 })),
      (width, height, values) => {
        const image = createRgbaImage(width, height);
        const it = values[Symbol.iterator]();
        for (let i = 0; i < image.data.length; i++) image.data[i] = it.next().value as number;
        assert.deepEqual(decode(encodePng(image)), { width, height, data: [...image.data] });
      },
    ),
    { seed: 14, numRuns: 200 },
  );
});

test('chunks carry the CRC-32 of the spec: IEND ends in AE 42 60 82', () => {
  const bytes = encodePng(createRgbaImage(2, 2));
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  // the IEND chunk of every PNG: length 0, "IEND", CRC 0xAE426082 (the CRC of the four letters)
  assert.deepEqual([...bytes.subarray(-12)], [0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);
});

test('a wide picture of flat regions reads back and stays small', () => {
  const image = createRgbaImage(512, 64);
  for (let i = 0; i < image.data.length; i += 4) {
    const left = (i / 4) % 512 < 200;
    image.data.set(left ? [230, 240, 250, 255] : [250, 220, 200, 255], i);
  }
  const bytes = encodePng(image);
  assert.deepEqual(decode(bytes).data, [...image.data]);
  assert.ok(bytes.length < 2000, `${bytes.length} bytes for two flat regions`);
});

test('the annex D CRC-32 agrees with zlib on the check value and on any bytes', () => {
  // "123456789" → 0xCBF43926, the check value of CRC-32/ISO-HDLC
  assert.equal(crc32Reference(new TextEncoder().encode('123456789')), 0xcbf43926);
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
      assert.equal(crc32Reference(bytes), zlib.crc32(bytes));
    }),
    { seed: 14, numRuns: 100 },
  );
});
