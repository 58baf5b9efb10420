// WebAssembly SIMD matrix products for scratchnet (AssemblyScript; `npm run build:wasm` compiles this
// file into src/accel/generated/kernels-wasm.generated.ts).
//
// out(i, j) = Σ_p A(i, p) · B(p, j), p ascending from +0, in double, rounded once on store: the
// summation order of every output element is the reference kernels' order, so the results are bit
// for bit theirs. The f64x2 lanes hold two neighbouring OUTPUT columns (never two terms of one sum),
// float32 operands promote exactly to double, and a product of two float32 values is exact in double.
// A micro-kernel keeps a 2 x 8 block of outputs in eight vector accumulators (four are enough to
// hide the add latency; eight also halve the loads of A per multiply-add). When enough rows reuse
// them, B is packed into float64 panels of 8 columns and A into float64 row pairs (packing.ts), so
// the inner loop streams contiguous memory and converts nothing; narrow tails use 4-, 2- and 1-wide
// blocks. Splitting the work by blocks never splits a sum: each output's p loop runs whole, in order.
// Thin shapes, where these blocks would idle, have their own kernels under the same rule: a short k
// (≤ 4) in matmul-thin.ts, few columns (≤ 3, lanes along rows) in matmul-few-columns.ts, and few
// rows over a long k in matmul-long.ts (p in chunks; a sum waits between chunks in a float64 tile,
// saved and reloaded exactly, so it still runs over p ascending from +0).
//
// Operands sit in linear memory as the caller's raw float32 or float64 data; strides are in elements:
//   A(i, p) at a + (i·ars + p·acs)·size(A)    B(p, j) at b + (p·brs + j)·size(B)
//   out(i, j) at o + (i·ors + j·ocs)·size(out), bias (float64, by j) at bias, or bias = 0 for none.

import { block1, block2, block4 } from './matmul-narrow';
import { put, putPair } from './matmul-store';
import { longInner } from './matmul-long';
import { fewColumns } from './matmul-few-columns';
import { shortInner } from './matmul-thin';
import { packCols, packPair, packPanels, pairB, splatA } from './packing';

export { transposeToF64 } from './packing';

// Rows a0 and a1 (possibly the same row, for an odd last row) times 8 columns of B from pb.
function block8<TA, TB, TO>(
  k: i32, a0: usize, a1: usize, aStep: usize, pb: usize, bStep: usize,
  o0: usize, o1: usize, ocs: usize, bias: usize, j: i32,
): void {
  const SB: usize = sizeof<TB>();
  let c00 = f64x2.splat(0), c01 = f64x2.splat(0), c02 = f64x2.splat(0), c03 = f64x2.splat(0);
  let c10 = f64x2.splat(0), c11 = f64x2.splat(0), c12 = f64x2.splat(0), c13 = f64x2.splat(0);
  for (let p = 0; p < k; p++) {
    const x0 = splatA<TA>(a0);
    const x1 = splatA<TA>(a1);
    const b0 = pairB<TB>(pb);
    const b1 = pairB<TB>(pb + 2 * SB);
    const b2 = pairB<TB>(pb + 4 * SB);
    const b3 = pairB<TB>(pb + 6 * SB);
    c00 = f64x2.add(c00, f64x2.mul(x0, b0));
    c01 = f64x2.add(c01, f64x2.mul(x0, b1));
    c02 = f64x2.add(c02, f64x2.mul(x0, b2));
    c03 = f64x2.add(c03, f64x2.mul(x0, b3));
    c10 = f64x2.add(c10, f64x2.mul(x1, b0));
    c11 = f64x2.add(c11, f64x2.mul(x1, b1));
    c12 = f64x2.add(c12, f64x2.mul(x1, b2));
    c13 = f64x2.add(c13, f64x2.mul(x1, b3));
    a0 += aStep;
    a1 += aStep;
    pb += bStep;
  }
  const o2 = ocs + ocs;
  putPair<TO>(o0, ocs, c00, bias, j);
  putPair<TO>(o0 + o2, ocs, c01, bias, j + 2);
  putPair<TO>(o0 + 2 * o2, ocs, c02, bias, j + 4);
  putPair<TO>(o0 + 3 * o2, ocs, c03, bias, j + 6);
  putPair<TO>(o1, ocs, c10, bias, j);
  putPair<TO>(o1 + o2, ocs, c11, bias, j + 2);
  putPair<TO>(o1 + 2 * o2, ocs, c12, bias, j + 4);
  putPair<TO>(o1 + 3 * o2, ocs, c13, bias, j + 6);
}

