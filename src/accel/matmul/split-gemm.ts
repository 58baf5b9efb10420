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
 * The arguments of one exact gemm over the whole product, set in place by its chained setters (one
 * object reused for every product: a split allocates nothing). Strides are in elements; addresses in
 * bytes; the `64` flags say which operands are float64.
 */
export class GemmCall {
  m = 0;
  k = 0;
  n = 0;
  a = 0;
  a64 = 0;
  ars = 0;
  acs = 0;
  b = 0;
  b64 = 0;
  brs = 0;
  o = 0;
  o64 = 0;
  ors = 0;
  ocs = 0;
  bias = 0;
  panels = 0;
  panelStride = 0;
  scratch = 0;
  scratchStride = 0;

  /** out [m, n] = A [m, k] · B [k, n] */
  shape(m: number, k: number, n: number): this {
    this.m = m;
    this.k = k;
    this.n = n;
    return this;
  }

  /** A(i, p) at a + (i·rowStride + p·columnStride)·size */
  left(at: number, is64: number, rowStride: number, columnStride: number): this {
    this.a = at;
    this.a64 = is64;
    this.ars = rowStride;
    this.acs = columnStride;
    return this;
  }

  /** B(p, j) at b + (p·rowStride + j)·size */
  right(at: number, is64: number, rowStride: number): this {
    this.b = at;
    this.b64 = is64;
    this.brs = rowStride;
    return this;
  }

  /** out(i, j) at o + (i·rowStride + j·columnStride)·size, plus the float64 bias at `bias` (0: none) */
  output(at: number, is64: number, rowStride: number, columnStride: number, bias: number): this {
    this.o = at;
    this.o64 = is64;
    this.ors = rowStride;
    this.ocs = columnStride;
    this.bias = bias;
    return this;
  }

  /** Each part's panels (0: none) and scratch: part h works at `panels + h·panelStride`, `scratch + h·scratchStride`. */
  work(panels: number, panelStride: number, scratch: number, scratchStride: number): this {
    this.panels = panels;
    this.panelStride = panelStride;
    this.scratch = scratch;
    this.scratchStride = scratchStride;
    return this;
  }
}

/**
 * exports.gemm over the whole product, its output rows (or, when there are fewer rows than
 * columns, its columns) split between this thread and the helpers. Every output's sum still runs
 * whole on one thread, so the result is bit for bit one call's.
 */
export function splitGemm(exports: Pick<KernelExports, 'gemm'>, parts: number, c: GemmCall): void {
  const sa = c.a64 === 1 ? 8 : 4;
  const sb = c.b64 === 1 ? 8 : 4;
  const so = c.o64 === 1 ? 8 : 4;
  const { k, a64, ars, acs, b64, brs, o64, ors, ocs } = c;
  const helpers = kernelHelpers();
  const s = share;
  // parts 1.. go to the helpers first, part 0 runs here meanwhile
  for (let part = parts - 1; part >= 0; part--) {
    // the bias is float64 here
    if (!s.of(part, parts, c.m, c.n, 2, c.a, ars * sa, c.b, sb, c.o, ors * so, ocs * so, c.bias, 8)) continue;
    const pp = c.panels === 0 ? 0 : c.panels + part * c.panelStride;
    const sp = c.scratch + part * c.scratchStride;
    if (part === 0) {
      exports.gemm(s.rows, k, s.cols, s.a, a64, ars, acs, s.b, b64, brs, s.o, o64, ors, ocs, s.bias, pp, sp);
    } else {
      const h = helpers[part - 1];
      h.post(
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
