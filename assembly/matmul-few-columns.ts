// Few output columns (n ≤ 3: the spiral network's 3 classes), too few for column lanes: here the
// lanes hold two ROWS, outputs (i, j) and (i + 1, j), four pairs of rows at a time (12 sums). Same
// rule as matmul.ts: each output is Σ_p A(i, p)·B(p, j) over p ascending from +0 in double, rounded
// once on store. B(p, j) is splatted from a float64 copy (k rows of 32 bytes in scratch); A(i, p)
// and A(i + 1, p) are gathered, or loaded together when a column of A is contiguous (aᵀ·b's A).
// An odd last row pairs with itself and stores the same value twice.
// p goes in chunks, each across all the rows (as in matmul-long.ts: B's rows are then read whole
// rather than down one strip at a time); the sums wait between chunks in a float64 tile after B's
// copy, saved and reloaded exactly, and are stored from there at the end of their group of rows.

import { packCols, pairA } from './packing';

const CHUNK = 128;
/** Rows at a time: their sums' tile (GROUP · 24 bytes) stays in L1 until they are stored. */
const GROUP = 64;

export function fewColumns<TA, TB, TO>(
  m: i32, k: i32, n: i32, a: usize, ars: i32, aStep: usize, b: usize, bStep: usize,
  o: usize, ors: i32, oc: usize, bias: usize, scratch: usize,
): void {
  packCols<TB>(k, n, b, bStep, scratch);
  const tile = scratch + <usize>k * 32;
  const rowA = <usize>ars * sizeof<TA>(), rowO = <usize>ors * sizeof<TO>();
  for (let g = 0; g < m; g += GROUP) {
    const gm = min(GROUP, m - g);
    const ag = a + <usize>g * rowA;
    memory.fill(tile, 0, <usize>((gm + 1) >> 1) * 48);
    for (let p0 = 0; p0 < k; p0 += CHUNK) {
      const kc = min(CHUNK, k - p0);
      const at = ag + <usize>p0 * aStep;
      const pb = scratch + <usize>p0 * 32;
      if (ars === 1) {
        if (n === 1) pairRows<TA, u8, u16>(gm, kc, at, rowA, aStep, pb, tile);
        else if (n === 2) pairRows<TA, u16, u16>(gm, kc, at, rowA, aStep, pb, tile);
        else pairRows<TA, u32, u16>(gm, kc, at, rowA, aStep, pb, tile);
      } else {
        if (n === 1) pairRows<TA, u8, u8>(gm, kc, at, rowA, aStep, pb, tile);
        else if (n === 2) pairRows<TA, u16, u8>(gm, kc, at, rowA, aStep, pb, tile);
        else pairRows<TA, u32, u8>(gm, kc, at, rowA, aStep, pb, tile);
      }
    }
    flush<TO>(gm, n, tile, o + <usize>g * rowO, rowO, oc, bias);
  }
}

// The tile's sums of gm rows, rounded once and stored (with the bias: for a float32 output, to the
// float32-rounded sum, then rounded again; adding -0 where there is no bias changes nothing).
function flush<TO>(gm: i32, n: i32, tile: usize, o: usize, rowO: usize, oc: usize, bias: usize): void {
  for (let i = 0; i < gm; i += 2) {
    const t = tile + <usize>i * 24;
    const o0 = o + <usize>i * rowO;
    const o1 = i + 1 < gm ? o0 + rowO : o0;
    for (let j = 0; j < n; j++) {
      const v = v128.load(t + <usize>j * 16);
      const bj = bias !== 0 ? f64x2.splat(load<f64>(bias + (<usize>j << 3))) : f64x2.splat(-0.0);
      if (sizeof<TO>() === 4) {
        const w = f32x4.demote_f64x2_zero(f64x2.add(f64x2.promote_low_f32x4(f32x4.demote_f64x2_zero(v)), bj));
        v128.store32_lane(o0 + <usize>j * oc, w, 0);
        v128.store32_lane(o1 + <usize>j * oc, w, 1);
      } else {
        const w = f64x2.add(v, bj);
        v128.store64_lane(o0 + <usize>j * oc, w, 0);
        v128.store64_lane(o1 + <usize>j * oc, w, 1);
      }
    }
  }
}

// The column count and the layout of A are type parameters, so that each instance is compiled
// with them as constants: C is u8, u16 or u32 for 1, 2 or 3 columns; X is u16 when A(i + 1, p)
// follows A(i, p) in memory, u8 when it must be gathered.
function pairRows<TA, C, X>(m: i32, kc: i32, a: usize, rowA: usize, aStep: usize, pb: usize, tile: usize): void {
  let i = 0;
  for (; i + 8 <= m; i += 8) pairs4<TA, C, X>(kc, a + <usize>i * rowA, rowA, aStep, pb, tile + <usize>i * 24);
  for (; i < m; i += 2) {
    const i1 = i + 1 < m ? i + 1 : i;
    pairs1<TA, C, X>(kc, a + <usize>i * rowA, a + <usize>i1 * rowA, aStep, pb, tile + <usize>i * 24);
  }
}

