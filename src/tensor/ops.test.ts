import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { KERNEL_BACKENDS, kernelBackend, setKernelBackend } from '../accel/matmul/kernel-backend.ts';
import { type DType, Matrix } from './matrix.ts';
import { argmaxRows, matmul, matmulTransA, matmulTransB, sumColumns } from './ops.ts';

// Naive references accumulate Σ_p in double, p ascending, as a textbook triple loop. In float32 the
// kernels promise a double accumulation rounded once on store, so the float32 result must equal
// Math.fround of the reference bit for bit; in float64 we allow 1e-12 relative to Σ|terms|.

const FC = { seed: 20240611, numRuns: 150 };
const dim = fc.integer({ min: 1, max: 17 });
// zeros are frequent on purpose: the kernels skip zero multiplicands, which must not change results
const element = fc.oneof(
  { weight: 1, arbitrary: fc.constant(0) },
  { weight: 6, arbitrary: fc.double({ min: -100, max: 100, noNaN: true }) },
);

function matrixOf(rows: number, cols: number, dtype: DType): fc.Arbitrary<Matrix> {
  return fc.array(element, { minLength: rows * cols, maxLength: rows * cols }).map((values) => {
    const m = Matrix.zeros(rows, cols, dtype);
    m.data.set(values);
    return m;
  });
}

/** A NaN-filled output, so that an element the kernel forgets to write shows up. */
function garbage(rows: number, cols: number, dtype: DType): Matrix {
  const m = Matrix.zeros(rows, cols, dtype);
  m.data.fill(Number.NaN);
  return m;
}

interface Reference {
  value: number;
  scale: number;
}

/** Σ_p x(p)·y(p) in double, p ascending, and Σ|x(p)·y(p)| for the float64 tolerance. */
function dot(k: number, x: (p: number) => number, y: (p: number) => number): Reference {
  let value = 0;
  let scale = 0;
  for (let p = 0; p < k; p++) {
    value += x(p) * y(p);
    scale += Math.abs(x(p) * y(p));
  }
  return { value, scale };
}

