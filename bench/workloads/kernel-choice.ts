// `--kernels wasm|typescript|reference` for the scratchnet workloads: which matrix-product backend to use
// (default: the library's own choice, the fastest available). Returns the backend in use.
// `--precision exact|float32`: the products' accumulation (default 'exact', numpy's numbers; 'float32'
// is the opt-in float32 accumulation of the wasm backend, faster and not numpy-exact).
// `--threads n`: kernel threads (default 1); the results are the same bits for any count.
import {
  KERNEL_BACKENDS,
  type KernelBackend,
  kernelBackend,
  MATMUL_PRECISIONS,
  type MatmulPrecision,
  matmulPrecision,
  setKernelBackend,
  setKernelThreads,
  setMatmulPrecision,
} from '../../src/node.ts';
import { arg, numArg } from './common.ts';

export function chooseKernels(): KernelBackend {
  const wanted = arg('kernels', '');
  const known = KERNEL_BACKENDS.find((b) => b === wanted);
  if (known) setKernelBackend(known);
  else if (wanted !== '') throw new Error(`--kernels ${wanted}: use one of ${KERNEL_BACKENDS.join(', ')}`);
  return kernelBackend();
}

export function choosePrecision(): MatmulPrecision {
  const wanted = arg('precision', 'exact');
  const known = MATMUL_PRECISIONS.find((p) => p === wanted);
  if (!known) throw new Error(`--precision ${wanted}: use one of ${MATMUL_PRECISIONS.join(', ')}`);
  setMatmulPrecision(known);
  return matmulPrecision();
}

/** Starts the kernel threads asked for; resolves to the count in use. */
export function chooseThreads(): Promise<number> {
  return setKernelThreads(numArg('threads', 1));
}
