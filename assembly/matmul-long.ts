// A long inner dimension with few rows (aᵀ·b's weight gradients of a narrow layer: 2 x 3000 · 3000 x 64):
// no rows to reuse packed panels, so each pair of rows meets B once, strip by strip of 8 columns.
// Walking all k rows of B down one strip before the next reads it at a stride the hardware does
// not fetch ahead, so p goes in chunks, and within a chunk across all the strips: the chunk's rows
// of B are read whole. Each strip's 16 sums wait in a float64 tile between chunks: saved and
// reloaded exactly, so each sum still runs over p ascending from +0, as one loop would.

import { putPair } from './matmul-store';
import { packPair, pairB } from './packing';

const CHUNK = 128;

/** Columns [0, n8) of every row; scratch: k·16 + n8·16 bytes (A's row pair, then the tile). */
export function longInner<TA, TB, TO>(
  m: i32, k: i32, n8: i32, a: usize, ars: i32, aStep: usize, b: usize, bStep: usize,
  o: usize, ors: i32, oc: usize, bias: usize, scratch: usize,
): void {
  const SB: usize = sizeof<TB>();
  const rowA = <usize>ars * sizeof<TA>(), rowO = <usize>ors * sizeof<TO>();
  const pairs = scratch;
  const tile = scratch + <usize>k * 16;
  for (let i = 0; i < m; i += 2) {
    const i1 = i + 1 < m ? i + 1 : i;
    packPair<TA>(k, a + <usize>i * rowA, a + <usize>i1 * rowA, aStep, pairs);
    memory.fill(tile, 0, <usize>n8 * 16);
    for (let p0 = 0; p0 < k; p0 += CHUNK) {
      const kc = min(CHUNK, k - p0);
      const pa = pairs + <usize>p0 * 16;
      const pb = b + <usize>p0 * bStep;
      for (let j = 0; j < n8; j += 8) chunk8<TB>(kc, pa, pb + <usize>j * SB, bStep, tile + <usize>j * 16);
    }
    const o0 = o + <usize>i * rowO, o1 = o + <usize>i1 * rowO;
    for (let j = 0; j < n8; j += 2) {
      const t = tile + <usize>(j >> 3) * 128 + <usize>(j & 7) * 8;
      putPair<TO>(o0 + <usize>j * oc, oc, v128.load(t), bias, j);
      putPair<TO>(o1 + <usize>j * oc, oc, v128.load(t, 64), bias, j);
    }
  }
}

// kc steps of one strip: rows i and i1 (float64 pairs at pa) times 8 columns of B, onto the tile's sums.
function chunk8<TB>(kc: i32, pa: usize, pb: usize, bStep: usize, t: usize): void {
  const SB: usize = sizeof<TB>();
  let c00 = v128.load(t), c01 = v128.load(t, 16), c02 = v128.load(t, 32), c03 = v128.load(t, 48);
  let c10 = v128.load(t, 64), c11 = v128.load(t, 80), c12 = v128.load(t, 96), c13 = v128.load(t, 112);
  for (let p = 0; p < kc; p++) {
    const x0 = v128.load64_splat(pa);
    const x1 = v128.load64_splat(pa, 8);
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
    pa += 16;
    pb += bStep;
  }
  v128.store(t, c00);
  v128.store(t, c01, 16);
  v128.store(t, c02, 32);
  v128.store(t, c03, 48);
  v128.store(t, c10, 64);
  v128.store(t, c11, 80);
  v128.store(t, c12, 96);
  v128.store(t, c13, 112);
}
