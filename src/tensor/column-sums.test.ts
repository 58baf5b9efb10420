// The column sums of sumColumns (the bias gradients) in WebAssembly SIMD against the TypeScript loop
// (ops.ts) they replace for large matrices: the same value in every column, bit for bit, for every
// pair of dtypes, for widths that are and are not a multiple of a vector, for 0 and 1 rows, and
// with NaN, ±0 and ±Infinity among the terms.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import fc from 'fast-check';
import {
  reluDropoutWasmAvailable,
  sumColumnsWasm,
  useReluDropoutWasm,
} from '../accel/elementwise/relu-dropout-wasm.ts';
import { type DType, Matrix } from './matrix.ts';
import { sumColumns } from './ops.ts';
import { numpySum } from './pairwise-sum.ts';
import { RandomState } from './random.ts';

const SPECIALS = [0, -0, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1, 2 ** -24, 3e38];
const WIDTHS = [1, 2, 3, 4, 5, 7, 8, 9, 64, 65, 129];
const PAIRS: [a: DType, out: DType][] = [
  ['float32', 'float32'],
  ['float64', 'float64'],
  ['float32', 'float64'],
  ['float64', 'float32'],
];

/** ±0, NaN and ±Infinity shown as such, so that a -0 for +0 fails (deepEqual treats them alike). */
function shown(values: Float32Array | Float64Array): string[] {
  return Array.from(values, (v) => (Object.is(v, -0) ? '-0' : String(v)));
}

function outputOf(dtype: DType, n: number): Float32Array | Float64Array {
  // NaN-filled, so that a column the kernel forgets shows up
  return (dtype === 'float32' ? new Float32Array(n) : new Float64Array(n)).fill(Number.NaN);
}

/** The TypeScript loop of sumColumns (the WebAssembly module switched off). */
function loopSums(a: Matrix, dtype: DType): Float32Array | Float64Array {
  useReluDropoutWasm(false);
  try {
    return sumColumns(outputOf(dtype, a.cols), a);
  } finally {
    useReluDropoutWasm(true);
  }
}

function wasmSums(a: Matrix, dtype: DType): Float32Array | Float64Array {
  const out = outputOf(dtype, a.cols);
  assert.ok(sumColumnsWasm(out, a.data, a.rows, a.cols), 'the module loaded');
  return out;
}

function matrixOf(rows: number, cols: number, dtype: DType, values: ArrayLike<number>): Matrix {
  const m = Matrix.zeros(rows, cols, dtype);
  for (let i = 0; i < m.data.length; i++) m.data[i] = values[i % values.length];
  return m;
}

after(() => useReluDropoutWasm(true));

test('the module loads here (else every other test here would compare the loop with itself)', () => {
  assert.ok(reluDropoutWasmAvailable());
});

test('every width, 0 to 40 rows, every dtype pair: the WebAssembly sums are the loop sums', () => {
  const noise = new RandomState(7).randn(41 * 129).map((v, i) => (i % 3 === 0 ? v * 1e6 : v));
  for (const [aType, outType] of PAIRS) {
    for (const cols of WIDTHS) {
      for (const rows of [0, 1, 2, 3, 5, 17, 40]) {
        const a = matrixOf(rows, cols, aType, noise);
        const what = `${rows}x${cols} ${aType} into ${outType}`;
        assert.deepEqual(shown(wasmSums(a, outType)), shown(loopSums(a, outType)), what);
      }
    }
  }
});

test('property: NaN, ±0, ±Infinity and cancelling terms give the loop sums bit for bit', () => {
  const value = fc.oneof(
    { weight: 1, arbitrary: fc.constantFrom(...SPECIALS) },
    { weight: 3, arbitrary: fc.double({ min: -1e3, max: 1e3, noNaN: true }) },
  );
  const arb = fc
    .record({
      rows: fc.integer({ min: 0, max: 30 }),
      cols: fc.oneof(fc.constantFrom(...WIDTHS), fc.integer({ min: 1, max: 70 })),
      pair: fc.constantFrom(...PAIRS),
    })
    .chain(({ rows, cols, pair }) =>
      fc
        .array(value, { minLength: rows * cols, maxLength: rows * cols })
        .map((values) => ({ a: matrixOf(rows, cols, pair[0], values.length > 0 ? values : [0]), pair })),
    );
  fc.assert(
    fc.property(arb, ({ a, pair }) => {
      assert.deepEqual(shown(wasmSums(a, pair[1])), shown(loopSums(a, pair[1])));
    }),
    { seed: 20240612, numRuns: 200 },
  );
});

test('sums as numpy gives them: float32 rounds each add, float64 does not, -0 columns sum to +0', () => {
  // np.sum(np.array([[1], [2**-24], [2**-24]], np.float32), axis=0) is [1.]: each 2^-24 is lost in
  // float32; in float64 the two make 2^-23. numpy 2.4: np.sum([[-0.], [-0.]], axis=0) is [0.].
  // The three columns of ones and tiny terms are wide enough (65 columns) for the vector path.
  const rows = [
    [1, -0, 1],
    [2 ** -24, -0, Number.POSITIVE_INFINITY],
    [2 ** -24, -0, Number.NEGATIVE_INFINITY],
  ];
  const values = Array.from({ length: 3 * 65 }, (_, k) => rows[Math.floor(k / 65)][(k % 65) % 3]);
  for (const dtype of ['float32', 'float64'] as const) {
    const a = matrixOf(3, 65, dtype, values);
    const sums = shown(wasmSums(a, dtype));
    const one = dtype === 'float32' ? '1' : String(1 + 2 ** -23);
    for (let j = 0; j < 65; j++) assert.equal(sums[j], [one, '0', 'NaN'][j % 3], `${dtype} column ${j}`);
  }
});

test('one column (a hidden layer of one neuron): pairwise like numpy, in the module as in the loop, 1 to 3000 rows', () => {
  const noise = new RandomState(11).randn(3000).map((v, i) => v * 2 ** ((i % 13) - 6));
  for (const [aType, outType] of PAIRS) {
    for (const rows of [1, 7, 8, 9, 127, 128, 129, 136, 300, 1000, 3000]) {
      const a = matrixOf(rows, 1, aType, noise);
      assert.deepEqual(
        shown(wasmSums(a, outType)),
        shown(loopSums(a, outType)),
        `${rows}x1 ${aType} into ${outType}`,
      );
    }
  }
  // and the loop is numpy's pairwise sum there, not the row-by-row one (which differs for this column)
  const a = matrixOf(3000, 1, 'float32', noise);
  let rowByRow = 0;
  for (let i = 0; i < 3000; i++) rowByRow = Math.fround(rowByRow + a.data[i]);
  assert.equal(loopSums(a, 'float32')[0], numpySum(a.data));
  assert.notEqual(loopSums(a, 'float32')[0], rowByRow);
});

test('sumColumns runs large matrices through the module with the same results', () => {
  const noise = new RandomState(3).randn(300 * 65);
  for (const [aType, outType] of PAIRS) {
    const a = matrixOf(300, 65, aType, noise);
    assert.deepEqual(shown(sumColumns(outputOf(outType, 65), a)), shown(loopSums(a, outType)));
  }
});
