import { ArenaModule } from '../arena-module.ts';
import { ArenaOperands } from '../arena-operands.ts';
import type { FloatArray, Matrix } from '../matrix.ts';
import { type Arena, wasmArena } from '../wasm-arena.ts';
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

const ceil8 = (x: number) => (x + 7) & ~7;
const is64 = (data: FloatArray) => (data instanceof Float64Array ? 1 : 0);

const operands = new ArenaOperands();

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
  const p = operands;
  p.begin(arena);
  const work = p.reserve((ceil8(m) + ceil8(n)) * k * 4 + 128);
  const A = p.input(a);
  const B = p.input(b);
  const BIAS = bias === null ? -1 : p.input(bias);
  const O = p.output(out);
  const base = p.place();
  exports.gemm(
    m,
    k,
    n,
    p.address(A),
    is64(a),
    ars,
    acs,
    p.address(B),
    is64(b),
    brs,
    bcs,
    p.address(O),
    is64(out),
    n,
    1,
    BIAS < 0 ? 0 : p.address(BIAS),
    bias === null ? 0 : is64(bias),
    base + work,
  );
  p.finish();
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
