// A short inner dimension (k ≤ 4: the spiral network's 2 inputs and 3 classes), where matmul.ts's
// 2 x 8 blocks would spend their time entering and leaving a two- or three-step loop over p.
// Same rule as there: each output is Σ_p A(i, p)·B(p, j) over p ascending from +0 in double,
// rounded once on store; vector lanes hold different outputs, never two terms of one sum.

import { put, putPair } from './matmul-store';
import { packRows, splatA } from './packing';

// k ≤ 4: B is converted to float64 once (k·n values, in scratch), then for each block of 4 or 8
// columns its k rows stay in registers while every row of A passes: one row's outputs of the block
// come from k splatted values of A, with no loop over p to enter and leave.
export function shortInner<TA, TB, TO>(
  m: i32, k: i32, n: i32, a: usize, ars: i32, aStep: usize, b: usize, bStep: usize,
  o: usize, ors: i32, oc: usize, bias: usize, scratch: usize,
): void {
  let pb = b, rowB = bStep;
  if (sizeof<TB>() === 4) {
    packRows<TB>(k, n, b, bStep, scratch);
    pb = scratch;
    rowB = <usize>n * 8;
  }
  // The bias as float32, for the float32 vector add, when it holds float32 values and no -0.
  const b32 = scratch + ((<usize>k * <usize>n * 8 + 15) & ~15);
  let bias32 = bias !== 0;
  for (let j = 0; j < n && bias !== 0; j++) {
    const v = load<f64>(bias + (<usize>j << 3));
    if (reinterpret<u64>(v) === 0x8000000000000000 || <f64>(<f32>v) !== v) bias32 = false;
    store<f32>(b32 + (<usize>j << 2), <f32>v);
  }
  const quads = sizeof<TO>() === 4 && oc === 4 && (bias === 0 || bias32);
  shortBlocks<TA, TO>(k, quads, m, n, a, <usize>ars * sizeof<TA>(), aStep, pb, rowB, o, <usize>ors * sizeof<TO>(), oc, bias, b32);
}

// quads: a float32 output whose columns are neighbours, without a bias or with one of float32
// values that holds no -0 (as float32 at b32).
function shortBlocks<TA, TO>(
  k: i32, quads: bool, m: i32, n: i32, a: usize, rowA: usize, aStep: usize, pb: usize, rowB: usize,
  o: usize, rowO: usize, oc: usize, bias: usize, b32: usize,
): void {
  let j = 0;
  if (sizeof<TO>() === 4 && quads && bias === 0) {
    if (k === 1) j = quadCols<TA>(1, false, m, n, a, rowA, aStep, pb, rowB, o, rowO, b32);
    else if (k === 2) j = quadCols<TA>(2, false, m, n, a, rowA, aStep, pb, rowB, o, rowO, b32);
    else if (k === 3) j = quadCols<TA>(3, false, m, n, a, rowA, aStep, pb, rowB, o, rowO, b32);
    else j = quadCols<TA>(4, false, m, n, a, rowA, aStep, pb, rowB, o, rowO, b32);
  } else if (sizeof<TO>() === 4 && quads) {
    if (k === 1) j = quadCols<TA>(1, true, m, n, a, rowA, aStep, pb, rowB, o, rowO, b32);
    else if (k === 2) j = quadCols<TA>(2, true, m, n, a, rowA, aStep, pb, rowB, o, rowO, b32);
    else if (k === 3) j = quadCols<TA>(3, true, m, n, a, rowA, aStep, pb, rowB, o, rowO, b32);
    else j = quadCols<TA>(4, true, m, n, a, rowA, aStep, pb, rowB, o, rowO, b32);
  } else {
    if (k === 1) j = pairCols<TA, TO>(1, m, n, a, rowA, aStep, pb, rowB, o, rowO, oc, bias);
    else if (k === 2) j = pairCols<TA, TO>(2, m, n, a, rowA, aStep, pb, rowB, o, rowO, oc, bias);
    else if (k === 3) j = pairCols<TA, TO>(3, m, n, a, rowA, aStep, pb, rowB, o, rowO, oc, bias);
    else j = pairCols<TA, TO>(4, m, n, a, rowA, aStep, pb, rowB, o, rowO, oc, bias);
  }
  for (; j < n; j++) {
    let ai = a, oi = o + <usize>j * oc;
    for (let i = 0; i < m; i++) {
      let c: f64 = 0;
      for (let p = 0; p < k; p++) c += <f64>load<TA>(ai + <usize>p * aStep) * load<f64>(pb + <usize>p * rowB + (<usize>j << 3));
      put<TO>(oi, c, bias, j);
      ai += rowA;
      oi += rowO;
    }
  }
}

// One row's sums for two columns from the float64 pairs of B's rows in b0..b3 (p = 0..K-1);
// FIRST: from the first term rather than +0 (see quadCols).
@inline function dot2<TA>(K: i32, FIRST: bool, ai: usize, aStep: usize, b0: v128, b1: v128, b2: v128, b3: v128): v128 {
  let c = f64x2.mul(splatA<TA>(ai), b0);
  if (!FIRST) c = f64x2.add(f64x2.splat(0), c);
  if (K > 1) c = f64x2.add(c, f64x2.mul(splatA<TA>(ai + aStep), b1));
  if (K > 2) c = f64x2.add(c, f64x2.mul(splatA<TA>(ai + 2 * aStep), b2));
  if (K > 3) c = f64x2.add(c, f64x2.mul(splatA<TA>(ai + 3 * aStep), b3));
  return c;
}

