// numpy's order of additions (pairwise-sum.ts) against numpy 2.4 itself: golden sums, means, row and
// column sums and softmax rows from test/fixtures/numpy/make_reduction_fixtures.py, whose inputs the
// test rebuilds from the same formula. Each kind has cases where adding left to right (or row by row,
// or pairwise per column) gives other bits, so a change of order fails here.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import fc from 'fast-check';
import { Softmax } from '../layers/activations.ts';
import { type DType, Matrix } from './matrix.ts';
import { sumColumns } from './ops.ts';
import { numpyMean, numpySum, pairwiseSumFloat32, pairwiseSumFloat64 } from './pairwise-sum.ts';

interface Fixtures {
  sum: { dtype: DType; n: number; sum: number; leftToRightAgrees: boolean }[];
  mean: { dtype: DType; n: number; mean: number }[];
  rowSums: { dtype: DType; rows: number; cols: number; sums: number[]; leftToRightAgrees: boolean }[];
  columnSums: {
    dtype: DType;
    rows: number;
    cols: number;
    sums: number[];
    rowByRowAgrees: boolean;
    pairwisePerColumnAgrees: boolean;
  }[];
  softmax: { rows: number; cols: number; output: number[]; leftToRightAgrees: boolean }[];
}

const fixtures: Fixtures = JSON.parse(
  readFileSync(new URL('../../test/fixtures/numpy/reductions.json', import.meta.url), 'utf8'),
);

/** The fixture script's value(i): an integer formula, one division, a power of two (exact in both languages). */
function value(i: number): number {
  return ((((i * 7919) % 1009) - 504) / 37) * 2 ** (((i * 13) % 17) - 8);
}

function arrayOf(n: number, dtype: DType, offset = 0): Float32Array | Float64Array {
  const a = dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
  for (let i = 0; i < n; i++) a[i] = value(offset + i);
  return a;
}

function leftToRight(a: Float32Array | Float64Array, start: number, n: number): number {
  let sum = 0;
  for (let i = start; i < start + n; i++)
    sum = a instanceof Float32Array ? Math.fround(sum + a[i]) : sum + a[i];
  return sum;
}

test('np.sum of 1 to 100,352 float32 and float64 values: numpy’s bits (left to right differs in 48 of 78)', () => {
  let differ = 0;
  for (const c of fixtures.sum) {
    const a = arrayOf(c.n, c.dtype);
    assert.equal(numpySum(a), c.sum, `${c.dtype} n=${c.n}`);
    if (!c.leftToRightAgrees) {
      differ++;
      assert.notEqual(leftToRight(a, 0, c.n), c.sum, 'the fixture says left to right differs');
    }
  }
  assert.ok(differ >= 40, `${differ} cases tell the orders apart`);
});

test('np.mean: the pairwise sum divided in the array’s precision', () => {
  for (const c of fixtures.mean)
    assert.equal(numpyMean(arrayOf(c.n, c.dtype)), c.mean, `${c.dtype} n=${c.n}`);
});

test('np.sum(x, axis=1): each row of a C-contiguous array pairwise (from 8 columns, not left to right)', () => {
  for (const c of fixtures.rowSums) {
    const x = arrayOf(c.rows * c.cols, c.dtype, 17);
    const sums = c.sums.map((_, r) => numpySum(x, r * c.cols, c.cols));
    assert.deepEqual(sums, c.sums, `${c.dtype} ${c.rows}x${c.cols}`);
    assert.equal(c.leftToRightAgrees, c.cols < 8, `${c.rows}x${c.cols}: the orders part from 8 columns`);
  }
});

test('np.sum(x, axis=0): row by row for (N, k > 1), pairwise for (N, 1): sumColumns gives numpy’s bits', () => {
  for (const c of fixtures.columnSums) {
    const x = new Matrix(c.rows, c.cols, arrayOf(c.rows * c.cols, c.dtype, 5));
    const out = c.dtype === 'float32' ? new Float32Array(c.cols) : new Float64Array(c.cols);
    assert.deepEqual(Array.from(sumColumns(out, x)), c.sums, `${c.dtype} ${c.rows}x${c.cols}`);
    if (c.cols > 1) assert.ok(!c.pairwisePerColumnAgrees, `${c.rows}x${c.cols} tells the orders apart`);
  }
  const telling = fixtures.columnSums.filter((c) => c.cols === 1 && !c.rowByRowAgrees);
  assert.ok(telling.length >= 4, 'one-column cases where row by row gives other bits');
});

test('Softmax rows of 3 to 129 float32 logits: numpy’s bits (its row sum pairwise)', () => {
  for (const c of fixtures.softmax) {
    const logits = new Matrix(
      c.rows,
      c.cols,
      Float32Array.from(arrayOf(c.rows * c.cols, 'float64', 3), (v) => v / 16),
    );
    const output = new Softmax().forward(logits);
    assert.deepEqual(Array.from(output.data), c.output, `${c.rows}x${c.cols}`);
  }
  assert.ok(fixtures.softmax.some((c) => c.cols >= 8 && !c.leftToRightAgrees));
});

test('pairwise sums: fewer than 8 values from −0 (so −0 alone stays −0), np.sum from +0', () => {
  assert.ok(Object.is(pairwiseSumFloat32([-0, -0], 0, 2), -0));
  assert.ok(Object.is(pairwiseSumFloat64([-0], 0, 1), -0));
  assert.ok(Object.is(numpySum(new Float32Array([-0, -0])), 0));
  assert.equal(numpySum(new Float64Array(0)), 0);
});

test('property: the float32 pairwise sum is the float64 one’s order with every addition rounded', () => {
  // integers whose partial sums stay below 2^24: every order and precision gives the exact sum
  fc.assert(
    fc.property(fc.array(fc.integer({ min: -(2 ** 12), max: 2 ** 12 }), { maxLength: 600 }), (ints) => {
      const a = Float32Array.from(ints);
      const exact = ints.reduce((s, v) => s + v, 0);
      return pairwiseSumFloat32(a, 0, a.length) === exact && pairwiseSumFloat64(a, 0, a.length) === exact;
    }),
    { seed: 16, numRuns: 200 },
  );
});
