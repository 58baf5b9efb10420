import type { FloatArray, Matrix } from '../src/tensor/matrix.ts';

// The reference of the float32-accumulating products (setMatmulPrecision('float32')): plain loops,
// each output summed over p ascending from +0, with Math.fround after every multiply and every add,
// which is what the WebAssembly kernel's float32 lanes do (a float32 product or sum rounded from its
// exact double value; double rounding is harmless for these). Operands are rounded to float32 as
// they are read; the bias is added in double to the float32 sum, rounded by a float32 `out`.

const f = Math.fround;

function productF32(
  out: Matrix,
  m: number,
  k: number,
  n: number,
  A: (i: number, p: number) => number,
  B: (p: number, j: number) => number,
  bias: FloatArray | null,
): Matrix {
  const od = out.data;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let c = 0;
      for (let p = 0; p < k; p++) c = f(c + f(f(A(i, p)) * f(B(p, j))));
      od[i * n + j] = bias === null ? c : c + bias[j];
    }
  }
  return out;
}

/** out = a · b (+ bias)   [m, k] · [k, n] → [m, n], accumulated in float32. */
export function referenceF32Matmul(
  out: Matrix,
  a: Matrix,
  b: Matrix,
  bias: FloatArray | null = null,
): Matrix {
  const { rows: m, cols: k } = a;
  const n = b.cols;
  const ad = a.data;
  const bd = b.data;
  return productF32(
    out,
    m,
    k,
    n,
    (i, p) => ad[i * k + p],
    (p, j) => bd[p * n + j],
    bias,
  );
}

/** out = aᵀ · b   [k, m]ᵀ · [k, n] → [m, n], accumulated in float32. */
export function referenceF32MatmulTransA(out: Matrix, a: Matrix, b: Matrix): Matrix {
  const { rows: k, cols: m } = a;
  const n = b.cols;
  const ad = a.data;
  const bd = b.data;
  return productF32(
    out,
    m,
    k,
    n,
    (i, p) => ad[p * m + i],
    (p, j) => bd[p * n + j],
    null,
  );
}

/** out = a · bᵀ   [m, k] · [n, k]ᵀ → [m, n], accumulated in float32. */
export function referenceF32MatmulTransB(out: Matrix, a: Matrix, b: Matrix): Matrix {
  const { rows: m, cols: k } = a;
  const n = b.rows;
  const ad = a.data;
  const bd = b.data;
  return productF32(
    out,
    m,
    k,
    n,
    (i, p) => ad[i * k + p],
    (p, j) => bd[j * k + p],
    null,
  );
}
