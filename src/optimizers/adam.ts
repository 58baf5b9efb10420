import { requireNonNegative, requirePositive, requireUnitInterval } from '../errors/validate.ts';
import type { Parameter } from '../layers/parameter.ts';
import { type AdamStepConstants, kernels } from '../tensor/kernel-table.ts';
import type { FloatArray } from '../tensor/matrix.ts';
import { Optimizer, roundingOf } from './optimizer.ts';
import { DECAY_FACTOR_HINT, withDefaults } from './options.ts';

export interface AdamOptions {
  /** @default 0.001 */
  learningRate: number;
  /** @default 0 */
  decay: number;
  /** Added after the square root. @default 1e-7 */
  epsilon: number;
  /** Decay of the first moment. @default 0.9 */
  beta1: number;
  /** Decay of the second moment. @default 0.999 */
  beta2: number;
}

const ADAM_DEFAULTS: AdamOptions = { learningRate: 0.001, decay: 0, epsilon: 1e-7, beta1: 0.9, beta2: 0.999 };

/**
 * Adam (Kingma and Ba, 2015, arXiv:1412.6980), in the book's order:
 *   m = β1·m + (1 − β1)·g;   m̂ = m / (1 − β1^(t+1))
 *   v = β2·v + (1 − β2)·g²;  v̂ = v / (1 − β2^(t+1))
 *   w += −lr·m̂ / (√v̂ + ε)
 * Bias correction divides (ConvNetJS once multiplied, for years).
 */
export class Adam extends Optimizer {
  readonly name = 'adam';
  readonly epsilon: number;
  readonly beta1: number;
  readonly beta2: number;

  constructor(options?: Partial<AdamOptions>) {
    const o = withDefaults('Adam', ADAM_DEFAULTS, options);
    super(requirePositive('Adam learningRate', o.learningRate), requireNonNegative('Adam decay', o.decay));
    this.epsilon = requirePositive('Adam epsilon', o.epsilon);
    this.beta1 = requireUnitInterval('Adam beta1', o.beta1, DECAY_FACTOR_HINT);
    this.beta2 = requireUnitInterval('Adam beta2', o.beta2, DECAY_FACTOR_HINT);
  }

  protected slotNames(): readonly string[] {
    return ['momentum', 'cache'];
  }

  protected update(parameter: Parameter, slots: Record<string, FloatArray>): void {
    const w = parameter.value.data;
    const g = parameter.grad.data;
    const m = slots.momentum;
    const v = slots.cache;
    // numpy's precision follows the gradient: float32 steps, or float64 below a Dropout
    const r = roundingOf(g);
    const c = this.constants;
    c.b1 = r(this.beta1);
    c.oneMinusB1 = r(1 - this.beta1);
    c.b2 = r(this.beta2);
    c.oneMinusB2 = r(1 - this.beta2);
    c.correction1 = r(1 - this.beta1 ** (this.iterations + 1));
    c.correction2 = r(1 - this.beta2 ** (this.iterations + 1));
    c.minusLr = r(-this.currentLearningRate);
    c.eps = r(this.epsilon);
    if (kernels.adamUpdate(w, g, m, v, c)) return;
    if (g instanceof Float32Array) adamFloat32(w, g, m, v, c);
    else adamFloat64(w, g, m, v, c);
  }

  private readonly constants: AdamStepConstants = {
    b1: 0,
    oneMinusB1: 0,
    b2: 0,
    oneMinusB2: 0,
    correction1: 0,
    correction2: 0,
    minusLr: 0,
    eps: 0,
  };
}

// Two copies of one loop, so that each stays monomorphic: with the rounding passed in as a function,
// V8 could not inline it and the loop ran about ten times slower.

/** The float32 step: every operation rounded to float32, as numpy on float32 arrays. */
function adamFloat32(
  w: FloatArray,
  g: Float32Array,
  m: FloatArray,
  v: FloatArray,
  c: AdamStepConstants,
): void {
  const r = Math.fround;
  const { b1, oneMinusB1, b2, oneMinusB2, correction1, correction2, minusLr, eps } = c;
  for (let i = 0; i < w.length; i++) {
    const gi = g[i];
    const mi = r(r(b1 * m[i]) + r(oneMinusB1 * gi));
    const vi = r(r(b2 * v[i]) + r(oneMinusB2 * r(gi * gi)));
    m[i] = mi;
    v[i] = vi;
    const mHat = r(mi / correction1);
    const vHat = r(vi / correction2);
    w[i] = r(w[i] + r(r(minusLr * mHat) / r(r(Math.sqrt(vHat)) + eps)));
  }
}

/** The float64 step (below the book's Dropout, and gradient checks); a float32 w rounds on store. */
function adamFloat64(
  w: FloatArray,
  g: Float64Array,
  m: FloatArray,
  v: FloatArray,
  c: AdamStepConstants,
): void {
  const { b1, oneMinusB1, b2, oneMinusB2, correction1, correction2, minusLr, eps } = c;
  for (let i = 0; i < w.length; i++) {
    const gi = g[i];
    const mi = b1 * m[i] + oneMinusB1 * gi;
    const vi = b2 * v[i] + oneMinusB2 * (gi * gi);
    m[i] = mi;
    v[i] = vi;
    w[i] = w[i] + (minusLr * (mi / correction1)) / (Math.sqrt(vi / correction2) + eps);
  }
}
