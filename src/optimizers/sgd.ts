import { requireNonNegative, requirePositive } from '../errors/validate.ts';
import type { Parameter } from '../layers/parameter.ts';
import type { FloatArray } from '../tensor/matrix.ts';
import { Optimizer, roundingOf } from './optimizer.ts';
import { withDefaults } from './options.ts';

export interface SGDOptions {
  /** @default 1 */
  learningRate: number;
  /** lr_t = lr / (1 + decay·t). @default 0 */
  decay: number;
  /** Fraction of the previous update kept: v = μ·v − lr·g. @default 0 */
  momentum: number;
}

const SGD_DEFAULTS: SGDOptions = { learningRate: 1, decay: 0, momentum: 0 };

/** Stochastic gradient descent with optional momentum, as the book's Optimizer_SGD. */
export class SGD extends Optimizer {
  readonly name = 'sgd';
  readonly momentum: number;

  constructor(options?: Partial<SGDOptions>) {
    const o = withDefaults('SGD', SGD_DEFAULTS, options);
    super(requirePositive('SGD learningRate', o.learningRate), requireNonNegative('SGD decay', o.decay));
    this.momentum = requireNonNegative('SGD momentum', o.momentum);
  }

  protected slotNames(): readonly string[] {
    return this.momentum ? ['momentum'] : [];
  }

  protected update(parameter: Parameter, slots: Record<string, FloatArray>): void {
    const w = parameter.value.data;
    const g = parameter.grad.data;
    // numpy's precision follows the gradient: float32 steps, or float64 below a Dropout
    if (g instanceof Float32Array) {
      sgdFloat32(
        w,
        g,
        this.momentum ? slots.momentum : null,
        Math.fround(this.currentLearningRate),
        Math.fround(this.momentum),
      );
      return;
    }
    const r = roundingOf(g);
    const lr = r(this.currentLearningRate);
    if (this.momentum) {
      const v = slots.momentum;
      const mu = r(this.momentum);
      for (let i = 0; i < w.length; i++) {
        const u = r(r(mu * v[i]) - r(lr * g[i]));
        v[i] = u;
        w[i] = r(w[i] + u);
      }
    } else {
      const minusLr = -lr;
      for (let i = 0; i < w.length; i++) w[i] = r(w[i] + r(minusLr * g[i]));
    }
  }
}

// The float32 loops with Math.fround written out (as in adam.ts): through the rounding function of
// roundingOf, V8 cannot inline it once a call site has seen both roundings, and the step is about ten
// times slower. The generic loops above stay for float64 gradients (gradient checks, the bias
// gradients below a Dropout, which are short).

/** SGD on float32 gradients: numpy's float32 `v = mu·v − lr·g; w += v` (v: the momentum slot), or `w += −lr·g`. */
function sgdFloat32(w: FloatArray, g: Float32Array, v: FloatArray | null, lr: number, mu: number): void {
  const r = Math.fround;
  if (v !== null) {
    for (let i = 0; i < w.length; i++) {
      const u = r(r(mu * v[i]) - r(lr * g[i]));
      v[i] = u;
      w[i] = r(w[i] + u);
    }
  } else {
    const minusLr = -lr;
    for (let i = 0; i < w.length; i++) w[i] = r(w[i] + r(minusLr * g[i]));
  }
}
