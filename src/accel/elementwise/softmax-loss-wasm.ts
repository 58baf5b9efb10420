// The float32 softmax and the cross-entropy of labels in WebAssembly SIMD (assembly/softmax-loss.ts,
// compiled into softmax-loss-wasm.generated.ts by `npm run build:wasm`): the TypeScript loops of
// Softmax.apply and CategoricalCrossentropy.forward with numpy's float32 exp and log, operation for
// operation on four elements at a time, so every stored bit is the same (softmax-loss-wasm.test.ts);
// and, run every epoch too, the fused softmax + cross-entropy backward and the categorical accuracy
// of labels (JavaScript loops over typed arrays took 2-5 ns an element on this machine).
// Resident arrays are used in place (tensor/wasm-arena.ts). Where WebAssembly or its SIMD is missing,
// or a browser's main thread refuses to compile the module synchronously (it is over 4 KB; Workers and
// Node compile it), the TypeScript loops run.

import { ArenaModule } from '../arena/arena-module.ts';
import { ArenaOperands } from '../arena/arena-operands.ts';
import { type Arena, wasmArena } from '../arena/wasm-arena.ts';
import { SOFTMAX_LOSS_WASM_BASE64 } from '../generated/softmax-loss-wasm.generated.ts';
import { Job } from '../threads/kernel-jobs.ts';
import { kernelHelpers, partStart } from '../threads/kernel-team.ts';

interface SoftmaxLossExports {
  softmaxRows(x: number, o: number, rows: number, cols: number): void;
  crossEntropyLabels(
    p: number,
    labels: number,
    out: number,
    rows: number,
    cols: number,
    low: number,
    high: number,
  ): void;
  expArray(x: number, o: number, n: number): void;
  logArray(x: number, o: number, n: number): void;
  softmaxCrossEntropyBackwardLabels(p: number, labels: number, o: number, rows: number, cols: number): number;
  correctLabels(p: number, labels: number, rows: number, cols: number): number;
}

function isExports(e: WebAssembly.Exports): e is WebAssembly.Exports & SoftmaxLossExports {
  return (
    typeof e.softmaxRows === 'function' &&
    typeof e.crossEntropyLabels === 'function' &&
    typeof e.expArray === 'function' &&
    typeof e.logArray === 'function' &&
    typeof e.softmaxCrossEntropyBackwardLabels === 'function' &&
    typeof e.correctLabels === 'function'
  );
}

const module = new ArenaModule<SoftmaxLossExports>(SOFTMAX_LOSS_WASM_BASE64, isExports);
const kernels = (): SoftmaxLossExports | null => module.exports();

/** Turns the WebAssembly loops off (tests compare them with the TypeScript ones). */
export function useSoftmaxLossWasm(on: boolean): void {
  module.use(on);
}

const operands = new ArenaOperands();

/** Below this many rows a pass is too short to share with helper threads. */
const PARALLEL_MIN_ROWS = 1024;
const arena = (): Arena => wasmArena() as Arena;

/** Softmax over each row of a float32 [rows, cols] `x` into `o`; false (nothing done) where unavailable. */
export function softmaxRowsWasm(x: Float32Array, o: Float32Array, rows: number, cols: number): boolean {
  const wasm = kernels();
  if (wasm === null) return false;
  const p = operands;
  p.begin(arena());
  const X = p.input(x);
  const O = p.output(o);
  p.place();
  const x0 = p.address(X);
  const o0 = p.address(O);
  const helpers = kernelHelpers();
  const parts = rows >= PARALLEL_MIN_ROWS ? helpers.length + 1 : 1;
  for (let h = 1; h < parts; h++) {
    const r = partStart(rows, parts, h, 1);
    const at = 4 * r * cols;
    helpers[h - 1].post(Job.softmaxRows, x0 + at, o0 + at, partStart(rows, parts, h + 1, 1) - r, cols);
  }
  wasm.softmaxRows(x0, o0, partStart(rows, parts, 1, 1), cols);
  for (let h = 1; h < parts; h++) helpers[h - 1].wait();
  p.finish();
  return true;
}

