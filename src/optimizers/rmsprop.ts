import { requireNonNegative, requirePositive, requireUnitInterval } from '../errors/validate.ts';
import type { Parameter } from '../layers/parameter.ts';
import type { FloatArray } from '../tensor/matrix.ts';
import { Optimizer, roundingOf } from './optimizer.ts';
import { DECAY_FACTOR_HINT, withDefaults } from './options.ts';

export interface RMSpropOptions {
  /** @default 0.001 */
  learningRate: number;
  /** @default 0 */
  decay: number;
  /** Added after the square root. @default 1e-7 */
  epsilon: number;
  /** Decay of the squared-gradient cache. @default 0.9 */
  rho: number;
}

const RMSPROP_DEFAULTS: RMSpropOptions = { learningRate: 0.001, decay: 0, epsilon: 1e-7, rho: 0.9 };

/** RMSprop: cache = ρ·cache + (1 − ρ)·g²; w −= lr·g / (√cache + ε). Hinton, Coursera lecture 6e. */
export class RMSprop extends Optimizer {
  readonly name = 'rmsprop';
  readonly epsilon: number;
  readonly rho: number;

  constructor(options?: Partial<RMSpropOptions>) {
    const o = withDefaults('RMSprop', RMSPROP_DEFAULTS, options);
    super(
      requirePositive('RMSprop learningRate', o.learningRate),
      requireNonNegative('RMSprop decay', o.decay),
    );
    this.epsilon = requirePositive('RMSprop epsilon', o.epsilon);
    this.rho = requireUnitInterval('RMSprop rho', o.rho, DECAY_FACTOR_HINT);
  }

  protected slotNames(): readonly string[] {
    return ['cache'];
  }

  protected update(parameter: Parameter, slots: Record<string, FloatArray>): void {
    const w = parameter.value.data;
    const g = parameter.grad.data;
    const cache = slots.cache;
    // numpy's precision follows the gradient: float32 steps, or float64 below a Dropout
    const r = roundingOf(g);
    const minusLr = r(-this.currentLearningRate);
    const eps = r(this.epsilon);
    const rho = r(this.rho);
    const oneMinusRho = r(1 - this.rho);
    if (g instanceof Float32Array) {
      rmspropFloat32(w, g, cache, minusLr, eps, rho, oneMinusRho);
      return;
    }
    for (let i = 0; i < w.length; i++) {
      const c = r(r(rho * cache[i]) + r(oneMinusRho * r(g[i] * g[i])));
      cache[i] = c;
      w[i] = r(w[i] + r(r(minusLr * g[i]) / r(r(Math.sqrt(c)) + eps)));
    }
  }
}

/**
 * The float32 loop with Math.fround written out (see sgd.ts for why); the generic loop above stays
 * for float64 gradients.
 */
function rmspropFloat32(
  w: FloatArray,
  g: Float32Array,
  cache: FloatArray,
  minusLr: number,
  eps: number,
  rho: number,
  oneMinusRho: number,
): void {
  const r = Math.fround;
  for (let i = 0; i < w.length; i++) {
    const c = r(r(rho * cache[i]) + r(oneMinusRho * r(g[i] * g[i])));
    cache[i] = c;
    w[i] = r(w[i] + r(r(minusLr * g[i]) / r(r(Math.sqrt(c)) + eps)));
  }
}
