import type { FloatArray, Matrix } from '../matrix.ts';
import { decodeBase64 } from '../wasm-instance.ts';
import { KERNELS_WASM_BASE64 } from './kernels-wasm.generated.ts';

// The WebAssembly SIMD matrix products (assembly/matmul.ts). Operands are copied into the module's
// linear memory (a typed-array `set`, i.e. a memcpy), the product runs there, and the result is
// copied back: the copies are O(size of the operands), small beside the O(m·k·n) product, and keep
// every Matrix an ordinary typed array (no views that `memory.grow` could detach under a caller).
// The memory grows to the largest product seen and is reused, so steady state allocates nothing.

interface KernelExports {
  readonly memory: WebAssembly.Memory;
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

const PAGE = 65536;
// Nothing lives at address 0..63, so that a pointer 0 can mean "no bias".
const BASE = 64;

function isKernelExports(e: WebAssembly.Exports): e is WebAssembly.Exports & KernelExports {
  return (
    e.memory instanceof WebAssembly.Memory &&
    typeof e.gemm === 'function' &&
    typeof e.transposeToF64 === 'function'
  );
}

/** Compiles and instantiates kernel bytes; null when this runtime cannot (no WebAssembly or SIMD). */
export function instantiateKernels(bytes: Uint8Array<ArrayBuffer>): KernelExports | null {
  try {
    const exports = new WebAssembly.Instance(new WebAssembly.Module(bytes), {}).exports;
    return isKernelExports(exports) ? exports : null;
  } catch {
    return null;
  }
}

let loaded: KernelExports | null | undefined;

/**
 * The instantiated module, or null where WebAssembly (or its SIMD) is missing or refuses a
 * synchronous compile (a browser's main thread may, for modules over 4 KB; Workers and Node do not).
 */
export function wasmKernelExports(): KernelExports | null {
  if (loaded === undefined) {
    loaded = typeof WebAssembly === 'object' ? instantiateKernels(decodeBase64(KERNELS_WASM_BASE64)) : null;
  }
  return loaded;
}

function required(): KernelExports {
  const exports = wasmKernelExports();
  if (exports === null) throw new Error('the WebAssembly kernels are not available here');
  return exports;
}

let f32 = new Float32Array(0);
let f64 = new Float64Array(0);

/** Makes the memory at least `bytes` long and the views current (growing detaches old views). */
function reserve(exports: KernelExports, bytes: number): void {
  const memory = exports.memory;
  if (memory.buffer.byteLength < bytes) memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / PAGE));
  if (f64.buffer !== memory.buffer) {
    f32 = new Float32Array(memory.buffer);
    f64 = new Float64Array(memory.buffer);
    outViews.clear();
  }
}

const align = (bytes: number) => (bytes + 15) & ~15;

/** The module's working space (a padded column panel and a tile) for an inner dimension k. */
const scratchBytes = (k: number) => align(k * 32 + 64);

/**
 * Bytes for B's float64 panels (8 columns each), or 0 when too few rows of the product reuse them
 * to repay the copy. `rows` and `cols` are the product's, as the module computes it.
 */
function panelBytes(rows: number, k: number, cols: number): number {
  // B's panels, then A packed by pairs of rows (an odd last row padded to a pair).
  return rows >= 8 && cols >= 8 ? k * (cols & ~7) * 8 + (rows + 1) * k * 8 : 0;
}
const is64 = (data: FloatArray) => (data instanceof Float64Array ? 1 : 0);

function copyIn(data: FloatArray, at: number): void {
  if (data instanceof Float64Array) f64.set(data, at >> 3);
  else f32.set(data, at >> 2);
}

// Views of the results, by address and dtype, kept so that steady state allocates not even those.
const outViews = new Map<number, FloatArray>();

function copyOut(out: FloatArray, at: number): void {
  const wide = out instanceof Float64Array;
  const key = at * 2 + (wide ? 1 : 0);
  let view = outViews.get(key);
  if (view === undefined || view.length !== out.length) {
    view = wide
      ? f64.subarray(at >> 3, (at >> 3) + out.length)
      : f32.subarray(at >> 2, (at >> 2) + out.length);
    if (outViews.size >= 64) outViews.clear(); // many shapes in one process: stay bounded
    outViews.set(key, view);
  }
  out.set(view);
}

