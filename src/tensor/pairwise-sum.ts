import type { FloatArray } from './matrix.ts';

// numpy's summation order, in one place. Every sum, mean and row or column reduction that the book's
// numpy code computes goes through here, so that scratchnet adds the same numbers in the same order
// and rounds at the same places. From numpy v2.4.6's sources:
//
// - numpy/_core/src/umath/loops_utils.h.src, lines 75-146, `@TYPE@_pairwise_sum`: fewer than 8
//   values are added left to right from -0.0 (line 89); up to PW_BLOCKSIZE = 128 (line 63) into
//   eight accumulators r[0..7] (value i into r[i % 8]), combined as ((r0 + r1) + (r2 + r3)) +
//   ((r4 + r5) + (r6 + r7)) (line 128), then the n % 8 left over added one by one; above 128 the
//   run is cut at n2 = n / 2 rounded down to a multiple of 8 (line 141), and the two halves' sums
//   added (line 142). Each addition is in the array's type (float32 additions for float32).
// - numpy/_core/src/umath/loops_arithm_fp.dispatch.c.src, lines 52-54: an add loop that reduces
//   (input and output the same, output stride 0) does `*out += pairwise_sum(in, len, stride)`. So a
//   reduction is pairwise only along the run the iterator hands to one inner-loop call: the
//   innermost axis after numpy's iterator has sorted the axes by stride and merged the contiguous
//   ones (nditer_constr.c: npyiter_find_best_axis_ordering, npyiter_coalesce_axes).
// - numpy/_core/src/umath/reduction.c, lines 365-379, with legacy_array_method.c, lines 370-389:
//   the result starts as add's identity, 0, so `np.sum` is 0 + pairwise_sum.
//
// What that means for the book's reductions, each checked against numpy 2.4.6 on float32 and
// float64 arrays (values of mixed magnitudes, so that any other order gives other bits):
// - `np.sum(a)` and `np.mean(a)` of a contiguous array of any shape: one pairwise run over all
//   elements (a C-contiguous 2-D array merges into one run), no blocking at the 8192-element buffer
//   size (nothing is cast, so the iterator does not buffer).
// - `np.sum(x, axis=1)` of a C-contiguous (N, k): one pairwise run per row.
// - `np.sum(x, axis=0)` of an (N, k > 1): the inner loop runs along the row, so the k sums grow row
//   after row, `out[j] += x[i, j]` (sumColumnsRowByRow); of an (N, 1): the length-1 axis is dropped,
//   the column is one contiguous run, and it is summed pairwise.
// - `np.mean`: that sum divided by the count in the sum's type (numpy/_core/_methods.py, _mean).

/**
 * numpy's `pairwise_sum` of `n` float32 values from `start`, every addition rounded to float32.
 * The values must be float32 values (a Float32Array, or doubles that are float32-representable).
 */
