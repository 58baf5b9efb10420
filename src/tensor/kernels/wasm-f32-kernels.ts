import type { FloatArray, Matrix } from '../matrix.ts';
import { type Arena, ArenaModule, wasmArena } from '../wasm-arena.ts';
import { KERNELS_F32_WASM_BASE64 } from './kernels-f32-wasm.generated.ts';

// The float32-accumulating WebAssembly SIMD products (assembly/matmul-f32.ts), used by ops.ts under
// setMatmulPrecision('float32') on the 'wasm' backend. They run on the kernels' shared memory
// (wasm-arena.ts): a resident operand, bias or result is used in place, any other is copied into the
// scratch region and the result copied back (all of that in `product` below).

interface F32KernelExports {
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
    bcs: number,
    o: number,
    o64: number,
    ors: number,
    ocs: number,
    bias: number,
    bias64: number,
    work: number,
  ): void;
}

function isF32KernelExports(e: WebAssembly.Exports): e is WebAssembly.Exports & F32KernelExports {
  return typeof e.gemm === 'function';
}

const module = new ArenaModule<F32KernelExports>(KERNELS_F32_WASM_BASE64, isF32KernelExports);

/** The instantiated module, or null where WebAssembly (or its SIMD) is missing or refuses to compile. */
export function wasmF32KernelExports(): F32KernelExports | null {
  return module.exports();
}

const align = (bytes: number) => (bytes + 15) & ~15;
const ceil8 = (x: number) => (x + 7) & ~7;
const is64 = (data: FloatArray) => (data instanceof Float64Array ? 1 : 0);

// Views of copied-out results, by address and dtype: steady state allocates not even those.
const outViews = new Map<number, FloatArray>();
let outViewsBuffer: ArrayBufferLike | null = null;

function viewOf(out: FloatArray, at: number, heap: { f32: Float32Array; f64: Float64Array }): FloatArray {
  if (outViewsBuffer !== heap.f64.buffer) {
    outViews.clear();
    outViewsBuffer = heap.f64.buffer;
  }
  const wide = out instanceof Float64Array;
  const key = at * 2 + (wide ? 1 : 0);
  let view = outViews.get(key);
  if (view === undefined || view.length !== out.length) {
    view = wide
      ? heap.f64.subarray(at >> 3, (at >> 3) + out.length)
      : heap.f32.subarray(at >> 2, (at >> 2) + out.length);
    if (outViews.size >= 64) outViews.clear();
    outViews.set(key, view);
  }
  return view;
}

// The arrays of one call, fixed so that a call allocates nothing: a, b, bias, out.
const arrays: (FloatArray | null)[] = [null, null, null, null];
const at = [0, 0, 0, 0];

/**
 * Places a, b, bias and out (resident ones in place, the others in the scratch region after the
 * kernel's working space), runs the kernel with the given element strides, copies out back.
 */
function product(
  m: number,
  k: number,
  n: number,
  a: FloatArray,
  ars: number,
  acs: number,
  b: FloatArray,
  brs: number,
  bcs: number,
  out: FloatArray,
  bias: FloatArray | null,
): void {
  const exports = wasmF32KernelExports();
  const arena = wasmArena() as Arena | null;
  if (exports === null || arena === null)
    throw new Error('the float32 WebAssembly kernels are not available here');
  arrays[0] = a;
  arrays[1] = b;
  arrays[2] = bias;
  arrays[3] = out;
  let size = align((ceil8(m) + ceil8(n)) * k * 4 + 128);
  for (let i = 0; i < 4; i++) {
    const data = arrays[i];
    const resident = data === null ? 0 : arena.addressOf(data);
    at[i] = resident >= 0 ? resident : -1 - size;
    if (data !== null && resident < 0) size = align(size + data.byteLength);
  }
  const base = arena.scratch(size);
  const heap = arena.heap();
  for (let i = 0; i < 3; i++) {
    const data = arrays[i];
    if (data === null || at[i] >= 0) continue;
    at[i] = base - 1 - at[i];
    if (data instanceof Float64Array) heap.f64.set(data, at[i] >> 3);
    else heap.f32.set(data, at[i] >> 2);
  }
  const outCopied = at[3] < 0;
  if (outCopied) at[3] = base - 1 - at[3];
  exports.gemm(
    m,
    k,
    n,
    at[0],
    is64(a),
    ars,
    acs,
    at[1],
    is64(b),
    brs,
    bcs,
    at[3],
    is64(out),
    n,
    1,
    bias === null ? 0 : at[2],
    bias === null ? 0 : is64(bias),
    base,
  );
  if (outCopied) out.set(viewOf(out, at[3], heap));
  arrays.fill(null);
}

/** out = a · b (+ bias)   [m, k] · [k, n], accumulated in float32; shapes checked by the caller. */
export function wasmF32Matmul(out: Matrix, a: Matrix, b: Matrix, bias: FloatArray | null = null): Matrix {
  product(a.rows, a.cols, b.cols, a.data, a.cols, 1, b.data, b.cols, 1, out.data, bias);
  return out;
}

/** out = aᵀ · b   [k, m]ᵀ · [k, n], accumulated in float32; shapes checked by the caller. */
export function wasmF32MatmulTransA(out: Matrix, a: Matrix, b: Matrix): Matrix {
  product(a.cols, a.rows, b.cols, a.data, 1, a.cols, b.data, b.cols, 1, out.data, null);
  return out;
}

/** out = a · bᵀ   [m, k] · [n, k]ᵀ, accumulated in float32; shapes checked by the caller. */
export function wasmF32MatmulTransB(out: Matrix, a: Matrix, b: Matrix): Matrix {
  product(a.rows, a.cols, b.rows, a.data, a.cols, 1, b.data, 1, b.cols, out.data, null);
  return out;
}
