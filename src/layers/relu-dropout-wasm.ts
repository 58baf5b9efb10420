// The elementwise loops of training in WebAssembly SIMD: the masked loops of relu-dropout.ts for
// the float32 activations of training, and the column sums of sumColumns (src/tensor/ops.ts, the
// bias gradients), compiled from assembly/relu-dropout.ts (AssemblyScript) into
// relu-dropout-wasm.generated.ts by `npm run build:wasm`: the same selects, the same double multiply,
// the same adds in the same order, so every stored value is the one the TypeScript loop stores
// (relu-dropout.test.ts and column-sums.test.ts compare the two, zeros' signs and NaNs included).
// The layers' buffers are resident in the kernels' memory (tensor/wasm-arena.ts) and used in place;
// other arrays are copied in and out (tensor/arena-operands.ts). Where WebAssembly (or its SIMD) is
// missing, the TypeScript loops run.

import { ArenaModule } from '../tensor/arena-module.ts';
import { ArenaOperands } from '../tensor/arena-operands.ts';
import { type Arena, wasmArena } from '../tensor/wasm-arena.ts';
import { RELU_DROPOUT_WASM_BASE64 } from './relu-dropout-wasm.generated.ts';

interface ReluDropoutExports {
  forward(x: number, mask: number, a: number, o: number, n: number, scale: number): void;
  backward(d: number, mask: number, z: number, g: number, o: number, n: number, scale: number): void;
  backwardF32(d: number, mask: number, z: number, g: number, o: number, n: number, scale: number): void;
  sumColumnsF32(a: number, rows: number, cols: number, out: number): void;
  sumColumnsF64(a: number, rows: number, cols: number, out: number): void;
}

function isExports(e: WebAssembly.Exports): e is WebAssembly.Exports & ReluDropoutExports {
  return (
    typeof e.forward === 'function' &&
    typeof e.backward === 'function' &&
    typeof e.backwardF32 === 'function' &&
    typeof e.sumColumnsF32 === 'function' &&
    typeof e.sumColumnsF64 === 'function'
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
  wasm.forward(p.address(X), p.address(MASK), p.address(A), p.address(O), x.length, scale);
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
  const kernel = d instanceof Float32Array ? wasm.backwardF32 : wasm.backward;
  kernel(p.address(D), p.address(MASK), p.address(Z), p.address(G), p.address(O), d.length, scale);
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
    wasm.sumColumnsF64(p.address(A), rows, cols, p.address(OUT));
  }
  p.finish();
  return true;
}
