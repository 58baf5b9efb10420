import type { FloatArray, Matrix } from '../../tensor/matrix.ts';
import { ArenaModule, instantiateInArena } from '../arena/arena-module.ts';
import { ArenaOperands } from '../arena/arena-operands.ts';
import { type Arena, wasmArena } from '../arena/wasm-arena.ts';
import { KERNELS_WASM_BASE64 } from '../generated/kernels-wasm.generated.ts';
import { GemmCall, partsFor, splitGemm } from './split-gemm.ts';

// The WebAssembly SIMD matrix products (assembly/matmul.ts), on the kernels' shared memory
// (wasm-arena.ts). An operand or result that is resident there (a layer's weights, outputs and
// gradients) is used in place; any other is copied into a scratch region (a typed-array `set`, a
// memcpy) and the result copied back. Steady state allocates nothing.

export interface KernelExports {
  gemm(
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
    scratch: number,
  ): void;
  transposeToF64(src: number, src64: number, rows: number, cols: number, dst: number): void;
}

function isKernelExports(e: WebAssembly.Exports): e is WebAssembly.Exports & KernelExports {
  return typeof e.gemm === 'function' && typeof e.transposeToF64 === 'function';
}

/** Compiles and instantiates kernel bytes; null when this runtime cannot (no WebAssembly or SIMD). */
export function instantiateKernels(bytes: Uint8Array<ArrayBuffer>): KernelExports | null {
  const exports = instantiateInArena(bytes);
  return exports !== null && isKernelExports(exports) ? exports : null;
}

const module = new ArenaModule<KernelExports>(KERNELS_WASM_BASE64, isKernelExports);

/**
 * The instantiated module, or null where WebAssembly (or its SIMD) is missing or refuses a
 * synchronous compile (a browser's main thread may, for modules over 4 KB; Workers and Node do not).
 */
export function wasmKernelExports(): KernelExports | null {
  return module.exports();
}

function required(): KernelExports {
  const exports = wasmKernelExports();
  if (exports === null) throw new Error('the WebAssembly kernels are not available here');
  return exports;
}

/** The arena the loaded module runs on (it exists whenever the module loaded). */
const arenaOf = (): Arena => wasmArena() as Arena;

const align = (bytes: number) => (bytes + 15) & ~15;

/**
 * The module's working space for a product of inner dimension k and n columns (as the module
 * computes it): a padded column panel and a tile (for n ≤ 3, B's columns as float64 and a group of
 * rows' sums); for k ≤ 4, B as float64 and the bias as float32.
 */
function scratchBytes(k: number, n: number): number {
  if (k <= 4) return align(Math.max(k * 32 + 64, align(k * n * 8) + n * 4));
  return align(k * 32 + 64 + (n <= 3 ? 64 * 24 : 0));
}

/**
 * Bytes for B's float64 panels (8 columns each), or 0 when too few rows of the product reuse them
 * to repay the copy. `rows` and `cols` are the product's, as the module computes it.
 */
function panelBytes(rows: number, k: number, cols: number): number {
  // B's panels, then A packed by pairs of rows (an odd last row padded to a pair).
  // (k ≤ 4 takes the short-inner path, which packs nothing there.)
  return rows >= 8 && cols >= 8 && k > 4 ? k * (cols & ~7) * 8 + (rows + 1) * k * 8 : 0;
}
const is64 = (data: FloatArray) => (data instanceof Float64Array ? 1 : 0);

const operands = new ArenaOperands();
const call = new GemmCall();

