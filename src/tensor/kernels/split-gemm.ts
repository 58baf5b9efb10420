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
  const byRows = m >= n;
  const count = byRows ? m : n;
  const grain = byRows ? 2 : 8;
  const sa = a64 === 1 ? 8 : 4;
  const sb = b64 === 1 ? 8 : 4;
  const so = o64 === 1 ? 8 : 4;
  const helpers = kernelHelpers();
  // parts 1.. go to the helpers first, part 0 runs here meanwhile
  for (let part = parts - 1; part >= 0; part--) {
    const start = partStart(count, parts, part, grain);
    const size = partStart(count, parts, part + 1, grain) - start;
    const pp = panels === 0 ? 0 : panels + part * panelStride;
    const sp = scratch + part * scratchStride;
    const rows = byRows ? size : m;
    const cols = byRows ? n : size;
    const at = byRows ? a + start * ars * sa : a;
    const bt = byRows ? b : b + start * sb;
    const ot = o + start * (byRows ? ors : ocs) * so;
    const biasAt = bias === 0 || byRows ? bias : bias + start * 8;
    if (size === 0) continue;
    if (part === 0) {
      exports.gemm(rows, k, cols, at, a64, ars, acs, bt, b64, brs, ot, o64, ors, ocs, biasAt, pp, sp);
    } else {
      helpers[part - 1].post(
        Job.gemm,
        rows,
        k,
        cols,
        at,
        a64,
        ars,
        acs,
        bt,
        b64,
        brs,
        ot,
        o64,
        ors,
        ocs,
        biasAt,
        pp,
        sp,
      );
    }
  }
  for (let part = 1; part < parts; part++) helpers[part - 1].wait();
}
