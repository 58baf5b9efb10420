import { kernels } from './kernel-table.ts';
import type { FloatArray, Matrix } from './matrix.ts';
import { numpyColumnSums } from './pairwise-sum.ts';

// Kernels take the output first, `(out, a, b)`, allocate nothing in steady state, and never let `out`
// alias an input unless the doc line says it may. Products accumulate in double and round once on
// store: that is what `nnfs.init()`'s float64 `np.dot` does, so float32 results match the book's.
// The products run through the kernel table (kernel-table.ts): the reference loops
// (reference-kernels.ts) unless the speed wing (src/accel/) registered faster ones, which give the
// same results bit for bit (or, opted in, float32 sums: see setMatmulPrecision).

function assertShape(ok: boolean, what: string): void {
  if (!ok) throw new RangeError(`kernel shape mismatch: ${what}`);
}

/**
 * out = a · b (+ bias, broadcast over rows, when given)   [m, k] · [k, n] → [m, n]
 * With a float32 `out` the bias is added to the float32-rounded product, as numpy adds
 * `np.dot(...) + biases` in float32. `out` must not alias `a` or `b`.
 */
export function matmul(out: Matrix, a: Matrix, b: Matrix, bias: FloatArray | null = null): Matrix {
  const m = a.rows;
  const k = a.cols;
  const n = b.cols;
  assertShape(
    b.rows === k && out.rows === m && out.cols === n,
    `[${m},${k}]·[${b.rows},${n}] → [${out.rows},${out.cols}]`,
  );
  assertShape(bias === null || bias.length === n, 'bias length');
  kernels.matmul(out, a, b, bias);
  return out;
}

/**
 * out = aᵀ · b   [k, m]ᵀ · [k, n] → [m, n]   (e.g. dWeights = inputsᵀ · dOutput)
 * `out` must not alias `a` or `b`.
 */
export function matmulTransA(out: Matrix, a: Matrix, b: Matrix): Matrix {
  const k = a.rows;
  const m = a.cols;
  const n = b.cols;
  assertShape(
    b.rows === k && out.rows === m && out.cols === n,
    `[${k},${m}]ᵀ·[${b.rows},${n}] → [${out.rows},${out.cols}]`,
  );
  kernels.matmulTransA(out, a, b);
  return out;
}

/**
 * out = a · bᵀ   [m, k] · [n, k]ᵀ → [m, n]   (e.g. dInputs = dOutput · weightsᵀ)
 * `out` must not alias `a` or `b`.
 */
export function matmulTransB(out: Matrix, a: Matrix, b: Matrix): Matrix {
  const m = a.rows;
  const k = a.cols;
  const n = b.rows;
  assertShape(
    b.cols === k && out.rows === m && out.cols === n,
    `[${m},${k}]·[${n},${b.cols}]ᵀ → [${out.rows},${out.cols}]`,
  );
  kernels.matmulTransB(out, a, b);
  return out;
}

/**
 * out[j] = Σ_i a[i, j]: the column sums, e.g. dBiases = Σ over the batch of dOutput, in numpy's
 * order for `np.sum(x, axis=0)` (pairwise-sum.ts): row after row into one running sum per column,
 * or pairwise when there is one column. Float32 into float32 sums in float32, rounding each add, as
 * numpy sums a float32 array (a bias gradient is a sum of terms that cancel, where the orders and
 * precisions of rounding differ visibly); otherwise it accumulates in double. The speed wing may run
 * the same adds faster (kernels.sumColumns), bit for bit.
 */
export function sumColumns(out: FloatArray, a: Matrix): FloatArray {
  const m = a.rows;
  const n = a.cols;
  assertShape(out.length === n, `sum of [${m},${n}] columns into ${out.length}`);
  const ad = a.data;
  if (kernels.sumColumns(out, ad, m, n)) return out;
  numpyColumnSums(out, ad, m, n);
  return out;
}

/** Index of the largest value in each row (the first one on ties, as numpy's argmax). */
export function argmaxRows(out: Int32Array, a: Matrix): Int32Array {
  const m = a.rows;
  const n = a.cols;
  assertShape(out.length === m, 'argmax output length');
  const ad = a.data;
  for (let i = 0; i < m; i++) out[i] = argmaxOf(ad, i * n, n);
  return out;
}

/**
 * Index of the largest of `length` values from `offset` (the first one on ties, as numpy's argmax;
 * a NaN never wins a comparison).
 */
export function argmaxOf(data: ArrayLike<number>, offset: number, length: number): number {
  let best = 0;
  let bestValue = data[offset];
  for (let j = 1; j < length; j++) {
    const v = data[offset + j];
    if (v > bestValue) {
      best = j;
      bestValue = v;
    }
  }
  return best;
}