/**
 * out[r] = −log(clip(p[r, labels[r]], low, high)) for float32 predictions whose labels were checked
 * already (in range: the module reads p at them); false (nothing done) where unavailable.
 */
export function crossEntropyLabelsWasm(
  predictions: Float32Array,
  labels: Int32Array,
  out: Float32Array,
  cols: number,
  low: number,
  high: number,
): boolean {
  const wasm = kernels();
  if (wasm === null) return false;
  const p = operands;
  p.begin(arena());
  const P = p.input(predictions);
  const L = p.input(labels);
  const O = p.output(out);
  p.place();
  const p0 = p.address(P);
  const l0 = p.address(L);
  const o0 = p.address(O);
  const rows = out.length;
  const helpers = kernelHelpers();
  const parts = rows >= PARALLEL_MIN_ROWS ? helpers.length + 1 : 1;
  for (let h = 1; h < parts; h++) {
    const r = partStart(rows, parts, h, 1);
    const n = partStart(rows, parts, h + 1, 1) - r;
    helpers[h - 1].post(
      Job.crossEntropyLabels,
      p0 + 4 * r * cols,
      l0 + 4 * r,
      o0 + 4 * r,
      n,
      cols,
      low,
      high,
    );
  }
  wasm.crossEntropyLabels(p0, l0, o0, partStart(rows, parts, 1, 1), cols, low, high);
  for (let h = 1; h < parts; h++) helpers[h - 1].wait();
  p.finish();
  return true;
}

/** numpy's float32 exp (or log) of every element in WebAssembly, for the tests; false where unavailable. */
export function mapWasm(kind: 'exp' | 'log', x: Float32Array, out: Float32Array): boolean {
  const wasm = kernels();
  if (wasm === null) return false;
  const p = operands;
  p.begin(arena());
  const X = p.input(x);
  const O = p.output(out);
  p.place();
  (kind === 'exp' ? wasm.expArray : wasm.logArray)(p.address(X), p.address(O), x.length);
  p.finish();
  return true;
}

/**
 * SoftmaxCategoricalCrossentropy.backward for float32 predictions [rows, cols] and Int32 labels:
 * o = p / rows, and (p − 1) / rows at each label, in float32. The kernel checks the labels' range
 * first (so the caller need not): 'bad labels' (nothing written) if one is out; 'unavailable'
 * (nothing done) where the module is.
 */
export function softmaxCrossEntropyBackwardWasm(
  predictions: Float32Array,
  labels: Int32Array,
  out: Float32Array,
  rows: number,
  cols: number,
): 'done' | 'bad labels' | 'unavailable' {
  const wasm = kernels();
  if (wasm === null) return 'unavailable';
  const p = operands;
  p.begin(arena());
  const P = p.input(predictions);
  const L = p.input(labels);
  const O = p.output(out);
  p.place();
  const done = wasm.softmaxCrossEntropyBackwardLabels(p.address(P), p.address(L), p.address(O), rows, cols);
  p.finish(done === 1);
  return done === 1 ? 'done' : 'bad labels';
}

/**
 * How many rows of float32 predictions have their largest value (the first on ties) at their Int32
 * label; the kernel checks the labels' range first: -1 if one is out, -2 where unavailable.
 */
export function correctLabelsWasm(
  predictions: Float32Array,
  labels: Int32Array,
  rows: number,
  cols: number,
): number {
  const wasm = kernels();
  if (wasm === null) return -2;
  const p = operands;
  p.begin(arena());
  const P = p.input(predictions);
  const L = p.input(labels);
  p.place();
  const correct = wasm.correctLabels(p.address(P), p.address(L), rows, cols);
  p.finish();
  return correct;
}
