// binomial(1, p) masks in WebAssembly: the loop of fillBinomialOneTrial (binomial-one-trial.ts),
// MT19937's regeneration included, compiled from assembly/binomial-mask.ts (AssemblyScript) into
// binomial-wasm.generated.ts by `npm run build:wasm`. It does exactly what the TypeScript loop does,
// in the same order, on the same integers and doubles (WebAssembly's i32 and f64 arithmetic is
// JavaScript's), and binomial.test.ts compares the two on every path. Where WebAssembly is missing,
// the TypeScript loop runs.

import { BINOMIAL_WASM_BASE64 } from './binomial-wasm.generated.ts';
import type { MT19937 } from './mt19937.ts';
import { instantiateBase64 } from './wasm-instance.ts';

/** What fillBinomialOneTrial hands the kernel (see OneTrial in binomial-one-trial.ts). */
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
  readonly memory: WebAssembly.Memory;
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
  return e.memory instanceof WebAssembly.Memory && typeof e.fill === 'function';
}

let loaded: MaskExports | null | undefined;

/** The instantiated module, or null where WebAssembly is missing or refuses a synchronous compile. */
function maskExports(): MaskExports | null {
  if (loaded === undefined) {
    const exports = instantiateBase64(BINOMIAL_WASM_BASE64);
    loaded = exports !== null && isMaskExports(exports) ? exports : null;
  }
  return loaded;
}

const KEY = 0; // 624 words of state
const OUT = 4096; // the chunk of mask being drawn
const CHUNK = 65536; // elements per call: 256 KB of mask, so the memory stays small

let enabled = true;

/** Whether the WebAssembly kernel loaded here. */
export function binomialWasmAvailable(): boolean {
  return maskExports() !== null;
}

/** Turns the WebAssembly kernel off (tests compare it with the TypeScript loop). */
export function useBinomialWasm(on: boolean): void {
  enabled = on;
}

/**
 * Draws binomial(1, p) into `out` with the WebAssembly loop, updating `mt` as the TypeScript loop
 * would. Returns false, having done nothing, where the module is unavailable or turned off.
 */
export function fillBinomialOneTrialWasm(mt: MT19937, trial: OneTrialConstants, out: Int32Array): boolean {
  const wasm = enabled ? maskExports() : null;
  if (wasm === null) return false;
  const { key, mask } = viewsOf(wasm);
  key.set(mt.key);
  const unsettled = trial.oneFrom - trial.zeroBelow;
  let pos = mt.pos;
  for (let done = 0; done < out.length; done += CHUNK) {
    const count = Math.min(CHUNK, out.length - done);
    pos = wasm.fill(
      KEY,
      pos,
      OUT,
      count,
      trial.zeroBelow,
      unsettled,
      trial.oneBelow,
      trial.atZero,
      trial.atOne,
      trial.qn,
      trial.px1,
    );
    out.set(count === CHUNK ? mask : mask.subarray(0, count), done);
  }
  mt.key.set(key);
  mt.pos = pos;
  return true;
}

let views: { buffer: ArrayBuffer; key: Uint32Array; mask: Int32Array } | null = null;

/** Views of the state and of the chunk, made once (the memory never grows after the first call). */
function viewsOf(wasm: MaskExports): { key: Uint32Array; mask: Int32Array } {
  const memory = wasm.memory;
  if (views === null || views.buffer !== memory.buffer) {
    const needed = OUT + 4 * CHUNK;
    if (memory.buffer.byteLength < needed)
      memory.grow(Math.ceil((needed - memory.buffer.byteLength) / 65536));
    const buffer = memory.buffer;
    views = { buffer, key: new Uint32Array(buffer, KEY, 624), mask: new Int32Array(buffer, OUT, CHUNK) };
  }
  return views;
}
