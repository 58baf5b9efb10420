// The elementwise loops of training in WebAssembly SIMD: the masked loops of the training step's
// ReLU + Dropout pass (src/model/relu-dropout-step.ts) for float32 activations, and the column sums
// of sumColumns (src/tensor/ops.ts, the bias gradients), compiled from assembly/relu-dropout.ts
// (AssemblyScript) into ../generated/relu-dropout-wasm.generated.ts by `npm run build:wasm`: the same
// selects, the same double multiply, the same adds in the same order, so every stored value is the one
// the TypeScript loop stores (relu-dropout-step.test.ts and column-sums.test.ts compare the two,
// zeros' signs and NaNs included). The layers' buffers are resident in the kernels' memory
// (../arena/wasm-arena.ts) and used in place; other arrays are copied in and out
// (../arena/arena-operands.ts). Where WebAssembly (or its SIMD) is missing, the TypeScript loops run.

import { ArenaModule } from '../arena/arena-module.ts';
import { ArenaOperands } from '../arena/arena-operands.ts';
import { type Arena, wasmArena } from '../arena/wasm-arena.ts';
import { RELU_DROPOUT_WASM_BASE64 } from '../generated/relu-dropout-wasm.generated.ts';
import { kernelBackend } from '../matmul/kernel-backend.ts';
import { Job } from '../threads/kernel-jobs.ts';
import { kernelHelpers, partStart } from '../threads/kernel-team.ts';

interface ReluDropoutExports {
  forward(x: number, mask: number, a: number, o: number, n: number, scale: number): void;
  backward(d: number, mask: number, z: number, g: number, o: number, n: number, scale: number): void;
  backwardF32(d: number, mask: number, z: number, g: number, o: number, n: number, scale: number): void;
  sumColumnsF32(a: number, rows: number, cols: number, out: number): void;
  sumColumnsF64(a: number, rows: number, cols: number, out: number): void;
  sumColumnRangeF64(a: number, rows: number, cols: number, stride: number, out: number): void;
}

function isExports(e: WebAssembly.Exports): e is WebAssembly.Exports & ReluDropoutExports {
  return (
    typeof e.forward === 'function' &&
    typeof e.backward === 'function' &&
    typeof e.backwardF32 === 'function' &&
    typeof e.sumColumnsF32 === 'function' &&
    typeof e.sumColumnsF64 === 'function' &&
    typeof e.sumColumnRangeF64 === 'function'
  );
}

const module = new ArenaModule<ReluDropoutExports>(RELU_DROPOUT_WASM_BASE64, isExports);
const kernels = (): ReluDropoutExports | null => module.exports();

/** Turns the WebAssembly loops off (tests compare them with the TypeScript ones). */
export function useReluDropoutWasm(on: boolean): void {
  module.use(on);
}

/** Whether the module loaded here. */
export function reluDropoutWasmAvailable(): boolean {
  return module.available();
}

const operands = new ArenaOperands();

/** Below this many elements a pass is too short to share with helper threads (a wake-up is ~1 µs). */
const PARALLEL_MIN_ELEMENTS = 16384;

/** The arena, whenever the module loaded (it runs on the arena's memory). */
const arena = (): Arena => wasmArena() as Arena;

/** The masked forward of reluDropoutForward in WebAssembly; false (nothing done) where unavailable. */
export function reluDropoutForwardWasm(
  x: Float32Array,
  mask: Int32Array,
  a: Float32Array,
  o: Float64Array,
  scale: number,
): boolean {
  const wasm = kernels();
  if (wasm === null) return false;
  const p = operands;
  p.begin(arena());
  const X = p.input(x);
  const MASK = p.input(mask);
  const A = p.output(a);
  const O = p.output(o);
  p.place();
  const x0 = p.address(X);
  const mask0 = p.address(MASK);
  const a0 = p.address(A);
  const o0 = p.address(O);
  const helpers = kernelHelpers();
  const parts = x.length >= PARALLEL_MIN_ELEMENTS ? helpers.length + 1 : 1;
  for (let h = 1; h < parts; h++) {
    const i = partStart(x.length, parts, h, 4);
    const n = partStart(x.length, parts, h + 1, 4) - i;
    helpers[h - 1].post(Job.reluDropoutForward, x0 + 4 * i, mask0 + 4 * i, a0 + 4 * i, o0 + 8 * i, n, scale);
  }
  wasm.forward(x0, mask0, a0, o0, partStart(x.length, parts, 1, 4), scale);
  for (let h = 1; h < parts; h++) helpers[h - 1].wait();
  p.finish();
  return true;
}

