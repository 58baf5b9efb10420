import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ScratchnetError } from '../errors/scratchnet-error.ts';
import { Matrix } from '../tensor/matrix.ts';
import type { PlotRange } from './plot-range.ts';
import { discreteValue, renderRegressionSurface, valueColor } from './regression-surface.ts';

/** Neither symmetric in x and y nor in sign: a swapped, flipped or shifted grid draws another picture. */
const skewed = (grid: Matrix) =>
  Matrix.fromRows(
    Array.from({ length: grid.rows }, (_, r) => {
      const x = grid.data[2 * r];
      const y = grid.data[2 * r + 1];
      return [Math.tanh(1.7 * x - 0.6 * y + 0.9 * x * y - 0.2)];
    }),
  );

const pixel = (image: { width: number; data: Uint8ClampedArray }, i: number, j: number) => {
  const at = 4 * (j * image.width + i);
  return [image.data[at], image.data[at + 1], image.data[at + 2]];
};

/** The data point at the centre of pixel (i, j), worked out here rather than with pixelToData. */
function centre(range: PlotRange, width: number, height: number, i: number, j: number) {
  return Matrix.fromRows([
    [
      range.xMin + ((i + 0.5) / width) * (range.xMax - range.xMin),
      range.yMax - ((j + 0.5) / height) * (range.yMax - range.yMin),
    ],
  ]);
}

test('valueColor: white at 0, the full colour at ±1, clamped beyond, white for a non-finite value', () => {
  assert.deepEqual(valueColor(0), [255, 255, 255]);
  assert.deepEqual(valueColor(1), [208, 101, 43]);
  assert.deepEqual(valueColor(-1), [47, 111, 181]);
  assert.deepEqual(valueColor(7), valueColor(1));
  assert.deepEqual(valueColor(-7), valueColor(-1));
  assert.deepEqual(valueColor(Number.NaN), [255, 255, 255]);
  // halfway: 255 + (208 − 255)·0.5 = 231.5 → 232, 255 + (101 − 255)·0.5 = 178, 255 + (43 − 255)·0.5 = 149
  assert.deepEqual(valueColor(0.5), [232, 178, 149]);
});

test('every pixel is valueColor of the prediction at its centre, on a wide picture of an off-centre range', () => {
  const range = { xMin: -3, xMax: 1, yMin: 0.5, yMax: 2.5 };
  const [width, height] = [40, 20];
  const image = renderRegressionSurface(skewed, { width, height, range });
  assert.deepEqual([image.width, image.height], [width, height]);
  const seen = new Set<string>();
  for (let j = 0; j < height; j++) {
    for (let i = 0; i < width; i++) {
      const expected = valueColor(skewed(centre(range, width, height, i, j)).data[0]);
      assert.deepEqual(pixel(image, i, j), expected, `pixel ${i},${j}`);
      seen.add(expected.join());
    }
  }
  assert.ok(seen.size > 100, `${seen.size} colours: a picture with room to be wrong`);
});

test('with cells, each block of pixels takes the prediction at the block centre; batches change nothing', () => {
  const range = { xMin: -1, xMax: 1, yMin: -1, yMax: 1 };
  const options = { width: 30, height: 30, range, cellSize: 3 };
  const image = renderRegressionSurface(skewed, options);
  for (let j = 0; j < 30; j++) {
    for (let i = 0; i < 30; i++) {
      const [ci, cj] = [3 * Math.floor(i / 3) + 1, 3 * Math.floor(j / 3) + 1]; // centre pixel of the block
      const expected = valueColor(skewed(centre(range, 30, 30, ci, cj)).data[0]);
      assert.deepEqual(pixel(image, i, j), expected, `pixel ${i},${j}`);
    }
  }
  let calls = 0;
  const counted = (grid: Matrix) => {
    calls++;
    return skewed(grid);
  };
  const batched = renderRegressionSurface(counted, { ...options, batchSize: 7 });
  assert.equal(calls, Math.ceil(100 / 7));
  assert.deepEqual(batched.data, image.data);
});

test('discretized: every pixel the full colour of its prediction’s sign', () => {
  const range = { xMin: -1, xMax: 1, yMin: -1, yMax: 1 };
  const image = renderRegressionSurface(skewed, { width: 24, height: 24, range, discrete: true });
  const colours = new Set<string>();
  for (let j = 0; j < 24; j++) {
    for (let i = 0; i < 24; i++) {
      const value = skewed(centre(range, 24, 24, i, j)).data[0];
      assert.deepEqual(pixel(image, i, j), valueColor(discreteValue(value)), `pixel ${i},${j}`);
      colours.add(pixel(image, i, j).join());
    }
  }
  assert.equal(colours.size, 2);
});

test('a training point is a dot of its target’s colour, a validation point a ring with a white centre', () => {
  const flat = (grid: Matrix) => Matrix.zeros(grid.rows, 1);
  const range = { xMin: -1, xMax: 1, yMin: -1, yMax: 1 };
  const image = renderRegressionSurface(flat, {
    // radius 700 / 140 = 5: a dot of radius 4 in an outline, a ring 2.75..5 around a white centre
    width: 700,
    height: 700,
    range,
    train: { X: Matrix.fromRows([[-0.5, 0.5]]), y: Matrix.fromRows([[-1]]) },
    validation: { X: Matrix.fromRows([[0.5, -0.5]]), y: Matrix.fromRows([[1]]) },
  });
  assert.deepEqual(pixel(image, 175, 175), valueColor(-1), 'training dot at (−0.5, 0.5)');
  assert.deepEqual(pixel(image, 525, 525), [255, 255, 255], 'validation ring centre at (0.5, −0.5)');
  assert.deepEqual(pixel(image, 528, 525), valueColor(1), 'its ring');
  assert.deepEqual(pixel(image, 5, 695), [255, 255, 255], 'the surface: 0 is white');
});

test('points and predictions of the wrong shape are refused with SHAPE_MISMATCH', () => {
  const badPoints = () =>
    renderRegressionSurface(skewed, {
      width: 8,
      height: 8,
      train: { X: Matrix.zeros(3, 2), y: Matrix.zeros(2, 1) },
    });
  assert.throws(badPoints, (e) => e instanceof ScratchnetError && e.code === 'SHAPE_MISMATCH');
  const twoOutputs = () => renderRegressionSurface((grid) => Matrix.zeros(grid.rows, 2), { width: 8 });
  assert.throws(twoOutputs, (e) => e instanceof ScratchnetError && /returned \d+x2/.test(e.message));
});

test('discretized values: 0 counts as positive on the surface as on the sine curve, NaN stays white', () => {
  assert.deepEqual([0, -0, 1e-30, -1e-30, 5, Number.NaN].map(discreteValue), [1, 1, 1, -1, 1, 0]);
});
