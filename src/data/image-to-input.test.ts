import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ScratchnetError } from '../errors/scratchnet-error.ts';
import { imageToInput } from './image-to-input.ts';
import { createRgbaImage, type RgbaImage } from './rgba-image.ts';

/** A grey image whose pixel (x, y) is grey(x, y), opaque. */
function greyImage(width: number, height: number, grey: (x: number, y: number) => number): RgbaImage {
  const image = createRgbaImage(width, height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = grey(x, y);
      image.data.set([v, v, v, 255], (y * width + x) * 4);
    }
  }
  return image;
}

const at = (pixels: Uint8Array, x: number, y: number) => pixels[y * 28 + x];

describe('imageToInput', () => {
  test('a dark 28x28 grey image is kept as it is and scaled to (x - 127.5) / 127.5', () => {
    const grey = (x: number, y: number) => (x + 28 * y) % 100;
    const { input, pixels, inverted } = imageToInput(greyImage(28, 28, grey));
    assert.equal(inverted, false);
    for (let y = 0; y < 28; y++) {
      for (let x = 0; x < 28; x++) {
        assert.equal(at(pixels, x, y), grey(x, y));
        assert.equal(input[y * 28 + x], Math.fround((grey(x, y) - 127.5) / 127.5));
      }
    }
    assert.equal(imageToInput(greyImage(28, 28, () => 0)).input[0], -1);
  });

  test('shrinking averages the area: each 2x2 block of a 56x56 image becomes its mean', () => {
    // block (X, Y) holds a, a+2, a+4, a+6 with a = 4(X+Y) mod 80: mean a + 3
    const base = (x: number, y: number) => (4 * (Math.floor(x / 2) + Math.floor(y / 2))) % 80;
    const { pixels } = imageToInput(greyImage(56, 56, (x, y) => base(x, y) + 2 * (x % 2) + 4 * (y % 2)));
    for (let Y = 0; Y < 28; Y++)
      for (let X = 0; X < 28; X++) assert.equal(at(pixels, X, Y), ((4 * (X + Y)) % 80) + 3);
  });

  test('a non-square image is squashed to 28x28, each axis resampled on its own', () => {
    // 56 wide, 28 tall: columns 2X and 2X+1 hold c and c + 2, so output column X is c + 1
    const { pixels } = imageToInput(greyImage(56, 28, (x) => 3 * Math.floor(x / 2) + 2 * (x % 2)));
    for (let y = 0; y < 28; y++) for (let X = 0; X < 28; X++) assert.equal(at(pixels, X, y), 3 * X + 1);
  });

  test('enlarging interpolates bilinearly between pixel centres', () => {
    // 14 columns 0, 10, …, 130; output column i samples source x = i/2 − 1/4 (clamped to [0, 13])
    const { pixels } = imageToInput(greyImage(14, 14, (x) => 10 * x));
    assert.deepEqual(
      [0, 1, 2, 3, 26, 27].map((i) => at(pixels, i, 5)),
      [0, 3, 8, 13, 128, 130], // 0, round(2.5), round(7.5), round(12.5), round(127.5), 130
    );
  });

  test('a light background is inverted (a dark garment photographed on white)', () => {
    const photo = greyImage(30, 30, (x, y) => (x >= 10 && x < 20 && y >= 10 && y < 20 ? 0 : 255));
    const { pixels, input, inverted } = imageToInput(photo);
    assert.equal(inverted, true);
    assert.equal(at(pixels, 0, 0), 0); // the white border became black, as the data set's backgrounds
    assert.equal(at(pixels, 14, 14), 255); // the black square became white
    assert.equal(input[0], -1);
    assert.equal(imageToInput(photo, { invert: false }).pixels[0], 255);
  });

  test('transparency is composited over white before the greyscale', () => {
    // black at alpha 51/255 = 0.2 over white: 0.8 · 255 = 204, light, so inverted to 51
    const image = createRgbaImage(28, 28);
    for (let i = 0; i < 28 * 28; i++) image.data[i * 4 + 3] = 51;
    const { pixels, inverted } = imageToInput(image);
    assert.equal(inverted, true);
    assert.ok(pixels.every((v) => v === 51));
    // fully transparent is white, inverted to black
    assert.ok(imageToInput(createRgbaImage(5, 5)).pixels.every((v) => v === 0));
  });

  test('colour becomes luma: 0.299 R + 0.587 G + 0.114 B', () => {
    const image = createRgbaImage(28, 28);
    for (let i = 0; i < 28 * 28; i++) image.data.set([100, 50, 200, 255], i * 4);
    assert.equal(imageToInput(image).pixels[0], Math.round(0.299 * 100 + 0.587 * 50 + 0.114 * 200));
  });

  test('an image whose bytes do not match its size is refused', () => {
    const broken = { width: 10, height: 10, data: new Uint8ClampedArray(12) };
    assert.throws(
      () => imageToInput(broken),
      (e) => e instanceof ScratchnetError && /10x10 with 12 bytes/.test(e.message),
    );
  });
});