/** The masked backward of reluDropoutBackward in WebAssembly; false (nothing done) where unavailable. */
export function reluDropoutBackwardWasm(
  d: Float32Array | Float64Array,
  mask: Int32Array,
  z: Float32Array,
  g: Float64Array,
  o: Float64Array,
  scale: number,
): boolean {
  const wasm = kernels();
  if (wasm === null) return false;
  const p = operands;
  p.begin(arena());
  // a float32 d is read as float32 and widened in the loop, exactly
  const D = p.input(d);
  const MASK = p.input(mask);
  const Z = p.input(z);
  const G = p.output(g);
  const O = p.output(o);
  p.place();
  const f32 = d instanceof Float32Array;
  const kernel = f32 ? wasm.backwardF32 : wasm.backward;
  const dSize = f32 ? 4 : 8;
  const d0 = p.address(D);
  const mask0 = p.address(MASK);
  const z0 = p.address(Z);
  const g0 = p.address(G);
  const o0 = p.address(O);
  const helpers = kernelHelpers();
  const parts = d.length >= PARALLEL_MIN_ELEMENTS ? helpers.length + 1 : 1;
  const job = f32 ? Job.reluDropoutBackwardF32 : Job.reluDropoutBackward;
  for (let h = 1; h < parts; h++) {
    const i = partStart(d.length, parts, h, 4);
    const n = partStart(d.length, parts, h + 1, 4) - i;
    helpers[h - 1].post(job, d0 + dSize * i, mask0 + 4 * i, z0 + 4 * i, g0 + 8 * i, o0 + 8 * i, n, scale);
  }
  kernel(d0, mask0, z0, g0, o0, partStart(d.length, parts, 1, 4), scale);
  for (let h = 1; h < parts; h++) helpers[h - 1].wait();
  p.finish();
  return true;
}

/**
 * out[j] = Σ_i a[i, j] of a row-major [rows, cols] `a`, exactly as sumColumns (src/tensor/ops.ts)
 * computes it, in WebAssembly SIMD; false (nothing done) where unavailable. Float32 into float32 sums
 * in float32, rounding each add; any other pair in double, rounded once into `out`.
 */
export function sumColumnsWasm(
  out: Float32Array | Float64Array,
  a: Float32Array | Float64Array,
  rows: number,
  cols: number,
): boolean {
  const wasm = kernels();
  if (wasm === null) return false;
  const p = operands;
  p.begin(arena());
  if (out instanceof Float32Array && a instanceof Float32Array) {
    const A = p.input(a);
    const OUT = p.output(out);
    p.place();
    wasm.sumColumnsF32(p.address(A), rows, cols, p.address(OUT));
  } else {
    // a float32 `a` is widened exactly into a float64 slot; a float32 `out` rounds each double sum once
    const A = p.input(a, 'f64');
    const OUT = p.output(out, 'f64');
    p.place();
    const a0 = p.address(A);
    const out0 = p.address(OUT);
    const helpers = kernelHelpers();
    // split by columns (each column's sum runs whole on one thread), at least two to a thread
    const parts = rows * cols >= PARALLEL_MIN_ELEMENTS ? Math.min(helpers.length + 1, cols >> 1) : 1;
    if (parts < 2) wasm.sumColumnsF64(a0, rows, cols, out0);
    else {
      for (let h = 1; h < parts; h++) {
        const c = partStart(cols, parts, h, 2);
        const width = partStart(cols, parts, h + 1, 2) - c;
        helpers[h - 1].post(Job.sumColumnRangeF64, a0 + 8 * c, rows, width, 8 * cols, out0 + 8 * c);
      }
      wasm.sumColumnRangeF64(a0, rows, partStart(cols, parts, 1, 2), 8 * cols, out0);
      for (let h = 1; h < parts; h++) helpers[h - 1].wait();
    }
  }
  p.finish();
  return true;
}

// Below about this many elements the WebAssembly call and its copies cost more than the TypeScript
// loop (measured: about even at 100, 6-10x faster from 1000).
const SUM_WASM_MIN_ELEMENTS = 128;

/** The kernel table's sumColumns: the WebAssembly sums for large matrices, unless the reference backend is chosen. */
export function fastSumColumns(
  out: Float32Array | Float64Array,
  a: Float32Array | Float64Array,
  rows: number,
  cols: number,
): boolean {
  return (
    rows * cols >= SUM_WASM_MIN_ELEMENTS &&
    kernelBackend() !== 'reference' &&
    sumColumnsWasm(out, a, rows, cols)
  );
}