// Four pairs of rows: their sums come from the tile (16 bytes a column, 48 a pair) and go back.
@inline function pairs4<TA, C, X>(kc: i32, a: usize, rowA: usize, aStep: usize, pb: usize, t: usize): void {
  const N: i32 = sizeof<C>() === 4 ? 3 : <i32>sizeof<C>();
  const zero = f64x2.splat(0);
  let c00 = v128.load(t), c01 = N > 1 ? v128.load(t, 16) : zero, c02 = N > 2 ? v128.load(t, 32) : zero;
  let c10 = v128.load(t, 48), c11 = N > 1 ? v128.load(t, 64) : zero, c12 = N > 2 ? v128.load(t, 80) : zero;
  let c20 = v128.load(t, 96), c21 = N > 1 ? v128.load(t, 112) : zero, c22 = N > 2 ? v128.load(t, 128) : zero;
  let c30 = v128.load(t, 144), c31 = N > 1 ? v128.load(t, 160) : zero, c32 = N > 2 ? v128.load(t, 176) : zero;
  const r2 = rowA + rowA;
  for (let p = 0; p < kc; p++) {
    const b0 = v128.load64_splat(pb);
    const b1 = N > 1 ? v128.load64_splat(pb, 8) : zero;
    const b2 = N > 2 ? v128.load64_splat(pb, 16) : zero;
    let x = pairA<TA, X>(a, a + rowA);
    c00 = f64x2.add(c00, f64x2.mul(x, b0));
    if (N > 1) c01 = f64x2.add(c01, f64x2.mul(x, b1));
    if (N > 2) c02 = f64x2.add(c02, f64x2.mul(x, b2));
    x = pairA<TA, X>(a + r2, a + r2 + rowA);
    c10 = f64x2.add(c10, f64x2.mul(x, b0));
    if (N > 1) c11 = f64x2.add(c11, f64x2.mul(x, b1));
    if (N > 2) c12 = f64x2.add(c12, f64x2.mul(x, b2));
    x = pairA<TA, X>(a + 2 * r2, a + 2 * r2 + rowA);
    c20 = f64x2.add(c20, f64x2.mul(x, b0));
    if (N > 1) c21 = f64x2.add(c21, f64x2.mul(x, b1));
    if (N > 2) c22 = f64x2.add(c22, f64x2.mul(x, b2));
    x = pairA<TA, X>(a + 3 * r2, a + 3 * r2 + rowA);
    c30 = f64x2.add(c30, f64x2.mul(x, b0));
    if (N > 1) c31 = f64x2.add(c31, f64x2.mul(x, b1));
    if (N > 2) c32 = f64x2.add(c32, f64x2.mul(x, b2));
    a += aStep;
    pb += 32;
  }
  v128.store(t, c00);
  if (N > 1) v128.store(t, c01, 16);
  if (N > 2) v128.store(t, c02, 32);
  v128.store(t, c10, 48);
  if (N > 1) v128.store(t, c11, 64);
  if (N > 2) v128.store(t, c12, 80);
  v128.store(t, c20, 96);
  if (N > 1) v128.store(t, c21, 112);
  if (N > 2) v128.store(t, c22, 128);
  v128.store(t, c30, 144);
  if (N > 1) v128.store(t, c31, 160);
  if (N > 2) v128.store(t, c32, 176);
}

@inline function pairs1<TA, C, X>(kc: i32, a0: usize, a1: usize, aStep: usize, pb: usize, t: usize): void {
  const N: i32 = sizeof<C>() === 4 ? 3 : <i32>sizeof<C>();
  const zero = f64x2.splat(0);
  let c0 = v128.load(t), c1 = N > 1 ? v128.load(t, 16) : zero, c2 = N > 2 ? v128.load(t, 32) : zero;
  // a1 is a0's neighbour only when they are two rows; an odd last row is gathered with itself
  const next = sizeof<X>() === 2 && a1 !== a0;
  for (let p = 0; p < kc; p++) {
    const x = next ? pairA<TA, u16>(a0, a1) : pairA<TA, u8>(a0, a1);
    c0 = f64x2.add(c0, f64x2.mul(x, v128.load64_splat(pb)));
    if (N > 1) c1 = f64x2.add(c1, f64x2.mul(x, v128.load64_splat(pb, 8)));
    if (N > 2) c2 = f64x2.add(c2, f64x2.mul(x, v128.load64_splat(pb, 16)));
    a0 += aStep;
    a1 += aStep;
    pb += 32;
  }
  v128.store(t, c0);
  if (N > 1) v128.store(t, c1, 16);
  if (N > 2) v128.store(t, c2, 32);
}
