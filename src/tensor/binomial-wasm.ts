// binomial(1, p) masks in WebAssembly: the loop of fillBinomialOneTrial (binomial-one-trial.ts),
// MT19937's regeneration included, as a small module assembled here, byte by byte, from the opcodes
// below, so that there is no build step and nothing generated to keep in sync. It does exactly what
// the TypeScript loop does, in the same order, on the same integers and doubles (WebAssembly's i32
// and f64 arithmetic is JavaScript's), and binomial.test.ts compares the two on every path. Where
// WebAssembly is missing, the TypeScript loop runs.

import type { MT19937 } from './mt19937.ts';
import {
  ADD,
  AND,
  assemble,
  BLOCK,
  BR,
  BR_IF,
  CALL,
  ELSE,
  EMPTY,
  END,
  F64,
  F64_ADD,
  F64_DIV,
  F64_FROM_U32,
  F64_LE,
  F64_MUL,
  F64_SUB,
  f64,
  GE_U,
  get,
  I32,
  IF,
  i32,
  instantiate,
  LOOP,
  LT_U,
  load,
  OR,
  SELECT,
  SHL,
  SHR_U,
  SUB,
  set,
  store,
  XOR,
} from './wasm-assembler.ts';

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

/** local = MT19937's tempering of local. */
function temper(a: number): number[] {
  // biome-ignore format: one tempering step per line
  return [
    ...get(a), ...get(a), ...i32(11), SHR_U, XOR, ...set(a),
    ...get(a), ...get(a), ...i32(7), SHL, ...i32(0x9d2c5680), AND, XOR, ...set(a),
    ...get(a), ...get(a), ...i32(15), SHL, ...i32(0xefc60000), AND, XOR, ...set(a),
    ...get(a), ...get(a), ...i32(18), SHR_U, XOR, ...set(a),
  ];
}

/** y = (word at p & 0x80000000) | (next word & 0x7fffffff), then word at p = other ^ (y >>> 1) ^ mag01[y & 1]. */
function twist(p: number[], next: number[], other: number[], y: number): number[] {
  // biome-ignore format: the C code's two statements
  return [
    ...p, ...load(), ...i32(0x80000000), AND, ...next, ...load(), ...i32(0x7fffffff), AND, OR, ...set(y),
    ...p, ...other, ...load(), ...get(y), ...i32(1), SHR_U, XOR,
    ...i32(0), ...get(y), ...i32(1), AND, SUB, ...i32(0x9908b0df), AND, XOR, ...store(),
  ];
}

// gen(key): mt19937_gen on the 624 words at byte address key (params: key; locals: p, y)
function genBody(): number[] {
  const [key, p, y] = [0, 1, 2];
  const at = (delta: number) => [...get(p), ...i32(delta), ADD];
  // biome-ignore format: a counted loop
  const loopTo = (end: number, other: number[]) => [
    BLOCK, EMPTY, LOOP, EMPTY,
    ...get(p), ...get(key), ...i32(end), ADD, GE_U, BR_IF, 1,
    ...twist(get(p), at(4), other, y),
    ...at(4), ...set(p), BR, 0,
    END, END,
  ];
  const keyAt = (offset: number) => [...get(key), ...i32(offset), ADD];
  // biome-ignore format: the three parts of mt19937_gen
  return [
    ...get(key), ...set(p),
    ...loopTo(227 * 4, at(397 * 4)),
    ...loopTo(623 * 4, at(-227 * 4)),
    ...twist(keyAt(623 * 4), keyAt(0), keyAt(396 * 4), y),
    END,
  ];
}

// fill(key, pos, out, count, zeroBelow, unsettled, oneBelow, atZero, atOne, qn, px1) -> pos
function fillBody(): number[] {
  const [key, pos, out, count, zeroBelow, unsettled, oneBelow, atZero, atOne, qn, px1] = [
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
  ];
  const [i, a, top, bpos, u] = [11, 12, 13, 14, 15];
  // biome-ignore format: regenerate when the block is used up
  const nextWord = [
    ...get(pos), ...i32(624), GE_U, IF, EMPTY, ...get(key), CALL, 0, ...i32(0), ...set(pos), END,
  ];
  // biome-ignore format: out[i++] = value
  const emit = (value: number[]) => [
    ...get(out), ...get(i), ...i32(2), SHL, ADD, ...value, ...store(),
    ...get(i), ...i32(1), ADD, ...set(i),
  ];
  // biome-ignore format: fillBinomialOneTrial's loop, statement for statement
  return [
    BLOCK, EMPTY, LOOP, EMPTY,
    ...get(i), ...get(count), GE_U, BR_IF, 1,
    ...nextWord, ...get(key), ...get(pos), ...i32(2), SHL, ADD, ...load(), ...set(a),
    ...get(pos), ...i32(1), ADD, ...set(pos),
    ...nextWord, ...get(pos), ...set(bpos), ...get(pos), ...i32(1), ADD, ...set(pos),
    ...temper(a), ...get(a), ...i32(5), SHR_U, ...set(top),
    ...get(top), ...get(zeroBelow), SUB, ...get(unsettled), LT_U, ...get(top), ...get(oneBelow), GE_U, OR,
    IF, EMPTY,
    ...get(key), ...get(bpos), ...i32(2), SHL, ADD, ...load(), ...set(a), ...temper(a),
    ...get(top), F64_FROM_U32, ...f64(67108864), F64_MUL, ...get(a), ...i32(6), SHR_U, F64_FROM_U32, F64_ADD,
    ...f64(9007199254740992), F64_DIV, ...set(u),
    ...get(u), ...get(qn), F64_LE,
    IF, EMPTY, ...emit(get(atZero)),
    ELSE, ...get(u), ...get(qn), F64_SUB, ...get(px1), F64_LE, IF, EMPTY, ...emit(get(atOne)), END,
    END,
    ELSE, ...emit([...get(atZero), ...get(atOne), ...get(top), ...get(zeroBelow), LT_U, SELECT]),
    END,
    BR, 0,
    END, END,
    ...get(pos), END,
  ];
}

function moduleBytes(): Uint8Array<ArrayBuffer> {
  return assemble([
    { params: [I32], results: [], locals: [[2, I32]], body: genBody() },
    {
      name: 'fill',
      params: [I32, I32, I32, I32, I32, I32, I32, I32, I32, F64, F64],
      results: [I32],
      locals: [
        [4, I32],
        [1, F64],
      ],
      body: fillBody(),
    },
  ]);
}

// ---- running it ------------------------------------------------------------------------------

function isMaskExports(e: WebAssembly.Exports): e is WebAssembly.Exports & MaskExports {
  return e.memory instanceof WebAssembly.Memory && typeof e.fill === 'function';
}

let loaded: MaskExports | null | undefined;

/** The instantiated module, or null where WebAssembly is missing or refuses a synchronous compile. */
function maskExports(): MaskExports | null {
  if (loaded === undefined) {
    const exports = instantiate(moduleBytes());
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
