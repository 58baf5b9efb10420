import { ScratchnetError } from '../../errors/scratchnet-error.ts';
import { wasmKernelExports } from './wasm-kernels.ts';

/**
 * Which code runs the matrix products. All give the same results bit for bit (double accumulation
 * in the reference order): `'wasm'` is WebAssembly SIMD, `'typescript'` register-blocked TypeScript
 * (the fallback where WebAssembly does not load), `'reference'` the plain loops they are tested against.
 */
export type KernelBackend = 'wasm' | 'typescript' | 'reference';

export const KERNEL_BACKENDS: readonly KernelBackend[] = ['wasm', 'typescript', 'reference'];

let chosen: KernelBackend | null = null;

/** The backend in use: the one set, else the fastest available (WebAssembly when it loads). */
export function kernelBackend(): KernelBackend {
  if (chosen === null) chosen = wasmKernelExports() === null ? 'typescript' : 'wasm';
  return chosen;
}

/** Chooses the backend of the matrix products for the whole process (or Worker). */
export function setKernelBackend(backend: KernelBackend): void {
  if (!KERNEL_BACKENDS.includes(backend)) {
    throw new ScratchnetError(
      'INVALID_OPTION',
      `unknown kernel backend ${JSON.stringify(backend)}`,
      `use one of ${KERNEL_BACKENDS.map((b) => `'${b}'`).join(', ')}`,
    );
  }
  if (backend === 'wasm' && wasmKernelExports() === null) {
    throw new ScratchnetError(
      'INVALID_OPTION',
      'the wasm kernel backend is not available here (WebAssembly SIMD did not load)',
      "use 'typescript', or run in Node 20+ or a browser Worker (a main thread may refuse to compile it)",
    );
  }
  chosen = backend;
}