// One row (a single or odd last row, e.g. batch-1 inference) times 8 columns: no duplicate row.
function block8one<TA, TB, TO>(
  k: i32, a0: usize, aStep: usize, pb: usize, bStep: usize, o0: usize, ocs: usize, bias: usize, j: i32,
): void {
  const SB: usize = sizeof<TB>();
  let c0 = f64x2.splat(0), c1 = f64x2.splat(0), c2 = f64x2.splat(0), c3 = f64x2.splat(0);
  for (let p = 0; p < k; p++) {
    const x0 = splatA<TA>(a0);
    c0 = f64x2.add(c0, f64x2.mul(x0, pairB<TB>(pb)));
    c1 = f64x2.add(c1, f64x2.mul(x0, pairB<TB>(pb + 2 * SB)));
    c2 = f64x2.add(c2, f64x2.mul(x0, pairB<TB>(pb + 4 * SB)));
    c3 = f64x2.add(c3, f64x2.mul(x0, pairB<TB>(pb + 6 * SB)));
    a0 += aStep;
    pb += bStep;
  }
  const o2 = ocs + ocs;
  putPair<TO>(o0, ocs, c0, bias, j);
  putPair<TO>(o0 + o2, ocs, c1, bias, j + 2);
  putPair<TO>(o0 + 2 * o2, ocs, c2, bias, j + 4);
  putPair<TO>(o0 + 3 * o2, ocs, c3, bias, j + 6);
}

// One row times 16 columns: eight independent sums per step hide the add latency that four leave
// exposed, and a float32 B row's 16 columns are one cache line. Batch-1 inference is all this.
function block16one<TA, TB, TO>(
  k: i32, a0: usize, aStep: usize, pb: usize, bStep: usize, o0: usize, ocs: usize, bias: usize, j: i32,
): void {
  const SB: usize = sizeof<TB>();
  let c0 = f64x2.splat(0), c1 = f64x2.splat(0), c2 = f64x2.splat(0), c3 = f64x2.splat(0);
  let c4 = f64x2.splat(0), c5 = f64x2.splat(0), c6 = f64x2.splat(0), c7 = f64x2.splat(0);
  for (let p = 0; p < k; p++) {
    const x0 = splatA<TA>(a0);
    c0 = f64x2.add(c0, f64x2.mul(x0, pairB<TB>(pb)));
    c1 = f64x2.add(c1, f64x2.mul(x0, pairB<TB>(pb + 2 * SB)));
    c2 = f64x2.add(c2, f64x2.mul(x0, pairB<TB>(pb + 4 * SB)));
    c3 = f64x2.add(c3, f64x2.mul(x0, pairB<TB>(pb + 6 * SB)));
    c4 = f64x2.add(c4, f64x2.mul(x0, pairB<TB>(pb + 8 * SB)));
    c5 = f64x2.add(c5, f64x2.mul(x0, pairB<TB>(pb + 10 * SB)));
    c6 = f64x2.add(c6, f64x2.mul(x0, pairB<TB>(pb + 12 * SB)));
    c7 = f64x2.add(c7, f64x2.mul(x0, pairB<TB>(pb + 14 * SB)));
    a0 += aStep;
    pb += bStep;
  }
  const o2 = ocs + ocs;
  putPair<TO>(o0, ocs, c0, bias, j);
  putPair<TO>(o0 + o2, ocs, c1, bias, j + 2);
  putPair<TO>(o0 + 2 * o2, ocs, c2, bias, j + 4);
  putPair<TO>(o0 + 3 * o2, ocs, c3, bias, j + 6);
  putPair<TO>(o0 + 4 * o2, ocs, c4, bias, j + 8);
  putPair<TO>(o0 + 5 * o2, ocs, c5, bias, j + 10);
  putPair<TO>(o0 + 6 * o2, ocs, c6, bias, j + 12);
  putPair<TO>(o0 + 7 * o2, ocs, c7, bias, j + 14);
}

