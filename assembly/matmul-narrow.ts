// The narrow tails of matmul.ts's products: two rows of A times 4, 2 or 1 columns of B, each output
// summed over p ascending from +0 in double and rounded once on store, as every kernel there.

import { put, putPair } from './matmul-store';
import { pairB, splatA } from './packing';

export function block4<TA, TB, TO>(
  k: i32, a0: usize, a1: usize, aStep: usize, pb: usize, bStep: usize,
  o0: usize, o1: usize, ocs: usize, bias: usize, j: i32,
): void {
  const SB: usize = sizeof<TB>();
  let c00 = f64x2.splat(0), c01 = f64x2.splat(0), c10 = f64x2.splat(0), c11 = f64x2.splat(0);
  for (let p = 0; p < k; p++) {
    const x0 = splatA<TA>(a0);
    const x1 = splatA<TA>(a1);
    const b0 = pairB<TB>(pb);
    const b1 = pairB<TB>(pb + 2 * SB);
    c00 = f64x2.add(c00, f64x2.mul(x0, b0));
    c01 = f64x2.add(c01, f64x2.mul(x0, b1));
    c10 = f64x2.add(c10, f64x2.mul(x1, b0));
    c11 = f64x2.add(c11, f64x2.mul(x1, b1));
    a0 += aStep;
    a1 += aStep;
    pb += bStep;
  }
  const o2 = ocs + ocs;
  putPair<TO>(o0, ocs, c00, bias, j);
  putPair<TO>(o0 + o2, ocs, c01, bias, j + 2);
  putPair<TO>(o1, ocs, c10, bias, j);
  putPair<TO>(o1 + o2, ocs, c11, bias, j + 2);
}

export function block2<TA, TB, TO>(
  k: i32, a0: usize, a1: usize, aStep: usize, pb: usize, bStep: usize,
  o0: usize, o1: usize, ocs: usize, bias: usize, j: i32,
): void {
  let c0 = f64x2.splat(0), c1 = f64x2.splat(0);
  for (let p = 0; p < k; p++) {
    const b0 = pairB<TB>(pb);
    c0 = f64x2.add(c0, f64x2.mul(splatA<TA>(a0), b0));
    c1 = f64x2.add(c1, f64x2.mul(splatA<TA>(a1), b0));
    a0 += aStep;
    a1 += aStep;
    pb += bStep;
  }
  putPair<TO>(o0, ocs, c0, bias, j);
  putPair<TO>(o1, ocs, c1, bias, j);
}

export function block1<TA, TB, TO>(
  k: i32, a0: usize, a1: usize, aStep: usize, pb: usize, bStep: usize,
  o0: usize, o1: usize, bias: usize, j: i32,
): void {
  let c0: f64 = 0, c1: f64 = 0;
  for (let p = 0; p < k; p++) {
    const b0 = <f64>load<TB>(pb);
    c0 += <f64>load<TA>(a0) * b0;
    c1 += <f64>load<TA>(a1) * b0;
    a0 += aStep;
    a1 += aStep;
    pb += bStep;
  }
  put<TO>(o0, c0, bias, j);
  put<TO>(o1, c1, bias, j);
}
