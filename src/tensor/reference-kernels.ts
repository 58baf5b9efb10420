import type { FloatArray, Matrix } from './matrix.ts';

// The reference matrix products: plain loops, each output element summed in double over p ascending
// from +0 and rounded once on store (what `nnfs.init()`'s float64 `np.dot` does). The fast backends
// must give these results bit for bit; `ops.ts` checks shapes before calling any of them.

let scratch = new Float64Array(64);

/** A double row of at least `size` elements, reused across calls (grows, never shrinks). */
function scratchRow(size: number): Float64Array {
  if (scratch.length < size) scratch = new Float64Array(Math.max(size, scratch.length * 2));
  return scratch;
}

/**
 * out = a · b (+ bias, broadcast over rows, when given)   [m, k] · [k, n] → [m, n]
 * With a float32 `out` the bias is added to the float32-rounded product, as numpy adds
 * `np.dot(...) + biases` in float32. `out` must not alias `a` or `b`.
 */
export function referenceMatmul(out: Matrix, a: Matrix, b: Matrix, bias: FloatArray | null = null): Matrix {
  const m = a.rows;
  const k = a.cols;
  const n = b.cols;
  const ad = a.data;
  const bd = b.data;
  const od = out.data;
  const f32 = od instanceof Float32Array;
  const acc = scratchRow(n);
  for (let i = 0; i < m; i++) {
    acc.fill(0, 0, n);
    const aRow = i * k;
    for (let p = 0; p < k; p++) {
      const aip = ad[aRow + p];
      const bRow = p * n;
      for (let j = 0; j < n; j++) acc[j] += aip * bd[bRow + j];
    }
    const oRow = i * n;
    if (bias === null) {
      for (let j = 0; j < n; j++) od[oRow + j] = acc[j];
    } else if (f32) {
      for (let j = 0; j < n; j++) od[oRow + j] = Math.fround(acc[j]) + bias[j];
    } else {
      for (let j = 0; j < n; j++) od[oRow + j] = acc[j] + bias[j];
    }
  }
  return out;
}

/**
 * out = aᵀ · b   [k, m]ᵀ · [k, n] → [m, n]   (e.g. dWeights = inputsᵀ · dOutput)
 * `out` must not alias `a` or `b`.
 */
export function referenceMatmulTransA(out: Matrix, a: Matrix, b: Matrix): Matrix {
  const k = a.rows;
  const m = a.cols;
  const n = b.cols;
  const ad = a.data;
  const bd = b.data;
  const od = out.data;
  const acc = scratchRow(n);
  for (let i = 0; i < m; i++) {
    acc.fill(0, 0, n);
    for (let p = 0; p < k; p++) {
      const api = ad[p * m + i];
      const bRow = p * n;
      for (let j = 0; j < n; j++) acc[j] += api * bd[bRow + j];
    }
    const oRow = i * n;
    for (let j = 0; j < n; j++) od[oRow + j] = acc[j];
  }
  return out;
}

/**
 * out = a · bᵀ   [m, k] · [n, k]ᵀ → [m, n]   (e.g. dInputs = dOutput · weightsᵀ)
 * `out` must not alias `a` or `b`.
 */
export function referenceMatmulTransB(out: Matrix, a: Matrix, b: Matrix): Matrix {
  const m = a.rows;
  const k = a.cols;
  const n = b.rows;
  const ad = a.data;
  const bd = b.data;
  const od = out.data;
  for (let i = 0; i < m; i++) {
    const aRow = i * k;
    const oRow = i * n;
    for (let j = 0; j < n; j++) {
      const bRow = j * k;
      let acc = 0;
      for (let p = 0; p < k; p++) acc += ad[aRow + p] * bd[bRow + p];
      od[oRow + j] = acc;
    }
  }
  return out;
}