// Columns [0, n8) from packed operands: B as float64 panels of 8 columns, then every pair of rows of
// A as float64 pairs (16 bytes per p). When a panel fits in L1 (k ≤ 256) each panel stays there
// while all the row pairs pass it; otherwise each row pair stays while the panels stream past.
function panelProduct<TA, TB, TO>(
  m: i32, k: i32, n8: i32, a: usize, ars: i32, aStep: usize, b: usize, brs: i32,
  o: usize, ors: i32, oc: usize, bias: usize, panels: usize,
): void {
  const SA: usize = sizeof<TA>(), SO: usize = sizeof<TO>();
  packPanels<TB>(k, n8, b, brs, panels);
  const panelBytes = <usize>k * 64;
  const pairBytes = <usize>k * 16;
  const pairs = panels + <usize>(n8 >> 3) * panelBytes;
  for (let i = 0; i < m; i += 2) {
    const i1 = i + 1 < m ? i + 1 : i;
    packPair<TA>(k, a + <usize>i * <usize>ars * SA, a + <usize>i1 * <usize>ars * SA, aStep, pairs + <usize>(i >> 1) * pairBytes);
  }
  const rowStep = <usize>ors * SO;
  if (k <= 256) {
    for (let j = 0; j < n8; j += 8) {
      const pb = panels + <usize>(j >> 3) * panelBytes;
      for (let i = 0; i < m; i += 2) {
        const pa = pairs + <usize>(i >> 1) * pairBytes;
        const o0 = o + <usize>i * rowStep + <usize>j * oc;
        const o1 = i + 1 < m ? o0 + rowStep : o0;
        block8<f64, f64, TO>(k, pa, pa + 8, 16, pb, 64, o0, o1, oc, bias, j);
      }
    }
  } else {
    for (let i = 0; i < m; i += 2) {
      const pa = pairs + <usize>(i >> 1) * pairBytes;
      for (let j = 0; j < n8; j += 8) {
        const pb = panels + <usize>(j >> 3) * panelBytes;
        const o0 = o + <usize>i * rowStep + <usize>j * oc;
        const o1 = i + 1 < m ? o0 + rowStep : o0;
        block8<f64, f64, TO>(k, pa, pa + 8, 16, pb, 64, o0, o1, oc, bias, j);
      }
    }
  }
}

function gemmOf<TA, TB, TO>(
  m: i32, k: i32, n: i32, a: usize, ars: i32, acs: i32, b: usize, brs: i32,
  o: usize, ors: i32, ocs: i32, bias: usize, panels: usize, scratch: usize,
): void {
  const SA: usize = sizeof<TA>(), SB: usize = sizeof<TB>(), SO: usize = sizeof<TO>();
  const aStep = <usize>acs * SA;
  const bStep = <usize>brs * SB;
  const oc = <usize>ocs * SO;
  if (k <= 4 && k > 0) {
    shortInner<TA, TB, TO>(m, k, n, a, ars, aStep, b, bStep, o, ors, oc, bias, scratch);
    return;
  }
  if (n <= 3 && k > 0) {
    fewColumns<TA, TB, TO>(m, k, n, a, ars, aStep, b, bStep, o, ors, oc, bias, scratch);
    return;
  }
  const n8 = n & ~7;
  let jStart = 0;
  if (panels !== 0 && n8 > 0) {
    panelProduct<TA, TB, TO>(m, k, n8, a, ars, aStep, b, brs, o, ors, oc, bias, panels);
    jStart = n8;
  } else if (k >= 512 && n8 > 0 && n8 <= k) {
    longInner<TA, TB, TO>(m, k, n8, a, ars, aStep, b, bStep, o, ors, oc, bias, scratch);
    jStart = n8;
  }
  // Three columns left after the blocks of 8 and 4 (n = 3, 7, 11...): one padded 4-wide pass beats
  // a 2-wide and a 1-wide one. Its 2 x 4 results land in a float64 tile after the panel.
  const tail3 = (n & 3) === 3;
  if (tail3) packCols<TB>(k, 3, b + <usize>(n - 3) * SB, bStep, scratch);
  for (let i = 0; i < m; i += 2) {
    // An odd last row is computed twice and stored twice, to the same place with the same value.
    rowPair<TA, TB, TO>(i, i + 1 < m ? i + 1 : i, k, n, jStart, a, ars, aStep, b, bStep, o, ors, oc, bias, scratch, tail3);
  }
}

