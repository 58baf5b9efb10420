import { registerKernels } from '../tensor/kernel-table.ts';
import { residentFloat32Array, residentFloat64Array, residentInt32Array } from './arena/wasm-arena.ts';
import { fillBinomialOneTrial } from './binomial/binomial-one-trial.ts';
import { adamUpdateWasm } from './elementwise/adam-wasm.ts';
import {
  fastSumColumns,
  reluDropoutBackwardWasm,
  reluDropoutForwardWasm,
} from './elementwise/relu-dropout-wasm.ts';
import {
  correctLabelsWasm,
  crossEntropyLabelsWasm,
  softmaxCrossEntropyBackwardWasm,
  softmaxRowsWasm,
} from './elementwise/softmax-loss-wasm.ts';
import { fastMatmul, fastMatmulTransA, fastMatmulTransB } from './matmul/products.ts';

// The speed wing's one door: registers its kernels into the book's kernel table
// (src/tensor/kernel-table.ts). Every registered kernel gives the reference results bit for bit;
// each falls back to the TypeScript loop (by returning false) where WebAssembly, its SIMD or a shared
// memory is missing. The library entry, the command line and the playground's worker call this once.

/** Registers the WebAssembly and threaded kernels (again after useReferenceKernels, in tests). */
export function installAcceleration(): void {
  registerKernels({
    matmul: fastMatmul,
    matmulTransA: fastMatmulTransA,
    matmulTransB: fastMatmulTransB,
    sumColumns: fastSumColumns,
    softmaxRows: softmaxRowsWasm,
    crossEntropyLabels: crossEntropyLabelsWasm,
    softmaxCrossEntropyBackward: softmaxCrossEntropyBackwardWasm,
    correctLabels: correctLabelsWasm,
    adamUpdate: adamUpdateWasm,
    fillBinomialOneTrial,
    reluDropoutForward: reluDropoutForwardWasm,
    reluDropoutBackward: reluDropoutBackwardWasm,
    arrays: { float32: residentFloat32Array, float64: residentFloat64Array, int32: residentInt32Array },
  });
}
