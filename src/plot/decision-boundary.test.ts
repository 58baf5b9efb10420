import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type { RgbaImage } from '../data/rgba-image.ts';
import { ScratchnetError } from '../errors/scratchnet-error.ts';
import { Matrix } from '../tensor/matrix.ts';
import { dataRange, dataToPixel, pixelToData, renderDecisionBoundary } from './decision-boundary.ts';
import { classRgb, hexToRgb, OUTLINE_COLOR } from './palette.ts';

const RANGE = { xMin: -1, xMax: 1, yMin: -1, yMax: 1 };

/** Class 0 left of x = 0, class 1 right of it, with certainty. */
function leftRight(grid: Matrix): Matrix {
  const out = Matrix.zeros(grid.rows, 2);
  for (let r = 0; r < grid.rows; r++) out.data[2 * r + (grid.data[2 * r] < 0 ? 0 : 1)] = 1;
  return out;
}

/** P(class 1) rising linearly with x: unsure near x = 0, sure at the edges. */
function linearInX(grid: Matrix): Matrix {
  const out = Matrix.zeros(grid.rows, 2);
  for (let r = 0; r < grid.rows; r++) {
    const p1 = 0.5 + 0.45 * grid.data[2 * r];
    out.data[2 * r] = 1 - p1;
    out.data[2 * r + 1] = p1;
  }
  return out;
}

function pixel(image: RgbaImage, i: number, j: number): number[] {
  const at = (j * image.width + i) * 4;
  return Array.from(image.data.subarray(at, at + 4));
}