/** out = a · b (+ bias)   [m, k] · [k, n]; shapes checked by the caller. */
export function wasmMatmul(out: Matrix, a: Matrix, b: Matrix, bias: FloatArray | null): Matrix {
  const exports = required();
  const m = a.rows;
  const k = a.cols;
  const n = b.cols;
  const p = operands;
  p.begin(arenaOf());
  const A = p.input(a.data);
  const B = p.input(b.data);
  const O = p.output(out.data);
  // The bias goes in as float64 (exact for float32 values): one kernel serves both dtypes.
  const BIAS = bias === null ? -1 : p.input(bias, 'f64');
  const parts = partsFor(m, k, n);
  const panels = panelBytes(m, k, n);
  const scratch = scratchBytes(k, n);
  const panelsAt = p.reserve(panels * parts);
  const scratchAt = p.reserve(scratch * parts);
  const base = p.place();
  call
    .shape(m, k, n)
    .left(p.address(A), is64(a.data), k, 1)
    .right(p.address(B), is64(b.data), n)
    .output(p.address(O), is64(out.data), n, 1, BIAS < 0 ? 0 : p.address(BIAS))
    .work(panels > 0 ? base + panelsAt : 0, panels, base + scratchAt, scratch);
  splitGemm(exports, parts, call);
  p.finish();
  return out;
}

/** out = aᵀ · b   [k, m]ᵀ · [k, n]; shapes checked by the caller. */
export function wasmMatmulTransA(out: Matrix, a: Matrix, b: Matrix): Matrix {
  const exports = required();
  const k = a.rows;
  const m = a.cols;
  const n = b.cols;
  const p = operands;
  p.begin(arenaOf());
  const A = p.input(a.data);
  const B = p.input(b.data);
  const O = p.output(out.data);
  // 4 to 7 output columns: compute outᵀ = bᵀ · a instead, so that the vector lanes run along m.
  // (With up to 3 columns the module's lanes already run along m: they hold pairs of rows.)
  const swap = n < 8 && n > 3 && m > n;
  const parts = partsFor(m, k, n);
  const panels = swap ? panelBytes(n, k, m) : panelBytes(m, k, n);
  const scratch = swap ? scratchBytes(k, m) : scratchBytes(k, n);
  const panelsAt = p.reserve(panels * parts);
  const scratchAt = p.reserve(scratch * parts);
  const base = p.place();
  const pp = panels > 0 ? base + panelsAt : 0;
  const aAt = p.address(A);
  const bAt = p.address(B);
  const oAt = p.address(O);
  const o64 = is64(out.data);
  const sp = base + scratchAt;
  call.work(pp, panels, sp, scratch);
  // with swap: outᵀ [n, m] = bᵀ [n, k] · a [k, m], written into out by columns
  if (swap)
    call.shape(n, k, m).left(bAt, is64(b.data), 1, n).right(aAt, is64(a.data), m).output(oAt, o64, 1, n, 0);
  else
    call.shape(m, k, n).left(aAt, is64(a.data), 1, m).right(bAt, is64(b.data), n).output(oAt, o64, n, 1, 0);
  splitGemm(exports, parts, call);
  p.finish();
  return out;
}

/** out = a · bᵀ   [m, k] · [n, k]ᵀ; shapes checked by the caller. bᵀ is laid out in float64 first. */
export function wasmMatmulTransB(out: Matrix, a: Matrix, b: Matrix): Matrix {
  const exports = required();
  const m = a.rows;
  const k = a.cols;
  const n = b.rows;
  const p = operands;
  p.begin(arenaOf());
  const A = p.input(a.data);
  const B = p.input(b.data);
  const O = p.output(out.data);
  const btAt = p.reserve(n * k * 8);
  const parts = partsFor(m, k, n);
  const panels = panelBytes(m, k, n);
  const scratch = scratchBytes(k, n);
  const panelsAt = p.reserve(panels * parts);
  const scratchAt = p.reserve(scratch * parts);
  const base = p.place();
  exports.transposeToF64(p.address(B), is64(b.data), n, k, base + btAt);
  call
    .shape(m, k, n)
    .left(p.address(A), is64(a.data), k, 1)
    .right(base + btAt, 1, n)
    .output(p.address(O), is64(out.data), n, 1, 0)
    .work(panels > 0 ? base + panelsAt : 0, panels, base + scratchAt, scratch);
  splitGemm(exports, parts, call);
  p.finish();
  return out;
}
