// Adam's update in WebAssembly SIMD (assembly/adam.ts, compiled into adam-wasm.generated.ts by
// `npm run build:wasm`), bit for bit the TypeScript loop of adam.ts (adam.test.ts compares the two).
// It runs on parameters, gradients and moments resident in the kernels' memory (wasm-arena.ts),
// where Dense and the optimizers allocate them; anything else takes the TypeScript loop.

import type { AdamStepConstants } from '../../tensor/kernel-table.ts';
import type { FloatArray } from '../../tensor/matrix.ts';
import { ArenaModule } from '../arena/arena-module.ts';
import { wasmArena } from '../arena/wasm-arena.ts';
import { ADAM_WASM_BASE64 } from '../generated/adam-wasm.generated.ts';

interface AdamExports {
  update(
    w: number,
    w64: number,
    g: number,
    m: number,
    v: number,
    g64: number,
    n: number,
    b1: number,
    oneMinusB1: number,
    b2: number,
    oneMinusB2: number,
    c1: number,
    c2: number,
    minusLr: number,
    eps: number,
  ): void;
}

function isAdamExports(e: WebAssembly.Exports): e is WebAssembly.Exports & AdamExports {
  return typeof e.update === 'function';
}

const module = new ArenaModule<AdamExports>(ADAM_WASM_BASE64, isAdamExports);

/** Turns the WebAssembly loop off (tests compare it with the TypeScript one). */
export function useAdamWasm(on: boolean): void {
  module.use(on);
}

/**
 * One Adam step in WebAssembly; false (nothing done) where the module is unavailable or an array
 * is not resident, or for a float32 gradient of a float64 parameter (numpy never makes one).
 */
export function adamUpdateWasm(
  w: FloatArray,
  g: FloatArray,
  m: FloatArray,
  v: FloatArray,
  c: AdamStepConstants,
): boolean {
  const wasm = module.exports();
  const arena = wasmArena();
  if (wasm === null || arena === null) return false;
  const g64 = g instanceof Float64Array;
  const w64 = w instanceof Float64Array;
  if ((w64 && !g64) || m instanceof Float64Array !== g64 || v instanceof Float64Array !== g64) return false;
  const wAt = arena.addressOf(w);
  const gAt = arena.addressOf(g);
  const mAt = arena.addressOf(m);
  const vAt = arena.addressOf(v);
  if (wAt < 0 || gAt < 0 || mAt < 0 || vAt < 0) return false;
  wasm.update(
    wAt,
    w64 ? 1 : 0,
    gAt,
    mAt,
    vAt,
    g64 ? 1 : 0,
    w.length,
    c.b1,
    c.oneMinusB1,
    c.b2,
    c.oneMinusB2,
    c.correction1,
    c.correction2,
    c.minusLr,
    c.eps,
  );
  return true;
}
