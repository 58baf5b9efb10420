import type { FloatArray, Matrix } from '../../tensor/matrix.ts';
import {
  referenceMatmul,
  referenceMatmulTransA,
  referenceMatmulTransB,
} from '../../tensor/reference-kernels.ts';
import { blockedMatmul, blockedMatmulTransA, blockedMatmulTransB } from './blocked-kernels.ts';
import { kernelBackend } from './kernel-backend.ts';
import { matmulPrecision } from './matmul-precision.ts';
import {
  wasmF32KernelExports,
  wasmF32Matmul,
  wasmF32MatmulTransA,
  wasmF32MatmulTransB,
} from './wasm-f32-kernels.ts';
import { wasmMatmul, wasmMatmulTransA, wasmMatmulTransB } from './wasm-kernels.ts';

// The matrix products the speed wing registers: each picks the chosen backend (kernel-backend.ts)
// and precision (matmul-precision.ts). Every backend gives the reference loops' results bit for bit,
// unless setMatmulPrecision('float32') lets the wasm backend sum in float32.

// Below this many multiply-adds the WebAssembly call and its copies cost more than a TypeScript loop.
const WASM_MIN_WORK = 64;

type Route = 'wasm' | 'wasm-f32' | 'blocked' | 'reference';

function route(work: number): Route {
  const backend = kernelBackend();
  if (backend === 'reference') return 'reference';
  // setMatmulPrecision('float32'): every size, so that one shape always gets one kind of sum.
  if (backend === 'wasm' && matmulPrecision() === 'float32' && wasmF32KernelExports() !== null)
    return 'wasm-f32';
  return backend === 'wasm' && work >= WASM_MIN_WORK ? 'wasm' : 'blocked';
}

/** out = a · b (+ bias)   [m, k] · [k, n] */
export function fastMatmul(out: Matrix, a: Matrix, b: Matrix, bias: FloatArray | null): void {
  const r = route(a.rows * a.cols * b.cols);
  if (r === 'wasm') wasmMatmul(out, a, b, bias);
  else if (r === 'wasm-f32') wasmF32Matmul(out, a, b, bias);
  else if (r === 'blocked') blockedMatmul(out, a, b, bias);
  else referenceMatmul(out, a, b, bias);
}

/** out = aᵀ · b   [k, m]ᵀ · [k, n] */
export function fastMatmulTransA(out: Matrix, a: Matrix, b: Matrix): void {
  const r = route(a.rows * a.cols * b.cols);
  if (r === 'wasm') wasmMatmulTransA(out, a, b);
  else if (r === 'wasm-f32') wasmF32MatmulTransA(out, a, b);
  else if (r === 'blocked') blockedMatmulTransA(out, a, b);
  else referenceMatmulTransA(out, a, b);
}

/** out = a · bᵀ   [m, k] · [n, k]ᵀ */
export function fastMatmulTransB(out: Matrix, a: Matrix, b: Matrix): void {
  const r = route(a.rows * a.cols * b.rows);
  if (r === 'wasm') wasmMatmulTransB(out, a, b);
  else if (r === 'wasm-f32') wasmF32MatmulTransB(out, a, b);
  else if (r === 'blocked') blockedMatmulTransB(out, a, b);
  else referenceMatmulTransB(out, a, b);
}
