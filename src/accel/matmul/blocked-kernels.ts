import type { FloatArray, Matrix } from '../../tensor/matrix.ts';

// Register-blocked TypeScript matrix products: the fallback where WebAssembly SIMD does not load.
// A 2 x 4 block of outputs lives in eight local doubles while p runs, so each loaded element of A
// serves four products and each element of B two. Every output is still summed over p ascending
// from +0 in double and rounded once on store, so the results are the reference's bit for bit.
//   A(i, p) = ad[i·ars + p·acs]    B(p, j) = bd[p·brs + j·bcs]    out(i, j) = od[i·n + j]

function put(od: FloatArray, at: number, v: number, bias: FloatArray | null, j: number, f32: boolean): void {
  if (bias === null) od[at] = v;
  else od[at] = (f32 ? Math.fround(v) : v) + bias[j];
}

/** The operands of the product in progress, set in place by gemm (nothing is allocated per call). */
const op = {
  k: 0,
  n: 0,
  ad: new Float64Array(0) as FloatArray,
  ars: 0,
  acs: 0,
  bd: new Float64Array(0) as FloatArray,
  brs: 0,
  bcs: 0,
  od: new Float64Array(0) as FloatArray,
  bias: null as FloatArray | null,
  f32: false,
};

function gemm(
  m: number,
  k: number,
  n: number,
  ad: FloatArray,
  ars: number,
  acs: number,
  bd: FloatArray,
  brs: number,
  bcs: number,
  od: FloatArray,
  bias: FloatArray | null,
): void {
  op.k = k;
  op.n = n;
  op.ad = ad;
  op.ars = ars;
  op.acs = acs;
  op.bd = bd;
  op.brs = brs;
  op.bcs = bcs;
  op.od = od;
  op.bias = bias;
  op.f32 = od instanceof Float32Array;
  for (let i = 0; i < m; i += 2) {
    // An odd last row is computed twice and stored twice, to the same place with the same value.
    const i1 = i + 1 < m ? i + 1 : i;
    let j = 0;
    for (; j + 4 <= n; j += 4) block2x4(i, i1, j);
    for (; j < n; j++) block2x1(i, i1, j);
  }
}

/** Outputs (i, j..j+3) and (i1, j..j+3). */
function block2x4(i: number, i1: number, j: number): void {
  const { k, n, ad, acs, bd, brs, bcs, od, bias, f32 } = op;
  // biome-ignore format: the 2 x 4 accumulators read best as one block
  let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
  let pa0 = i * op.ars;
  let pa1 = i1 * op.ars;
  let pb = j * bcs;
  for (let p = 0; p < k; p++) {
    const x0 = ad[pa0];
    const x1 = ad[pa1];
    const b0 = bd[pb];
    const b1 = bd[pb + bcs];
    const b2 = bd[pb + 2 * bcs];
    const b3 = bd[pb + 3 * bcs];
    c00 += x0 * b0;
    c01 += x0 * b1;
    c02 += x0 * b2;
    c03 += x0 * b3;
    c10 += x1 * b0;
    c11 += x1 * b1;
    c12 += x1 * b2;
    c13 += x1 * b3;
    pa0 += acs;
    pa1 += acs;
    pb += brs;
  }
  const o0 = i * n + j;
  const o1 = i1 * n + j;
  put(od, o0, c00, bias, j, f32);
  put(od, o0 + 1, c01, bias, j + 1, f32);
  put(od, o0 + 2, c02, bias, j + 2, f32);
  put(od, o0 + 3, c03, bias, j + 3, f32);
  put(od, o1, c10, bias, j, f32);
  put(od, o1 + 1, c11, bias, j + 1, f32);
  put(od, o1 + 2, c12, bias, j + 2, f32);
  put(od, o1 + 3, c13, bias, j + 3, f32);
}

/** Outputs (i, j) and (i1, j): the columns left over after the blocks of four. */
function block2x1(i: number, i1: number, j: number): void {
  const { k, n, ad, acs, bd, brs, bcs, od, bias, f32 } = op;
  let c0 = 0;
  let c1 = 0;
  let pa0 = i * op.ars;
  let pa1 = i1 * op.ars;
  let pb = j * bcs;
  for (let p = 0; p < k; p++) {
    const b0 = bd[pb];
    c0 += ad[pa0] * b0;
    c1 += ad[pa1] * b0;
    pa0 += acs;
    pa1 += acs;
    pb += brs;
  }
  put(od, i * n + j, c0, bias, j, f32);
  put(od, i1 * n + j, c1, bias, j, f32);
}

/** out = a · b (+ bias)   [m, k] · [k, n]; shapes checked by the caller. */
export function blockedMatmul(out: Matrix, a: Matrix, b: Matrix, bias: FloatArray | null): Matrix {
  gemm(a.rows, a.cols, b.cols, a.data, a.cols, 1, b.data, b.cols, 1, out.data, bias);
  return out;
}

/** out = aᵀ · b   [k, m]ᵀ · [k, n]; shapes checked by the caller. */
export function blockedMatmulTransA(out: Matrix, a: Matrix, b: Matrix): Matrix {
  gemm(a.cols, a.rows, b.cols, a.data, 1, a.cols, b.data, b.cols, 1, out.data, null);
  return out;
}

/** out = a · bᵀ   [m, k] · [n, k]ᵀ; shapes checked by the caller. */
export function blockedMatmulTransB(out: Matrix, a: Matrix, b: Matrix): Matrix {
  gemm(a.rows, a.cols, b.rows, a.data, a.cols, 1, b.data, 1, b.cols, out.data, null);
  return out;
}
