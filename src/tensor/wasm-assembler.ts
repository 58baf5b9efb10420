// Just enough of the WebAssembly binary format to write small scalar kernels as arrays of opcodes
// (binomial-wasm.ts, layers/relu-dropout-wasm.ts): no build step, no generated file. Opcode values
// are those of the WebAssembly core specification, section 5.4 (instructions).

export const I32 = 0x7f;
export const F32 = 0x7d;
export const F64 = 0x7c;
export const EMPTY = 0x40;
export const [BLOCK, LOOP, IF, ELSE, END, BR, BR_IF, CALL, SELECT] = [
  0x02, 0x03, 0x04, 0x05, 0x0b, 0x0c, 0x0d, 0x10, 0x1b,
];
export const [EQZ, LT_U, GE_U, GT_U] = [0x45, 0x49, 0x4f, 0x4b];
export const [F32_LT, F32_GT, F64_LE] = [0x5d, 0x5e, 0x65];
export const [ADD, SUB, MUL, AND, OR, XOR, SHL, SHR_U] = [0x6a, 0x6b, 0x6c, 0x71, 0x72, 0x73, 0x74, 0x76];
export const [F64_ADD, F64_SUB, F64_MUL, F64_DIV] = [0xa0, 0xa1, 0xa2, 0xa3];
export const [F64_FROM_U32, F64_FROM_F32] = [0xb8, 0xbb];

export function unsignedLeb(value: number): number[] {
  const out: number[] = [];
  let v = value >>> 0;
  do {
    const byte = v & 0x7f;
    v >>>= 7;
    out.push(v === 0 ? byte : byte | 0x80);
  } while (v !== 0);
  return out;
}

export function signedLeb(value: number): number[] {
  const out: number[] = [];
  let v = value | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    const done = (v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

export const i32 = (value: number): number[] => [0x41, ...signedLeb(value)];
export const f32 = (value: number): number[] => [0x43, ...new Uint8Array(new Float32Array([value]).buffer)];
export const f64 = (value: number): number[] => [0x44, ...new Uint8Array(new Float64Array([value]).buffer)];
export const get = (local: number): number[] => [0x20, local];
export const set = (local: number): number[] => [0x21, local];
/** i32.load / i32.store with a constant byte offset (alignment 4). */
export const load = (offset = 0): number[] => [0x28, 2, ...unsignedLeb(offset)];
export const store = (offset = 0): number[] => [0x36, 2, ...unsignedLeb(offset)];
export const loadF32 = (): number[] => [0x2a, 2, 0];
export const storeF32 = (): number[] => [0x38, 2, 0];
export const loadF64 = (): number[] => [0x2b, 3, 0];
export const storeF64 = (): number[] => [0x39, 3, 0];

const vec = (items: number[][]): number[] => [...unsignedLeb(items.length), ...items.flat()];
const section = (id: number, body: number[]): number[] => [id, ...unsignedLeb(body.length), ...body];
const utf8 = (text: string): number[] => [
  ...unsignedLeb(text.length),
  ...Array.from(text, (c) => c.charCodeAt(0)),
];

export interface WasmFunction {
  /** Exported under this name (functions without one are internal, called by index). */
  name?: string;
  params: number[];
  results: number[];
  /** Runs of extra locals after the parameters: [count, type]. */
  locals: [number, number][];
  /** The instructions, ending with END. */
  body: number[];
}

/** A module of these functions (index = position) with one memory, exported as `memory`. */
export function assemble(functions: readonly WasmFunction[]): Uint8Array<ArrayBuffer> {
  const types = functions.map((f) => [
    0x60,
    ...vec(f.params.map((t) => [t])),
    ...vec(f.results.map((t) => [t])),
  ]);
  const exports = [[...utf8('memory'), 0x02, 0]];
  functions.forEach((f, index) => {
    if (f.name !== undefined) exports.push([...utf8(f.name), 0x00, index]);
  });
  const code = functions.map((f) => {
    const body = [...vec(f.locals.map(([count, type]) => [...unsignedLeb(count), type])), ...f.body];
    return [...unsignedLeb(body.length), ...body];
  });
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vec(types)),
    ...section(3, vec(functions.map((_, index) => unsignedLeb(index)))),
    ...section(5, vec([[0x00, 1]])),
    ...section(7, vec(exports)),
    ...section(10, vec(code)),
  ]);
}

/** Instantiates `bytes` synchronously, or null where WebAssembly is missing or refuses. */
export function instantiate(bytes: Uint8Array<ArrayBuffer>): WebAssembly.Exports | null {
  try {
    return new WebAssembly.Instance(new WebAssembly.Module(bytes), {}).exports;
  } catch {
    return null;
  }
}
