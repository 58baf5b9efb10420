// binomial(1, p) masks in WebAssembly: the loop of fillBinomialOneTrial (binomial-one-trial.ts),
// MT19937's regeneration included, compiled from assembly/binomial-mask.ts (AssemblyScript) into
// binomial-wasm.generated.ts by `npm run build:wasm`. It does exactly what the TypeScript loop does,
// in the same order, on the same integers and doubles (WebAssembly's i32 and f64 arithmetic is
// JavaScript's), and binomial.test.ts compares the two on every path. Where WebAssembly is missing,
// the TypeScript loop runs.

import { MT_STATE_LENGTH, type MT19937 } from '../../tensor/mt19937.ts';
import { ArenaModule } from '../arena/arena-module.ts';
import { wasmArena } from '../arena/wasm-arena.ts';
import { BINOMIAL_WASM_BASE64 } from '../generated/binomial-wasm.generated.ts';

/**
 * The constants of binomial(1, p) by inversion that fillBinomialOneTrial (binomial-one-trial.ts) derives
 * and hands the kernel, and the outcome each settled range of the first word's top bits gives.
 */
export interface OneTrialConstants {
  qn: number;
  px1: number;
  atZero: number;
  atOne: number;
  zeroBelow: number;
  oneFrom: number;
  oneBelow: number;
}

interface MaskExports {
  fill(
    key: number,
    pos: number,
    out: number,
    count: number,
    zeroBelow: number,
    unsettled: number,
    oneBelow: number,
    atZero: number,
    atOne: number,
    qn: number,
    px1: number,
  ): number;
}

function isMaskExports(e: WebAssembly.Exports): e is WebAssembly.Exports & MaskExports {
  return typeof e.fill === 'function';
}

const module = new ArenaModule<MaskExports>(BINOMIAL_WASM_BASE64, isMaskExports);

const KEY_BYTES = 4 * MT_STATE_LENGTH;
const CHUNK = 65536; // elements per call when the mask is not resident: 256 KB of scratch

/** Whether the WebAssembly kernel loaded here. */
export function binomialWasmAvailable(): boolean {
  return module.available();
}

/** Turns the WebAssembly kernel off (tests compare it with the TypeScript loop). */
export function useBinomialWasm(on: boolean): void {
  module.use(on);
}

/**
 * Draws binomial(1, p) into `out` with the WebAssembly loop, updating `mt` as the TypeScript loop
 * would. Returns false, having done nothing, where the module is unavailable or turned off.
 * A resident `out` (wasm-arena.ts) is written in place; any other through a scratch chunk.
 */
export function fillBinomialOneTrialWasm(mt: MT19937, trial: OneTrialConstants, out: Int32Array): boolean {
  const wasm = module.exports();
  const arena = wasmArena();
  if (wasm === null || arena === null) return false;
  const resident = arena.addressOf(out);
  const key = arena.scratch(KEY_BYTES + (resident >= 0 ? 0 : 4 * CHUNK));
  const chunkAt = key + KEY_BYTES;
  const heap = arena.heap();
  heap.u32.set(mt.key, key >> 2);
  const unsettled = trial.oneFrom - trial.zeroBelow;
  let pos = mt.pos;
  const step = resident >= 0 ? Math.max(out.length, 1) : CHUNK;
  for (let done = 0; done < out.length; done += step) {
    const count = Math.min(step, out.length - done);
    const at = resident >= 0 ? resident : chunkAt;
    pos = wasm.fill(
      key,
      pos,
      at,
      count,
      trial.zeroBelow,
      unsettled,
      trial.oneBelow,
      trial.atZero,
      trial.atOne,
      trial.qn,
      trial.px1,
    );
    // a non-resident mask (not a layer's): one view per 64K-element chunk, then a memcpy
    if (resident < 0) out.set(heap.i32.subarray(chunkAt >> 2, (chunkAt >> 2) + count), done);
  }
  // element by element rather than through a subarray: no view object per call
  for (let i = 0; i < MT_STATE_LENGTH; i++) mt.key[i] = heap.u32[(key >> 2) + i];
  mt.pos = pos;
  return true;
}
