import { requireNonNegative, requirePositive } from '../errors/validate.ts';
import type { Parameter } from '../layers/parameter.ts';
import type { FloatArray } from '../tensor/matrix.ts';
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

  protected update(parameter: Parameter, slots: Record<string, FloatArray>): void {
    const w = parameter.value.data;
    const g = parameter.grad.data;
    const cache = slots.cache;
    const r = roundingOf(w);
    const minusLr = r(-this.currentLearningRate);
    const eps = r(this.epsilon);
    for (let i = 0; i < w.length; i++) {
      const c = r(cache[i] + r(g[i] * g[i]));
      cache[i] = c;
      w[i] = r(w[i] + r(r(minusLr * g[i]) / r(r(Math.sqrt(c)) + eps)));
    }
  }
}
