import { requireNonNegative, requirePositive } from '../errors/validate.ts';
import type { Parameter } from '../layers/parameter.ts';
import type { DType, FloatArray } from '../tensor/matrix.ts';
import { Optimizer, roundingOf } from './optimizer.ts';
import { withDefaults } from './options.ts';

export interface AdagradOptions {
  /** @default 1 */
  learningRate: number;
  /** @default 0 */
  decay: number;
  /** Added after the square root. @default 1e-7 */
  epsilon: number;
}

const ADAGRAD_DEFAULTS: AdagradOptions = { learningRate: 1, decay: 0, epsilon: 1e-7 };

/** Adagrad: cache += g²; w −= lr·g / (√cache + ε). Duchi et al., 2011. */
export class Adagrad extends Optimizer {
  readonly name = 'adagrad';
  readonly epsilon: number;

  constructor(options?: Partial<AdagradOptions>) {
    const o = withDefaults('Adagrad', ADAGRAD_DEFAULTS, options);
    super(
      requirePositive('Adagrad learningRate', o.learningRate),
      requireNonNegative('Adagrad decay', o.decay),
    );
    this.epsilon = requirePositive('Adagrad epsilon', o.epsilon);
  }

  protected slotNames(): readonly string[] {
    return ['cache'];
  }

  /** numpy's in-place `cache += g**2` keeps the cache in the parameter's dtype. */
  protected override slotType(parameter: Parameter): DType {
    return parameter.value.dtype;
  }

  protected update(parameter: Parameter, slots: Record<string, FloatArray>): void {
    const w = parameter.value.data;
    const g = parameter.grad.data;
    const cache = slots.cache;
    // g² and −lr·g in the gradient's precision; √cache + ε in the cache's; their ratio in the wider
    const rg = roundingOf(g);
    const rc = roundingOf(cache);
    const minusLr = rg(-this.currentLearningRate);
    const eps = rc(this.epsilon);
    if (g instanceof Float32Array && cache instanceof Float32Array) {
      adagradFloat32(w, g, cache, minusLr, eps);
      return;
    }
    for (let i = 0; i < w.length; i++) {
      cache[i] += rg(g[i] * g[i]);
      w[i] = rg(w[i] + rg(rg(minusLr * g[i]) / rc(rc(Math.sqrt(cache[i])) + eps)));
    }
  }
}

/**
 * The all-float32 loop with Math.fround written out (see sgd.ts for why); the generic loop above
 * stays for the other pairings (a float64 gradient below a Dropout, gradient checks).
 */
function adagradFloat32(
  w: FloatArray,
  g: Float32Array,
  cache: Float32Array,
  minusLr: number,
  eps: number,
): void {
  const r = Math.fround;
  for (let i = 0; i < w.length; i++) {
    cache[i] += r(g[i] * g[i]);
    w[i] = r(w[i] + r(r(minusLr * g[i]) / r(r(Math.sqrt(cache[i])) + eps)));
  }
}
