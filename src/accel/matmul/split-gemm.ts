import { Job } from '../threads/kernel-jobs.ts';
import { kernelHelpers, partStart } from '../threads/kernel-team.ts';
import type { KernelExports } from './wasm-kernels.ts';

// A matrix product shared between the calling thread and the kernel helper threads
// (src/tensor/threads/): the exact module's gemm over disjoint blocks of output rows or columns.

/**
 * Below this many multiply-adds a product stays on one thread. Alternated in one process, with the
 * threads polling, the 1x784·784x128 product of batch-1 inference (100,352) ran 1.0–1.65x faster split
 * across two threads; but `npm run bench`'s batch-1 row on two threads was 0.79x, 1.14x and 0.79x of
 * one thread's in three runs that split it, and 0.79x in one that did not: no gain shown where it
 * counts, and a helper thread the hypervisor has paused delays every product it has a part of.
 */
const PARALLEL_MIN_WORK = 200_000;

/** How many threads share a product of this size: all of them, or just this one. */
export function partsFor(m: number, k: number, n: number): number {
  return m * k * n >= PARALLEL_MIN_WORK && Math.max(m, n) >= 4 ? kernelHelpers().length + 1 : 1;
}

/**
 * One thread's share of a product whose output rows (when m ≥ n) or else columns are split: its shape
 * and the byte addresses of its first elements. Set in place by `of`: a split allocates nothing.
 */
export class ProductPart {
  rows = 0;
  cols = 0;
  a = 0;
  b = 0;
  o = 0;
  bias = 0;

  /**
   * Part `part` of `parts` (part 0 is the calling thread's), in whole blocks of `rowGrain` rows or of 8
   * columns; false when it is empty. The steps are in bytes, from one row (of A, of out) or one column
   * (of B, of out, of the bias) to the next; `bias` 0 is no bias.
   */
  of(
    part: number,
    parts: number,
    m: number,
    n: number,
    rowGrain: number,
    a: number,
    aRowStep: number,
    b: number,
    bColumnStep: number,
    o: number,
    oRowStep: number,
    oColumnStep: number,
    bias: number,
    biasStep: number,
  ): boolean {
    const byRows = m >= n;
    const count = byRows ? m : n;
    const grain = byRows ? rowGrain : 8;
    const start = partStart(count, parts, part, grain);
    const size = partStart(count, parts, part + 1, grain) - start;
    this.rows = byRows ? size : m;
    this.cols = byRows ? n : size;
    this.a = byRows ? a + start * aRowStep : a;
    this.b = byRows ? b : b + start * bColumnStep;
    this.o = o + start * (byRows ? oRowStep : oColumnStep);
    this.bias = bias === 0 || byRows ? bias : bias + start * biasStep;
    return size > 0;
  }
}

const share = new ProductPart();

/**
 * exports.gemm over the whole product, its output rows (or, when there are fewer rows than
 * columns, its columns) split between this thread and the helpers. Every output's sum still runs
 * whole on one thread, so the result is bit for bit one call's. Part h works in its own panels and
 * scratch: `panels + h · panelStride`, `scratch + h · scratchStride`.
 */
export function splitGemm(
  exports: Pick<KernelExports, 'gemm'>,
  parts: number,
  m: number,
  k: number,
  n: number,
  a: number,
  a64: number,
  ars: number,
  acs: number,
  b: number,
  b64: number,
  brs: number,
  o: number,
  o64: number,
  ors: number,
  ocs: number,
  bias: number,
  panels: number,
  panelStride: number,
  scratch: number,
  scratchStride: number,
): void {
  const sa = a64 === 1 ? 8 : 4;
  const sb = b64 === 1 ? 8 : 4;
  const so = o64 === 1 ? 8 : 4;
  const helpers = kernelHelpers();
  const s = share;
  // parts 1.. go to the helpers first, part 0 runs here meanwhile
  for (let part = parts - 1; part >= 0; part--) {
    // the bias is float64 here
    if (!s.of(part, parts, m, n, 2, a, ars * sa, b, sb, o, ors * so, ocs * so, bias, 8)) continue;
    const pp = panels === 0 ? 0 : panels + part * panelStride;
    const sp = scratch + part * scratchStride;
    if (part === 0) {
      exports.gemm(s.rows, k, s.cols, s.a, a64, ars, acs, s.b, b64, brs, s.o, o64, ors, ocs, s.bias, pp, sp);
    } else {
      helpers[part - 1].post(
        Job.gemm,
        s.rows,
        k,
        s.cols,
        s.a,
        a64,
        ars,
        acs,
        s.b,
        b64,
        brs,
        s.o,
        o64,
        ors,
        ocs,
        s.bias,
        pp,
        sp,
      );
    }
  }
  for (let part = 1; part < parts; part++) helpers[part - 1].wait();
}
