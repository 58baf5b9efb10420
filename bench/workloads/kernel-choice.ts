// `--kernels wasm|typescript|reference` for the scratchnet workloads: which matrix-product backend to use
// (default: the library's own choice, the fastest available). Returns the backend in use.
import { KERNEL_BACKENDS, type KernelBackend, kernelBackend, setKernelBackend } from '../../src/index.ts';
import { arg } from './common.ts';

export function chooseKernels(): KernelBackend {
  const wanted = arg('kernels', '');
  const known = KERNEL_BACKENDS.find((b) => b === wanted);
  if (known) setKernelBackend(known);
  else if (wanted !== '') throw new Error(`--kernels ${wanted}: use one of ${KERNEL_BACKENDS.join(', ')}`);
  return kernelBackend();
}