@inline function quad(BIAS: bool, lo: v128, hi: v128, bv: v128): v128 {
  const w = v128.shuffle<f32>(f32x4.demote_f64x2_zero(lo), f32x4.demote_f64x2_zero(hi), 0, 1, 4, 5);
  return BIAS ? f32x4.add(w, bv) : w;
}

// Float32 outputs, neighbours in memory, four to a store. BIAS: with float32 bias values that
// hold no -0, at bias32. Then one float32 add rounds fround(acc) + bias as the double add and its
// rounding do (a double holds more than twice float32's precision, so rounding twice cannot differ
// from rounding once), and the sums start from their first term rather than +0: that start only
// turns a -0 sum into +0, and either zero plus such a bias gives the same value. Blocks of 8
// columns, then of 4; returns the first column left.
@inline function quadCols<TA>(
  K: i32, BIAS: bool, m: i32, n: i32, a: usize, rowA: usize, aStep: usize, pb: usize, rowB: usize,
  o: usize, rowO: usize, bias32: usize,
): i32 {
  let j = 0;
  for (; j + 8 <= n; j += 8) {
    const q = pb + (<usize>j << 3);
    const r1: usize = K > 1 ? rowB : 0, r2: usize = K > 2 ? 2 * rowB : 0, r3: usize = K > 3 ? 3 * rowB : 0;
    const b00 = v128.load(q), b01 = v128.load(q, 16), b02 = v128.load(q, 32), b03 = v128.load(q, 48);
    const b10 = v128.load(q + r1), b11 = v128.load(q + r1, 16), b12 = v128.load(q + r1, 32), b13 = v128.load(q + r1, 48);
    const b20 = v128.load(q + r2), b21 = v128.load(q + r2, 16), b22 = v128.load(q + r2, 32), b23 = v128.load(q + r2, 48);
    const b30 = v128.load(q + r3), b31 = v128.load(q + r3, 16), b32_ = v128.load(q + r3, 32), b33 = v128.load(q + r3, 48);
    const bv0 = v128.load(bias32 + (<usize>j << 2)), bv1 = v128.load(bias32 + (<usize>j << 2), 16);
    let ai = a, oi = o + (<usize>j << 2);
    for (let i = 0; i < m; i++) {
      const c0 = dot2<TA>(K, BIAS, ai, aStep, b00, b10, b20, b30);
      const c1 = dot2<TA>(K, BIAS, ai, aStep, b01, b11, b21, b31);
      const c2 = dot2<TA>(K, BIAS, ai, aStep, b02, b12, b22, b32_);
      const c3 = dot2<TA>(K, BIAS, ai, aStep, b03, b13, b23, b33);
      v128.store(oi, quad(BIAS, c0, c1, bv0));
      v128.store(oi, quad(BIAS, c2, c3, bv1), 16);
      ai += rowA;
      oi += rowO;
    }
  }
  for (; j + 4 <= n; j += 4) {
    const q = pb + (<usize>j << 3);
    const b0l = v128.load(q), b0h = v128.load(q, 16);
    const b1l = K > 1 ? v128.load(q + rowB) : b0l, b1h = K > 1 ? v128.load(q + rowB, 16) : b0h;
    const b2l = K > 2 ? v128.load(q + 2 * rowB) : b0l, b2h = K > 2 ? v128.load(q + 2 * rowB, 16) : b0h;
    const b3l = K > 3 ? v128.load(q + 3 * rowB) : b0l, b3h = K > 3 ? v128.load(q + 3 * rowB, 16) : b0h;
    const bv = v128.load(bias32 + (<usize>j << 2));
    let ai = a, oi = o + (<usize>j << 2);
    for (let i = 0; i < m; i++) {
      const lo = dot2<TA>(K, BIAS, ai, aStep, b0l, b1l, b2l, b3l);
      const hi = dot2<TA>(K, BIAS, ai, aStep, b0h, b1h, b2h, b3h);
      v128.store(oi, quad(BIAS, lo, hi, bv));
      ai += rowA;
      oi += rowO;
    }
  }
  return j;
}

// Any other output (float64; float32 with columns apart, or with a bias that float32 cannot hold
// or that holds -0): pairs of columns, stored by putPair. Returns the first column left.
@inline function pairCols<TA, TO>(
  K: i32, m: i32, n: i32, a: usize, rowA: usize, aStep: usize, pb: usize, rowB: usize,
  o: usize, rowO: usize, oc: usize, bias: usize,
): i32 {
  let j = 0;
  for (; j + 2 <= n; j += 2) {
    const q = pb + (<usize>j << 3);
    const b0 = v128.load(q);
    const b1 = K > 1 ? v128.load(q + rowB) : b0;
    const b2 = K > 2 ? v128.load(q + 2 * rowB) : b0;
    const b3 = K > 3 ? v128.load(q + 3 * rowB) : b0;
    let ai = a, oi = o + <usize>j * oc;
    for (let i = 0; i < m; i++) {
      putPair<TO>(oi, oc, dot2<TA>(K, false, ai, aStep, b0, b1, b2, b3), bias, j);
      ai += rowA;
      oi += rowO;
    }
  }
  return j;
}
