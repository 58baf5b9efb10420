import type { BinomialCache } from './binomial.ts';
import type { FloatArray, Matrix } from './matrix.ts';
import type { MT19937 } from './mt19937.ts';
import { referenceMatmul, referenceMatmulTransA, referenceMatmulTransB } from './reference-kernels.ts';

// The one door between the book's code and the speed wing (src/accel/). Layers, losses, optimizers
// and metrics call these slots; by default each is the plain TypeScript reference (or, for the
// optional fast paths, "not handled", so the caller's own loop runs). The speed wing registers
// faster implementations that give the same results bit for bit. Nothing here knows WebAssembly or
// threads: the book's classes read the same with or without the wing installed.

/** Where the typed arrays of layer buffers and optimizer state come from (the wing places them in its memory). */
export interface ArrayAllocator {
  float32(length: number): Float32Array;
  float64(length: number): Float64Array;
  int32(length: number): Int32Array;
}

/** The constants of one Adam step, already rounded to the gradient's precision. */
export interface AdamStepConstants {
  b1: number;
  oneMinusB1: number;
  b2: number;
  oneMinusB2: number;
  correction1: number;
  correction2: number;
  minusLr: number;
  eps: number;
}

/**
 * Every slot. The products must write `out` completely; the optional fast paths return false (or a
 * negative count) when they did nothing, and the caller then runs its own TypeScript loop.
 */
export interface KernelTable {
  /** out = a · b (+ bias)   [m, k] · [k, n]; shapes are checked by ops.ts first. */
  matmul(out: Matrix, a: Matrix, b: Matrix, bias: FloatArray | null): void;
  /** out = aᵀ · b   [k, m]ᵀ · [k, n] */
  matmulTransA(out: Matrix, a: Matrix, b: Matrix): void;
  /** out = a · bᵀ   [m, k] · [n, k]ᵀ */
  matmulTransB(out: Matrix, a: Matrix, b: Matrix): void;
  /** Column sums of a row-major [rows, cols] `a`, as ops.ts's sumColumns computes them. */
  sumColumns(out: FloatArray, a: FloatArray, rows: number, cols: number): boolean;
  /** Softmax of each row of a float32 [rows, cols] `x` into `out`, as Softmax computes it. */
  softmaxRows(x: Float32Array, out: Float32Array, rows: number, cols: number): boolean;
  /** out[r] = −log(clip(p[r, labels[r]], low, high)), labels already checked. */
  crossEntropyLabels(
    predictions: Float32Array,
    labels: Int32Array,
    out: Float32Array,
    cols: number,
    low: number,
    high: number,
  ): boolean;
  /** (p − onehot) / rows into `out`; 'bad labels' (nothing written) when a label is out of range. */
  softmaxCrossEntropyBackward(
    predictions: Float32Array,
    labels: Int32Array,
    out: Float32Array,
    rows: number,
    cols: number,
  ): 'done' | 'bad labels' | 'unavailable';
  /** Rows whose argmax is their label; -1 when a label is out of range, -2 when not handled. */
  correctLabels(predictions: Float32Array, labels: Int32Array, rows: number, cols: number): number;
  /** One Adam update of w from g, with moments m and v. */
  adamUpdate(w: FloatArray, g: FloatArray, m: FloatArray, v: FloatArray, c: AdamStepConstants): boolean;
  /** binomial(1, p) draws into `out`, exactly as legacyBinomial would draw them one by one. */
  fillBinomialOneTrial(
    mt: MT19937,
    p: number,
    cache: BinomialCache,
    out: Int32Array | Float32Array | Float64Array,
  ): boolean;
  /** v = max(0, x) (NaN kept); a = v; o = mask ? v · scale : 0, the training step's ReLU + Dropout. */
  reluDropoutForward(
    x: Float32Array,
    mask: Int32Array,
    a: Float32Array,
    o: Float64Array,
    scale: number,
  ): boolean;
  /** g = mask ? d · scale : 0; o = z > 0 ? g : 0, the training step's Dropout + ReLU backward. */
  reluDropoutBackward(
    d: Float32Array | Float64Array,
    mask: Int32Array,
    z: Float32Array,
    g: Float64Array,
    o: Float64Array,
    scale: number,
  ): boolean;
  /** Allocation of the arrays kernels read every step. */
  arrays: ArrayAllocator;
}

const notHandled = (): false => false;

const REFERENCE: KernelTable = {
  matmul: referenceMatmul,
  matmulTransA: referenceMatmulTransA,
  matmulTransB: referenceMatmulTransB,
  sumColumns: notHandled,
  softmaxRows: notHandled,
  crossEntropyLabels: notHandled,
  softmaxCrossEntropyBackward: () => 'unavailable',
  correctLabels: () => -2,
  adamUpdate: notHandled,
  fillBinomialOneTrial: notHandled,
  reluDropoutForward: notHandled,
  reluDropoutBackward: notHandled,
  arrays: {
    float32: (length) => new Float32Array(length),
    float64: (length) => new Float64Array(length),
    int32: (length) => new Int32Array(length),
  },
};

/** The slots in use. Read a slot at each call (never keep one): registering replaces them. */
export const kernels: KernelTable = { ...REFERENCE };

/** Replaces the given slots (the speed wing's install does this once). */
export function registerKernels(faster: Partial<KernelTable>): void {
  Object.assign(kernels, faster);
}

/** Puts every slot back to the TypeScript reference (tests compare both ways). */
export function useReferenceKernels(): void {
  Object.assign(kernels, REFERENCE);
}
