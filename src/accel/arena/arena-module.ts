// Loading the kernel modules (assembly/*.ts, built into the *-wasm.generated.ts files) onto the
// arena's memory (wasm-arena.ts). The modules are built declaring a shared memory import; where the
// arena's memory is an ordinary one, the flag byte of that import is patched (nonSharedVariant): the
// modules use no atomics, so both memories run the same code.

import { decodeBase64 } from './decode-base64.ts';
import { wasmArena } from './wasm-arena.ts';

/** The bytes of a module whose shared memory import is made an ordinary one; null if not found. */
export function nonSharedVariant(bytes: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> | null {
  const copy = bytes.slice();
  let p = 8; // magic and version
  const leb = (): number => {
    let value = 0;
    let shift = 0;
    for (;;) {
      const byte = copy[p++];
      value += (byte & 0x7f) * 2 ** shift;
      shift += 7;
      if ((byte & 0x80) === 0) return value;
    }
  };
  while (p < copy.length) {
    const id = copy[p++];
    const size = leb();
    const end = p + size;
    if (id === 2) {
      const count = leb();
      for (let i = 0; i < count; i++) {
        const moduleName = leb();
        p += moduleName;
        const fieldName = leb();
        p += fieldName;
        const kind = copy[p++];
        if (kind === 2) {
          if (copy[p] !== 3) return null;
          copy[p] = 1; // limits: minimum and maximum, not shared
          return copy;
        }
        if (kind === 0) leb();
        else return null; // tables and globals are not expected in the kernels
      }
    }
    p = end;
  }
  return null;
}

/**
 * Compiles and instantiates kernel module bytes (built importing a shared `env.memory`) on the
 * arena's memory; null where WebAssembly, its SIMD, or a synchronous compile is refused.
 */
export function instantiateInArena(bytes: Uint8Array<ArrayBuffer>): WebAssembly.Exports | null {
  const a = wasmArena();
  if (a === null) return null;
  const code = a.shared ? bytes : nonSharedVariant(bytes);
  if (code === null) return null;
  try {
    return new WebAssembly.Instance(new WebAssembly.Module(code), { env: { memory: a.memory } }).exports;
  } catch {
    return null;
  }
}

/**
 * A kernel module, compiled and instantiated on the arena the first time it is asked for; null where
 * it cannot load (then the TypeScript loops run). Tests turn it off to compare the two.
 */
export class ArenaModule<T> {
  private loaded: T | null | undefined;
  private enabled = true;
  private readonly base64: string;
  private readonly isExports: (exports: WebAssembly.Exports) => exports is WebAssembly.Exports & T;

  constructor(
    base64: string,
    isExports: (exports: WebAssembly.Exports) => exports is WebAssembly.Exports & T,
  ) {
    this.base64 = base64;
    this.isExports = isExports;
  }

  /** The exports, or null where the module cannot load or is turned off. */
  exports(): T | null {
    if (!this.enabled) return null;
    if (this.loaded === undefined) {
      const exports = instantiateInArena(decodeBase64(this.base64));
      this.loaded = exports !== null && this.isExports(exports) ? exports : null;
    }
    return this.loaded;
  }

  /** Turns the module off (or on again): its callers then take their TypeScript loops. */
  use(on: boolean): void {
    this.enabled = on;
  }

  /** Whether the module loads here, on or off. */
  available(): boolean {
    const was = this.enabled;
    this.enabled = true;
    const loads = this.exports() !== null;
    this.enabled = was;
    return loads;
  }
}