/** out = a · b (+ bias)   [m, k] · [k, n]; shapes checked by the caller. */
export function wasmMatmul(out: Matrix, a: Matrix, b: Matrix, bias: FloatArray | null): Matrix {
  const exports = required();
  const m = a.rows;
  const k = a.cols;
  const n = b.cols;
  const aAt = BASE;
  const bAt = align(aAt + a.data.byteLength);
  const biasAt = align(bAt + b.data.byteLength);
  const panelsAt = align(biasAt + (bias === null ? 0 : n * 8));
  const scratchAt = align(panelsAt + panelBytes(m, k, n));
  const outAt = scratchAt + scratchBytes(k);
  reserve(exports, outAt + out.data.byteLength);
  copyIn(a.data, aAt);
  copyIn(b.data, bAt);
  // The bias goes in as float64 (exact for float32 values): one kernel serves both dtypes.
  if (bias !== null) f64.set(bias, biasAt >> 3);
  const o64 = is64(out.data);
  const panels = panelBytes(m, k, n) > 0 ? panelsAt : 0;
  const biasPtr = bias === null ? 0 : biasAt;
  exports.gemm(
    m,
    k,
    n,
    aAt,
    is64(a.data),
    k,
    1,
    bAt,
    is64(b.data),
    n,
    outAt,
    o64,
    n,
    1,
    biasPtr,
    panels,
    scratchAt,
  );
  copyOut(out.data, outAt);
  return out;
}

/** out = aᵀ · b   [k, m]ᵀ · [k, n]; shapes checked by the caller. */
export function wasmMatmulTransA(out: Matrix, a: Matrix, b: Matrix): Matrix {
  const exports = required();
  const k = a.rows;
  const m = a.cols;
  const n = b.cols;
  const aAt = BASE;
  const bAt = align(aAt + a.data.byteLength);
  // Few output columns: compute outᵀ = bᵀ · a instead, so that the vector lanes run along m.
  const swap = n < 8 && m > n;
  const panels = swap ? panelBytes(n, k, m) : panelBytes(m, k, n);
  const panelsAt = align(bAt + b.data.byteLength);
  const scratchAt = align(panelsAt + panels);
  const outAt = scratchAt + scratchBytes(k);
  reserve(exports, outAt + out.data.byteLength);
  copyIn(a.data, aAt);
  copyIn(b.data, bAt);
  const o64 = is64(out.data);
  const p = panels > 0 ? panelsAt : 0;
  if (swap)
    exports.gemm(n, k, m, bAt, is64(b.data), 1, n, aAt, is64(a.data), m, outAt, o64, 1, n, 0, p, scratchAt);
  else
    exports.gemm(m, k, n, aAt, is64(a.data), 1, m, bAt, is64(b.data), n, outAt, o64, n, 1, 0, p, scratchAt);
  copyOut(out.data, outAt);
  return out;
}

/** out = a · bᵀ   [m, k] · [n, k]ᵀ; shapes checked by the caller. bᵀ is laid out in float64 first. */
export function wasmMatmulTransB(out: Matrix, a: Matrix, b: Matrix): Matrix {
  const exports = required();
  const m = a.rows;
  const k = a.cols;
  const n = b.rows;
  const aAt = BASE;
  const bAt = align(aAt + a.data.byteLength);
  const btAt = align(bAt + b.data.byteLength);
  const panelsAt = align(btAt + n * k * 8);
  const scratchAt = align(panelsAt + panelBytes(m, k, n));
  const outAt = scratchAt + scratchBytes(k);
  reserve(exports, outAt + out.data.byteLength);
  copyIn(a.data, aAt);
  copyIn(b.data, bAt);
  exports.transposeToF64(bAt, is64(b.data), n, k, btAt);
  const panels = panelBytes(m, k, n) > 0 ? panelsAt : 0;
  exports.gemm(
    m,
    k,
    n,
    aAt,
    is64(a.data),
    k,
    1,
    btAt,
    1,
    n,
    outAt,
    is64(out.data),
    n,
    1,
    0,
    panels,
    scratchAt,
  );
  copyOut(out.data, outAt);
  return out;
}
