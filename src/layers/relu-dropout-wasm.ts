// The masked loops of relu-dropout.ts in WebAssembly, for the float32 activations of training,
// compiled from assembly/relu-dropout.ts (AssemblyScript) into relu-dropout-wasm.generated.ts by
// `npm run build:wasm`: the same selects, the same double multiply, in the same order, so every
// stored value is the one the TypeScript loop stores (relu-dropout.test.ts compares the two, zeros'
// signs included). Operands are copied into the module's memory and the results back with typed-array
// `set` (memcpy): cheaper here than one pass of the JavaScript loop. Where WebAssembly is missing,
// the TypeScript loops run.

import { instantiateBase64 } from '../tensor/wasm-instance.ts';
import { RELU_DROPOUT_WASM_BASE64 } from './relu-dropout-wasm.generated.ts';

interface ReluDropoutExports {
  readonly memory: WebAssembly.Memory;
  forward(x: number, mask: number, a: number, o: number, n: number, scale: number): void;
  backward(d: number, mask: number, z: number, g: number, o: number, n: number, scale: number): void;
}

function isExports(e: WebAssembly.Exports): e is WebAssembly.Exports & ReluDropoutExports {
  return (
    e.memory instanceof WebAssembly.Memory &&
    typeof e.forward === 'function' &&
    typeof e.backward === 'function'
  );
}

let loaded: ReluDropoutExports | null | undefined;
let enabled = true;

function kernels(): ReluDropoutExports | null {
  if (!enabled) return null;
  if (loaded === undefined) {
    const exports = instantiateBase64(RELU_DROPOUT_WASM_BASE64);
    loaded = exports !== null && isExports(exports) ? exports : null;
  }
  return loaded;
}

/** Turns the WebAssembly loops off (tests compare them with the TypeScript ones). */
export function useReluDropoutWasm(on: boolean): void {
  enabled = on;
}

/** Whether the module loaded here. */
export function reluDropoutWasmAvailable(): boolean {
  const was = enabled;
  enabled = true;
  const available = kernels() !== null;
  enabled = was;
  return available;
}

/** Typed views of the module's memory, made again only when the memory or the length changes. */
class Views {
  private buffer: ArrayBuffer | null = null;
  private length = -1;
  private views: (Float32Array | Float64Array | Int32Array)[] = [];

  private readonly layout: (n: number) => [type: 'f32' | 'f64' | 'i32', offset: number][];

  constructor(layout: (n: number) => [type: 'f32' | 'f64' | 'i32', offset: number][]) {
    this.layout = layout;
  }

  of(wasm: ReluDropoutExports, n: number): (Float32Array | Float64Array | Int32Array)[] {
    if (this.buffer !== wasm.memory.buffer || this.length !== n) {
      const slots = this.layout(n);
      const end = Math.max(...slots.map(([type, offset]) => offset + (type === 'f64' ? 8 : 4) * n));
      const memory = wasm.memory;
      if (memory.buffer.byteLength < end) memory.grow(Math.ceil((end - memory.buffer.byteLength) / 65536));
      const buffer = memory.buffer;
      this.views = slots.map(([type, offset]) =>
        type === 'f32'
          ? new Float32Array(buffer, offset, n)
          : type === 'f64'
            ? new Float64Array(buffer, offset, n)
            : new Int32Array(buffer, offset, n),
      );
      this.buffer = buffer;
      this.length = n;
    }
    return this.views;
  }
}

// x, mask, a: 4n bytes each; o: 8n bytes, at a multiple of 8
const forwardViews = new Views((n) => [
  ['f32', 0],
  ['i32', 4 * n],
  ['f32', 8 * n],
  ['f64', 8 * Math.ceil((12 * n) / 8)],
]);
// d: 8n bytes, mask and z: 4n each, g and o: 8n each
const backwardViews = new Views((n) => [
  ['f64', 0],
  ['i32', 8 * n],
  ['f32', 12 * n],
  ['f64', 16 * n],
  ['f64', 24 * n],
]);

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
  const n = x.length;
  const [X, MASK, A, O] = forwardViews.of(wasm, n);
  X.set(x);
  MASK.set(mask);
  wasm.forward(X.byteOffset, MASK.byteOffset, A.byteOffset, O.byteOffset, n, scale);
  a.set(A);
  o.set(O);
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
  const n = d.length;
  const [D, MASK, Z, G, O] = backwardViews.of(wasm, n);
  // a float32 d is widened by the copy (exactly, as the TypeScript loop reads it): cheaper here than
  // f64.promote_f32 in the loop, which V8's optimizing tier compiles with a false dependency
  D.set(d);
  MASK.set(mask);
  Z.set(z);
  wasm.backward(D.byteOffset, MASK.byteOffset, Z.byteOffset, G.byteOffset, O.byteOffset, n, scale);
  g.set(G);
  o.set(O);
  return true;
}