describe('renderDecisionBoundary', () => {
  test('each side of a known boundary takes its class colour, uniformly, with full alpha', () => {
    const image = renderDecisionBoundary(leftRight, { classCount: 2, width: 100, height: 50, range: RANGE });
    assert.equal(image.width, 100);
    assert.equal(image.height, 50);
    const left = pixel(image, 10, 25);
    const right = pixel(image, 90, 25);
    assert.deepEqual(pixel(image, 0, 0), left);
    assert.deepEqual(pixel(image, 40, 49), left);
    assert.deepEqual(pixel(image, 99, 0), right);
    assert.equal(left[3], 255);
    // class 0 is blue (b > g > r), class 1 orange (r > g > b), both tinted towards white
    assert.ok(left[2] > left[1] && left[1] > left[0], `left ${left}`);
    assert.ok(right[0] > right[1] && right[1] > right[2], `right ${right}`);
    // pixel 49 has its centre at x = -0.01 and pixel 50 at +0.01: the border is drawn darker there
    const border = pixel(image, 49, 25);
    assert.ok(border[0] + border[1] + border[2] < left[0] + left[1] + left[2]);
    assert.deepEqual(pixel(image, 48, 25), left);
    assert.deepEqual(pixel(image, 50, 25), right);
  });

  test('discrete: each class one hard colour, sure or unsure, the colour a certain region gets', () => {
    const options = { classCount: 2, width: 100, height: 10, range: RANGE };
    const hard = renderDecisionBoundary(linearInX, { ...options, discrete: true });
    const sure = renderDecisionBoundary(leftRight, options);
    for (const i of [2, 30, 48]) assert.deepEqual(pixel(hard, i, 5), pixel(sure, 2, 5), `pixel ${i}`);
    for (const i of [51, 70, 97]) assert.deepEqual(pixel(hard, i, 5), pixel(sure, 97, 5), `pixel ${i}`);
    const shaded = renderDecisionBoundary(linearInX, options);
    assert.notDeepEqual(pixel(shaded, 30, 5), pixel(shaded, 2, 5), 'without it, unsure is paler');
  });

  test('regions are paler where the model is unsure', () => {
    const image = renderDecisionBoundary(linearInX, { classCount: 2, width: 100, height: 10, range: RANGE });
    const brightness = (i: number) =>
      pixel(image, i, 5)
        .slice(0, 3)
        .reduce((a, b) => a + b);
    assert.ok(brightness(55) > brightness(75), 'near the boundary paler than inside');
    assert.ok(brightness(75) > brightness(99), 'and paler still than at the edge');
  });

  test('points sit at their data coordinates; validation markers differ from training markers', () => {
    // (0.51, 0.5) and (-0.49, -0.5) map to the centres of pixels (75, 12) and (25, 37) of a 100×50 picture
    const train = { inputs: Matrix.fromRows([[0.51, 0.5]]), labels: [0] };
    const validation = { inputs: Matrix.fromRows([[-0.49, -0.5]]), labels: [1] };
    const image = renderDecisionBoundary(leftRight, {
      classCount: 2,
      width: 100,
      height: 50,
      range: RANGE,
      train,
      validation,
      pointRadius: 6.5,
    });
    const outline = [...hexToRgb(OUTLINE_COLOR), 255];
    // training: filled with its class colour (class 0 over the class-1 region), dark outline at radius 6
    assert.deepEqual(pixel(image, 75, 12), [...classRgb(0), 255]);
    assert.deepEqual(pixel(image, 78, 12), [...classRgb(0), 255]);
    assert.deepEqual(pixel(image, 81, 12), outline);
    assert.deepEqual(pixel(image, 75, 18), outline);
    // validation: a white centre inside a ring of its class colour, then the dark outline at radius 7
    assert.deepEqual(pixel(image, 25, 37), [255, 255, 255, 255]);
    assert.deepEqual(pixel(image, 30, 37), [...classRgb(1), 255]);
    assert.deepEqual(pixel(image, 32, 37), outline);
    // far from both points the regions are untouched
    const plain = renderDecisionBoundary(leftRight, { classCount: 2, width: 100, height: 50, range: RANGE });
    assert.deepEqual(pixel(image, 95, 45), pixel(plain, 95, 45));
  });

  test('evaluates the grid in batches of at most batchSize rows, covering every pixel once', () => {
    const sizes: number[] = [];
    renderDecisionBoundary(
      (grid) => {
        sizes.push(grid.rows);
        return leftRight(grid);
      },
      { classCount: 2, width: 30, height: 20, range: RANGE, batchSize: 256 },
    );
    assert.deepEqual(sizes, [256, 256, 88]);
  });

  test('cellSize > 1 evaluates fewer points and interpolates (exact for linear probabilities)', () => {
    let rows = 0;
    const counting = (grid: Matrix) => {
      rows += grid.rows;
      return linearInX(grid);
    };
    const fine = renderDecisionBoundary(linearInX, { classCount: 2, width: 40, height: 21, range: RANGE });
    const coarse = renderDecisionBoundary(counting, {
      classCount: 2,
      width: 40,
      height: 21,
      range: RANGE,
      cellSize: 4,
    });
    assert.equal(rows, 11 * 6);
    for (let k = 0; k < fine.data.length; k++) assert.ok(Math.abs(fine.data[k] - coarse.data[k]) <= 1);
  });

  test('a single sigmoid column is P(class 1) of two classes', () => {
    const sigmoid = (grid: Matrix) => {
      const out = Matrix.zeros(grid.rows, 1);
      for (let r = 0; r < grid.rows; r++) out.data[r] = grid.data[2 * r] < 0 ? 0 : 1;
      return out;
    };
    const a = renderDecisionBoundary(sigmoid, { classCount: 2, width: 20, height: 10, range: RANGE });
    const b = renderDecisionBoundary(leftRight, { classCount: 2, width: 20, height: 10, range: RANGE });
    assert.deepEqual(a.data, b.data);
  });

  test('bad input is refused with a ScratchnetError naming it', () => {
    const code = (fn: () => unknown, expected: string) =>
      assert.throws(fn, (e: unknown) => e instanceof ScratchnetError && e.code === expected);
    code(() => renderDecisionBoundary(leftRight, { classCount: 3, width: 8, height: 8 }), 'SHAPE_MISMATCH');
    code(
      () =>
        renderDecisionBoundary(leftRight, {
          classCount: 2,
          train: { inputs: Matrix.fromRows([[0, 0, 0]]), labels: [0] },
        }),
      'SHAPE_MISMATCH',
    );
    code(
      () =>
        renderDecisionBoundary(leftRight, {
          classCount: 2,
          validation: { inputs: Matrix.fromRows([[0, 0]]), labels: [2] },
        }),
      'BAD_LABEL',
    );
    code(
      () =>
        renderDecisionBoundary(leftRight, { classCount: 2, range: { xMin: 1, xMax: 1, yMin: 0, yMax: 1 } }),
      'INVALID_OPTION',
    );
  });
});

describe('dataRange and pixel mapping', () => {
  test('pads the bounds by 10% and widens the short side to square data units', () => {
    const points = Matrix.fromRows([
      [0, 0],
      [1, 2],
    ]);
    const range = dataRange([points], { aspect: 1 });
    // y: 0..2 padded by 0.2 → -0.2..2.2 (2.4 tall); x: -0.1..1.1 widened to 2.4 about 0.5
    assert.ok(Math.abs(range.yMin + 0.2) < 1e-12 && Math.abs(range.yMax - 2.2) < 1e-12);
    assert.ok(Math.abs(range.xMin + 0.7) < 1e-12 && Math.abs(range.xMax - 1.7) < 1e-12);
    assert.deepEqual(dataRange([undefined]), { xMin: -1, xMax: 1, yMin: -1, yMax: 1 });
  });

  test('pixelToData inverts dataToPixel', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -5, max: 5, noNaN: true }),
        fc.double({ min: -5, max: 5, noNaN: true }),
        (x, y) => {
          const size = { width: 300, height: 200 };
          const range = { xMin: -5, xMax: 5, yMin: -3, yMax: 7 };
          const [px, py] = dataToPixel(range, size, x, y);
          const [bx, by] = pixelToData(range, size, px, py);
          return Math.abs(bx - x) < 1e-9 && Math.abs(by - y) < 1e-9;
        },
      ),
      { seed: 5 },
    );
  });
});