// Rows i and i1 (the same row for an odd last one), columns [jStart, n): the blocks of 16 and 8 for a
// single row, then of 8, 4, the padded 3 (B's last three columns packed at scratch), 2 and 1.
@inline function rowPair<TA, TB, TO>(
  i: i32, i1: i32, k: i32, n: i32, jStart: i32, a: usize, ars: i32, aStep: usize, b: usize, bStep: usize,
  o: usize, ors: i32, oc: usize, bias: usize, scratch: usize, tail3: bool,
): void {
  const SA: usize = sizeof<TA>(), SB: usize = sizeof<TB>(), SO: usize = sizeof<TO>();
  const tile = scratch + <usize>k * 32;
  const a0 = a + <usize>i * <usize>ars * SA;
  const a1 = a + <usize>i1 * <usize>ars * SA;
  const o0 = o + <usize>i * <usize>ors * SO;
  const o1 = o + <usize>i1 * <usize>ors * SO;
  let j = jStart;
  if (i1 === i) {
    for (; j + 16 <= n; j += 16) {
      block16one<TA, TB, TO>(k, a0, aStep, b + <usize>j * SB, bStep, o0 + <usize>j * oc, oc, bias, j);
    }
    for (; j + 8 <= n; j += 8) {
      block8one<TA, TB, TO>(k, a0, aStep, b + <usize>j * SB, bStep, o0 + <usize>j * oc, oc, bias, j);
    }
  }
  for (; j + 8 <= n; j += 8) {
    block8<TA, TB, TO>(k, a0, a1, aStep, b + <usize>j * SB, bStep, o0 + <usize>j * oc, o1 + <usize>j * oc, oc, bias, j);
  }
  for (; j + 4 <= n; j += 4) {
    block4<TA, TB, TO>(k, a0, a1, aStep, b + <usize>j * SB, bStep, o0 + <usize>j * oc, o1 + <usize>j * oc, oc, bias, j);
  }
  if (tail3) {
    block4<TA, f64, f64>(k, a0, a1, aStep, scratch, 32, tile, tile + 32, 8, 0, 0);
    for (let c = 0; c < 3; c++) {
      put<TO>(o0 + <usize>(j + c) * oc, load<f64>(tile + (<usize>c << 3)), bias, j + c);
      put<TO>(o1 + <usize>(j + c) * oc, load<f64>(tile + 32 + (<usize>c << 3)), bias, j + c);
    }
    j += 3;
  }
  for (; j + 2 <= n; j += 2) {
    block2<TA, TB, TO>(k, a0, a1, aStep, b + <usize>j * SB, bStep, o0 + <usize>j * oc, o1 + <usize>j * oc, oc, bias, j);
  }
  if (j < n) {
    block1<TA, TB, TO>(k, a0, a1, aStep, b + <usize>j * SB, bStep, o0 + <usize>j * oc, o1 + <usize>j * oc, bias, j);
  }
}

/**
 * out = op(A)·op(B) with the strides above; the three flags say which operands are float64. With
 * panels ≠ 0, B's columns are first packed there (k·8·8 bytes per 8 columns): worth it when many rows
 * of A reuse them. scratch: working space, k·32 + 64 bytes, plus 64·24 when n ≤ 3; for k ≤ 4, at
 * least k·n·8 (rounded up to 16) + n·4 bytes.
 */
export function gemm(
  m: i32, k: i32, n: i32, a: usize, a64: i32, ars: i32, acs: i32, b: usize, b64: i32, brs: i32,
  o: usize, o64: i32, ors: i32, ocs: i32, bias: usize, panels: usize, scratch: usize,
): void {
  switch (a64 | (b64 << 1) | (o64 << 2)) {
    case 0: gemmOf<f32, f32, f32>(m, k, n, a, ars, acs, b, brs, o, ors, ocs, bias, panels, scratch); break;
    case 1: gemmOf<f64, f32, f32>(m, k, n, a, ars, acs, b, brs, o, ors, ocs, bias, panels, scratch); break;
    case 2: gemmOf<f32, f64, f32>(m, k, n, a, ars, acs, b, brs, o, ors, ocs, bias, panels, scratch); break;
    case 3: gemmOf<f64, f64, f32>(m, k, n, a, ars, acs, b, brs, o, ors, ocs, bias, panels, scratch); break;
    case 4: gemmOf<f32, f32, f64>(m, k, n, a, ars, acs, b, brs, o, ors, ocs, bias, panels, scratch); break;
    case 5: gemmOf<f64, f32, f64>(m, k, n, a, ars, acs, b, brs, o, ors, ocs, bias, panels, scratch); break;
    case 6: gemmOf<f32, f64, f64>(m, k, n, a, ars, acs, b, brs, o, ors, ocs, bias, panels, scratch); break;
    default: gemmOf<f64, f64, f64>(m, k, n, a, ars, acs, b, brs, o, ors, ocs, bias, panels, scratch);
  }
}

