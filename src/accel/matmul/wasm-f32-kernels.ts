import type { FloatArray, Matrix } from '../../tensor/matrix.ts';
import { ArenaModule } from '../arena/arena-module.ts';
import { ArenaOperands } from '../arena/arena-operands.ts';
import { type Arena, wasmArena } from '../arena/wasm-arena.ts';
import { KERNELS_F32_WASM_BASE64 } from '../generated/kernels-f32-wasm.generated.ts';
import type { KernelHelper } from '../threads/kernel-helper.ts';
import { Job } from '../threads/kernel-jobs.ts';
import { kernelHelpers } from '../threads/kernel-team.ts';
import { ProductPart, partsFor } from './split-gemm.ts';

// The float32-accumulating WebAssembly SIMD products (assembly/matmul-f32.ts), used by ops.ts under
// setMatmulPrecision('float32') on the 'wasm' backend. They run on the kernels' shared memory
// (wasm-arena.ts): a resident operand, bias or result is used in place, any other is copied into the
// scratch region and the result copied back (all of that in `product` below). With kernel threads
// (setKernelThreads), a large product's output rows, or its columns when it has fewer rows, are
// split between this thread and the helpers, as the exact products are (split-gemm.ts): each output
// is still one whole float32 sum, so any thread count gives the same bits.

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
const MIN_ROWS_TO_SPLIT = 8;
const share = new ProductPart();
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
  // Fewer rows are not split (by columns, each part would pack its own copy of A): batch-1
  // inference's 1x784·784x128, split while the threshold of partsFor was lower, took 40 µs on two
  // threads against 33 µs on one; this product is twice as fast as the exact one.
  const parts = m >= MIN_ROWS_TO_SPLIT ? partsFor(m, k, n) : 1;
  // the kernel's packed copies of A and B (a part packs only its own rows or columns)
  const workBytes = (ceil8(m) + ceil8(n)) * k * 4 + 128;
  const work = p.reserve(workBytes * parts);
  const A = p.input(a);
  const B = p.input(b);
  const BIAS = bias === null ? -1 : p.input(bias);
  const O = p.output(out);
  const base = p.place();
  const f = f32Call;
  f.k = k;
  f.n = n;
  f.a64 = is64(a);
  f.ars = ars;
  f.acs = acs;
  f.b64 = is64(b);
  f.brs = brs;
  f.bcs = bcs;
  f.o64 = is64(out);
  f.bias64 = bias === null ? 0 : is64(bias);
  const a0 = p.address(A);
  const b0 = p.address(B);
  const o0 = p.address(O);
  const bias0 = BIAS < 0 ? 0 : p.address(BIAS);
  const so = f.o64 ? 8 : 4;
  const helpers = kernelHelpers();
  const aRow = ars * (f.a64 ? 8 : 4);
  const bColumn = bcs * (f.b64 ? 8 : 4);
  for (let part = parts - 1; part >= 0; part--) {
    // whole micro-kernel blocks per part: 4 rows or 8 columns
    if (!share.of(part, parts, m, n, 4, a0, aRow, b0, bColumn, o0, n * so, so, bias0, f.bias64 ? 8 : 4))
      continue;
    runPart(exports, part === 0 ? null : helpers[part - 1], base + work + part * workBytes);
  }
  for (let part = 1; part < parts; part++) helpers[part - 1].wait();
  p.finish();
}

/** What every part of the product in progress shares (set in place: a product allocates nothing). */
const f32Call = { k: 0, n: 0, a64: 0, ars: 0, acs: 0, b64: 0, brs: 0, bcs: 0, o64: 0, bias64: 0 };

/** The float32 gemm over `share`'s part, here (helper null) or posted to a helper; `w` its working space. */
function runPart(exports: F32KernelExports, helper: KernelHelper | null, w: number): void {
  const { k, n, a64, ars, acs, b64, brs, bcs, o64, bias64 } = f32Call;
  const s = share;
  if (helper === null) {
    exports.gemm(
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
      bcs,
      s.o,
      o64,
      n,
      1,
      s.bias,
      bias64,
      w,
    );
  } else {
    const job = Job.gemmF32;
    helper.post(
      job,
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
      bcs,
      s.o,
      o64,
      n,
      1,
      s.bias,
      bias64,
      w,
    );
  }
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
