import { BINOMIAL_WASM_BASE64 } from '../generated/binomial-wasm.generated.ts';
import { KERNELS_F32_WASM_BASE64 } from '../generated/kernels-f32-wasm.generated.ts';
import { KERNELS_WASM_BASE64 } from '../generated/kernels-wasm.generated.ts';
import { RELU_DROPOUT_WASM_BASE64 } from '../generated/relu-dropout-wasm.generated.ts';
import { SOFTMAX_LOSS_WASM_BASE64 } from '../generated/softmax-loss-wasm.generated.ts';

// The kernel functions a helper thread can run: each is a function of one of the modules, which the
// helper instantiates on the same shared memory as the main thread. A job is its index here.

/** The modules a helper thread loads, by name. */
export const KERNEL_MODULES = {
  matmul: KERNELS_WASM_BASE64,
  matmulF32: KERNELS_F32_WASM_BASE64,
  reluDropout: RELU_DROPOUT_WASM_BASE64,
  softmaxLoss: SOFTMAX_LOSS_WASM_BASE64,
  binomial: BINOMIAL_WASM_BASE64,
} as const;

export type KernelModuleName = keyof typeof KERNEL_MODULES;

/** [module, exported function] of every job, in job-number order. */
export const KERNEL_JOBS: readonly (readonly [KernelModuleName, string])[] = [
  ['matmul', 'gemm'],
  ['reluDropout', 'forward'],
  ['reluDropout', 'backward'],
  ['reluDropout', 'backwardF32'],
  ['softmaxLoss', 'softmaxRows'],
  ['softmaxLoss', 'crossEntropyLabels'],
  ['binomial', 'fillAhead'],
  ['reluDropout', 'sumColumnRangeF64'],
  ['matmulF32', 'gemm'],
];

/** Job numbers, named. */
export const Job = {
  gemm: 0,
  reluDropoutForward: 1,
  reluDropoutBackward: 2,
  reluDropoutBackwardF32: 3,
  softmaxRows: 4,
  crossEntropyLabels: 5,
  binomialFillAhead: 6,
  sumColumnRangeF64: 7,
  gemmF32: 8,
} as const;

export type JobNumber = (typeof Job)[keyof typeof Job];

/** The most arguments a job takes (the float32 gemm's). */
export const MAX_JOB_ARGS = 18;

// The control block one helper shares with the main thread: Int32 words, then float64 arguments.
export const SEQ = 0; // the main thread's job counter: a new value is a new job (or the stop)
export const DONE = 1; // the helper's: the counter of the last job it finished
export const JOB = 2;
export const FAILED = 3; // 1 when the last job threw (a bug: the kernels' addresses are checked first)
export const STOP = 4;
// The open part: the job counter while neither thread has claimed the posted job, 0 once one has. The
// helper and the calling thread (taking it back) claim it with compareExchange: exactly one runs it.
export const CLAIM = 5;
export const READY = 7; // the helper's: 0 while it loads its modules, then LOADED or FAILED_TO_LOAD
export const LOADED = 1;
export const FAILED_TO_LOAD = 2;
export const HOLD = 6; // 1: the helper claims nothing (tests hold it to see the caller take parts back)
export const ARGS_BYTE_OFFSET = 64;
export const CONTROL_BYTES = ARGS_BYTE_OFFSET + 8 * MAX_JOB_ARGS;

/**
 * How long a thread polls (for the next job, or for a helper's share to end) before it blocks in
 * Atomics.wait. Jobs come in bursts, several per training step a few hundred µs apart, and a blocked
 * thread took tens of µs to wake on a 2-core VM, longer than many jobs take. Like OpenMP's active
 * wait (GOMP_SPINCOUNT), polling costs CPU only while work keeps coming.
 */
export const POLL_MS = 2;
