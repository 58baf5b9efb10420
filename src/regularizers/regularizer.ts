import { requireNonNegative } from '../errors/validate.ts';
import type { FloatArray } from '../tensor/matrix.ts';
import { numpySum } from '../tensor/pairwise-sum.ts';

/**
 * The L1 and L2 penalties of one parameter, with their gradients beside them so the two cannot
 * drift apart (the notes this project started from computed a bias gradient from the weights).
 *
 *   penalty  = l1·Σ|w| + l2·Σw²
 *   gradient = l1·sign(w) + 2·l2·w     with sign(0) = +1, the book's convention
 */
export class Regularizer {
  readonly l1: number;
  readonly l2: number;

  constructor(l1: number, l2: number, name = 'regularizer') {
    this.l1 = requireNonNegative(`${name} L1`, l1);
    this.l2 = requireNonNegative(`${name} L2`, l2);
  }

  /** Builds a regularizer only when a lambda is set, so unregularized parameters cost nothing. */
  static of(l1: number, l2: number, name?: string): Regularizer | null {
    const regularizer = new Regularizer(l1, l2, name);
    return regularizer.l1 > 0 || regularizer.l2 > 0 ? regularizer : null;
  }

  /**
   * l1·Σ|w|, as the book's `l1 * np.sum(np.abs(w))` computes it: for float32 values a float32 λ times
   * numpy's float32 pairwise sum (pairwise-sum.ts), rounded to float32; in double otherwise.
   */
  penaltyL1(values: FloatArray): number {
    if (this.l1 === 0) return 0;
    const terms = termsLike(values);
    for (let i = 0; i < values.length; i++) terms[i] = Math.abs(values[i]);
    return scaled(this.l1, terms, values.length);
  }

  /** l2·Σw², as the book's `l2 * np.sum(w * w)`: each square rounded to the values' type, then as penaltyL1. */
  penaltyL2(values: FloatArray): number {
    if (this.l2 === 0) return 0;
    const terms = termsLike(values);
    for (let i = 0; i < values.length; i++) terms[i] = values[i] * values[i];
    return scaled(this.l2, terms, values.length);
  }

  /** Both penalties, added as the book's running sum adds them (in float32 for float32 values). */
  penalty(values: FloatArray): number {
    const sum = this.penaltyL1(values) + this.penaltyL2(values);
    return values instanceof Float32Array ? Math.fround(sum) : sum;
  }

  /**
   * grad += l1·sign(w), then grad += 2·l2·w, in that order, as the book (`dweights += l1 * dL1`, then
   * `dweights += 2 * l2 * weights`). The terms are computed in the values' precision (numpy: a Python
   * float times a float32 array is float32) and added in the gradient's, which rounds on store.
   */
  addGradient(values: FloatArray, grad: FloatArray): void {
    const n = values.length;
    const f32 = values instanceof Float32Array;
    if (this.l1 > 0) {
      const l1 = f32 ? Math.fround(this.l1) : this.l1;
      for (let i = 0; i < n; i++) grad[i] += values[i] < 0 ? -l1 : l1;
    }
    if (this.l2 > 0) {
      // two loops rather than a rounding function passed in: V8 inlines Math.fround only here
      if (f32) {
        const twoL2 = Math.fround(2 * this.l2);
        for (let i = 0; i < n; i++) grad[i] += Math.fround(twoL2 * values[i]);
      } else {
        const twoL2 = 2 * this.l2;
        for (let i = 0; i < n; i++) grad[i] += twoL2 * values[i];
      }
    }
  }
}

// The elementwise terms numpy materializes before it sums (`np.abs(w)`, `w * w`), one reused array
// per type, so that a penalty allocates nothing in steady state.
let float32Terms = new Float32Array(0);
let float64Terms = new Float64Array(0);

function termsLike(values: FloatArray): FloatArray {
  const n = values.length;
  if (values instanceof Float32Array) {
    if (float32Terms.length < n) float32Terms = new Float32Array(n);
    return float32Terms;
  }
  if (float64Terms.length < n) float64Terms = new Float64Array(n);
  return float64Terms;
}

/** λ · np.sum(terms[0..n)): numpy rounds a Python float meeting a float32 value to float32 first. */
function scaled(lambda: number, terms: FloatArray, n: number): number {
  const sum = numpySum(terms, 0, n);
  return terms instanceof Float32Array ? Math.fround(Math.fround(lambda) * sum) : lambda * sum;
}