function assertMatches(actual: number, ref: Reference, dtype: DType, bias = 0, what = ''): void {
  if (dtype === 'float32') {
    const expected = Math.fround(Math.fround(ref.value) + bias);
    assert.ok(Object.is(actual, expected) || actual === expected, `${what}: ${actual} !== ${expected}`);
  } else {
    const expected = ref.value + bias;
    const tolerance = 1e-12 * (ref.scale + Math.abs(bias)) + Number.MIN_VALUE;
    assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual} vs ${expected}`);
  }
}

for (const [backend, dtype] of KERNEL_BACKENDS.flatMap((b) =>
  (['float64', 'float32'] as const).map((d) => [b, d] as const),
)) {
  describe(`kernels against naive references (${dtype}, ${backend} backend)`, () => {
    const previous = kernelBackend();
    before(() => setKernelBackend(backend));
    after(() => setKernelBackend(previous));
    test('matmul: out = a · b', () => {
      const arb = fc
        .tuple(dim, dim, dim)
        .chain(([m, k, n]) => fc.tuple(matrixOf(m, k, dtype), matrixOf(k, n, dtype)));
      fc.assert(
        fc.property(arb, ([a, b]) => {
          const out = matmul(garbage(a.rows, b.cols, dtype), a, b);
          for (let i = 0; i < a.rows; i++) {
            for (let j = 0; j < b.cols; j++) {
              const ref = dot(
                a.cols,
                (p) => a.get(i, p),
                (p) => b.get(p, j),
              );
              assertMatches(out.get(i, j), ref, dtype, 0, `(${i},${j})`);
            }
          }
        }),
        FC,
      );
    });

    test('matmul with bias: out = a · b + bias (float32: f32(f32(acc) + bias))', () => {
      const arb = fc
        .tuple(dim, dim, dim)
        .chain(([m, k, n]) => fc.tuple(matrixOf(m, k, dtype), matrixOf(k, n, dtype), matrixOf(1, n, dtype)));
      fc.assert(
        fc.property(arb, ([a, b, bias]) => {
          const out = matmul(garbage(a.rows, b.cols, dtype), a, b, bias.data);
          for (let i = 0; i < a.rows; i++) {
            for (let j = 0; j < b.cols; j++) {
              const ref = dot(
                a.cols,
                (p) => a.get(i, p),
                (p) => b.get(p, j),
              );
              assertMatches(out.get(i, j), ref, dtype, bias.data[j], `(${i},${j})`);
            }
          }
        }),
        FC,
      );
    });

    test('matmulTransA: out = aᵀ · b', () => {
      const arb = fc
        .tuple(dim, dim, dim)
        .chain(([k, m, n]) => fc.tuple(matrixOf(k, m, dtype), matrixOf(k, n, dtype)));
      fc.assert(
        fc.property(arb, ([a, b]) => {
          const out = matmulTransA(garbage(a.cols, b.cols, dtype), a, b);
          for (let i = 0; i < a.cols; i++) {
            for (let j = 0; j < b.cols; j++) {
              const ref = dot(
                a.rows,
                (p) => a.get(p, i),
                (p) => b.get(p, j),
              );
              assertMatches(out.get(i, j), ref, dtype, 0, `(${i},${j})`);
            }
          }
        }),
        FC,
      );
    });

    test('matmulTransB: out = a · bᵀ', () => {
      const arb = fc
        .tuple(dim, dim, dim)
        .chain(([m, k, n]) => fc.tuple(matrixOf(m, k, dtype), matrixOf(n, k, dtype)));
      fc.assert(
        fc.property(arb, ([a, b]) => {
          const out = matmulTransB(garbage(a.rows, b.rows, dtype), a, b);
          for (let i = 0; i < a.rows; i++) {
            for (let j = 0; j < b.rows; j++) {
              const ref = dot(
                a.cols,
                (p) => a.get(i, p),
                (p) => b.get(j, p),
              );
              assertMatches(out.get(i, j), ref, dtype, 0, `(${i},${j})`);
            }
          }
        }),
        FC,
      );
    });

    test('sumColumns: out[j] = Σ_i a[i, j]', () => {
      const arb = fc.tuple(dim, dim).chain(([m, n]) => matrixOf(m, n, dtype));
      fc.assert(
        fc.property(arb, (a) => {
          const out = dtype === 'float32' ? new Float32Array(a.cols) : new Float64Array(a.cols);
          out.fill(Number.NaN);
          sumColumns(out, a);
          for (let j = 0; j < a.cols; j++) {
            if (dtype === 'float32') {
              // numpy's np.sum(x, axis=0) on float32: row after row, rounding to float32 at each add
              let ref = 0;
              for (let i = 0; i < a.rows; i++) ref = Math.fround(ref + a.get(i, j));
              assert.equal(out[j], ref, `column ${j}`);
            } else {
              const ref = dot(
                a.rows,
                (i) => a.get(i, j),
                () => 1,
              );
              assertMatches(out[j], ref, dtype, 0, `column ${j}`);
            }
          }
        }),
        FC,
      );
    });
  });
}

test('argmaxRows: index of the row maximum, the first one on ties (numpy)', () => {
  // values from a small set so that ties are common
  const arb = fc.tuple(dim, dim).chain(([m, n]) =>
    fc.array(fc.integer({ min: -3, max: 3 }), { minLength: m * n, maxLength: m * n }).map((v) => {
      const a = Matrix.zeros(m, n, 'float32');
      a.data.set(v);
      return a;
    }),
  );
  fc.assert(
    fc.property(arb, (a) => {
      const out = argmaxRows(new Int32Array(a.rows).fill(-1), a);
      for (let i = 0; i < a.rows; i++) {
        const row = Array.from(a.data.subarray(i * a.cols, (i + 1) * a.cols));
        assert.equal(out[i], row.indexOf(Math.max(...row)));
      }
    }),
    FC,
  );
});

test('a hand-worked product: [[1, 2], [3, 4]] · [[5, 6], [7, 8]] + [10, 20]', () => {
  const a = Matrix.fromRows([
    [1, 2],
    [3, 4],
  ]);
  const b = Matrix.fromRows([
    [5, 6],
    [7, 8],
  ]);
  const out = matmul(Matrix.zeros(2, 2), a, b, Float32Array.of(10, 20));
  // [[1·5 + 2·7, 1·6 + 2·8], [3·5 + 4·7, 3·6 + 4·8]] = [[19, 22], [43, 50]], plus the bias per column
  assert.deepEqual(out.toRows(), [
    [19 + 10, 22 + 20],
    [43 + 10, 50 + 20],
  ]);
});

test('float32 products accumulate in double (as np.dot under nnfs.init), float32 column sums do not (as np.sum)', () => {
  // 1 + 2^-24 + 2^-24: in float32 step by step each 2^-24 is lost; in double the sum is 1 + 2^-23
  const a = Matrix.fromRows([[1, 1, 1]]);
  const b = Matrix.fromRows([[1], [2 ** -24], [2 ** -24]]);
  assert.equal(matmul(Matrix.zeros(1, 1), a, b).data[0], 1 + 2 ** -23);
  assert.equal(sumColumns(new Float32Array(1), b)[0], 1);
  assert.equal(sumColumns(new Float64Array(1), b.clone('float64'))[0], 1 + 2 ** -23);
});

test('wide rows (beyond the initial scratch row) are handled', () => {
  const n = 130;
  const a = Matrix.fromRows([[2]], 'float64');
  const b = Matrix.zeros(1, n, 'float64');
  for (let j = 0; j < n; j++) b.data[j] = j;
  const out = matmul(garbage(1, n, 'float64'), a, b);
  for (let j = 0; j < n; j++) assert.equal(out.data[j], 2 * j);
  const sums = sumColumns(new Float64Array(n), b);
  for (let j = 0; j < n; j++) assert.equal(sums[j], j);
});

describe('shape mismatches throw', () => {
  const a = Matrix.zeros(2, 3);
  test('matmul: inner dimensions, output shape, bias length', () => {
    assert.throws(() => matmul(Matrix.zeros(2, 4), a, Matrix.zeros(2, 4)), RangeError);
    assert.throws(() => matmul(Matrix.zeros(2, 5), a, Matrix.zeros(3, 4)), RangeError);
    assert.throws(() => matmul(Matrix.zeros(2, 4), a, Matrix.zeros(3, 4), new Float32Array(3)), RangeError);
  });
  test('matmulTransA and matmulTransB', () => {
    assert.throws(() => matmulTransA(Matrix.zeros(3, 4), a, Matrix.zeros(3, 4)), RangeError);
    assert.throws(() => matmulTransA(Matrix.zeros(2, 4), a, Matrix.zeros(2, 4)), RangeError);
    assert.throws(() => matmulTransB(Matrix.zeros(2, 4), a, Matrix.zeros(4, 2)), RangeError);
    assert.throws(() => matmulTransB(Matrix.zeros(2, 3), a, Matrix.zeros(4, 3)), RangeError);
  });
  test('sumColumns and argmaxRows', () => {
    assert.throws(() => sumColumns(new Float32Array(2), a), RangeError);
    assert.throws(() => argmaxRows(new Int32Array(3), a), RangeError);
  });
});