export function pairwiseSumFloat32(a: ArrayLike<number>, start: number, n: number): number {
  const f = Math.fround;
  if (n < 8) {
    let res = -0;
    for (let i = start; i < start + n; i++) res = f(res + a[i]);
    return res;
  }
  if (n <= 128) {
    let r0 = a[start];
    let r1 = a[start + 1];
    let r2 = a[start + 2];
    let r3 = a[start + 3];
    let r4 = a[start + 4];
    let r5 = a[start + 5];
    let r6 = a[start + 6];
    let r7 = a[start + 7];
    const end = start + n;
    const blocks = end - (n % 8);
    let i = start + 8;
    for (; i < blocks; i += 8) {
      r0 = f(r0 + a[i]);
      r1 = f(r1 + a[i + 1]);
      r2 = f(r2 + a[i + 2]);
      r3 = f(r3 + a[i + 3]);
      r4 = f(r4 + a[i + 4]);
      r5 = f(r5 + a[i + 5]);
      r6 = f(r6 + a[i + 6]);
      r7 = f(r7 + a[i + 7]);
    }
    let res = f(f(f(r0 + r1) + f(r2 + r3)) + f(f(r4 + r5) + f(r6 + r7)));
    for (; i < end; i++) res = f(res + a[i]);
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return f(pairwiseSumFloat32(a, start, n2) + pairwiseSumFloat32(a, start + n2, n - n2));
}

/** numpy's `pairwise_sum` of `n` doubles from `start` (the float64 loop: the same order in double). */
export function pairwiseSumFloat64(a: ArrayLike<number>, start: number, n: number): number {
  if (n < 8) {
    let res = -0;
    for (let i = start; i < start + n; i++) res += a[i];
    return res;
  }
  if (n <= 128) {
    let r0 = a[start];
    let r1 = a[start + 1];
    let r2 = a[start + 2];
    let r3 = a[start + 3];
    let r4 = a[start + 4];
    let r5 = a[start + 5];
    let r6 = a[start + 6];
    let r7 = a[start + 7];
    const end = start + n;
    const blocks = end - (n % 8);
    let i = start + 8;
    for (; i < blocks; i += 8) {
      r0 += a[i];
      r1 += a[i + 1];
      r2 += a[i + 2];
      r3 += a[i + 3];
      r4 += a[i + 4];
      r5 += a[i + 5];
      r6 += a[i + 6];
      r7 += a[i + 7];
    }
    // ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7)): + associates to the left
    let res = r0 + r1 + (r2 + r3) + (r4 + r5 + (r6 + r7));
    for (; i < end; i++) res += a[i];
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return pairwiseSumFloat64(a, start, n2) + pairwiseSumFloat64(a, start + n2, n - n2);
}

/**
 * `np.sum` of a contiguous run, `n` values from `start` (all of `a` by default): add's identity 0
 * plus the pairwise sum, in float32 for a Float32Array and in double otherwise.
 */
export function numpySum(a: FloatArray, start = 0, n = a.length - start): number {
  return a instanceof Float32Array
    ? Math.fround(0 + pairwiseSumFloat32(a, start, n))
    : 0 + pairwiseSumFloat64(a, start, n);
}

/** `np.mean` of a contiguous run: numpySum divided by the count in the same precision. */
export function numpyMean(a: FloatArray, start = 0, n = a.length - start): number {
  const sum = numpySum(a, start, n);
  return a instanceof Float32Array ? Math.fround(sum / n) : sum / n;
}

/**
 * `np.sum(a, axis=0)` of a row-major (rows, cols) `a` into `out`, as numpy orders it: pairwise when
 * cols is 1 (one contiguous run), otherwise row after row into `cols` running sums. In float32
 * when both `a` and `out` are float32 (each addition rounded); otherwise in double, rounded once
 * into `out`.
 */
export function numpyColumnSums(out: FloatArray, a: FloatArray, rows: number, cols: number): void {
  const f32 = out instanceof Float32Array && a instanceof Float32Array;
  if (cols === 1) {
    out[0] = f32 ? Math.fround(0 + pairwiseSumFloat32(a, 0, rows)) : 0 + pairwiseSumFloat64(a, 0, rows);
    return;
  }
  sumColumnsRowByRow(out, a, rows, cols, f32);
}

let scratch = new Float64Array(64);

function sumColumnsRowByRow(out: FloatArray, a: FloatArray, rows: number, cols: number, f32: boolean): void {
  if (f32) {
    out.fill(0);
    for (let i = 0; i < rows; i++) {
      const row = i * cols;
      for (let j = 0; j < cols; j++) out[j] += a[row + j];
    }
    return;
  }
  if (scratch.length < cols) scratch = new Float64Array(Math.max(cols, scratch.length * 2));
  const acc = scratch;
  acc.fill(0, 0, cols);
  for (let i = 0; i < rows; i++) {
    const row = i * cols;
    for (let j = 0; j < cols; j++) acc[j] += a[row + j];
  }
  for (let j = 0; j < cols; j++) out[j] = acc[j];
}
