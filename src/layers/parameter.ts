import type { Regularizer } from '../regularizers/regularizer.ts';
import type { Matrix } from '../tensor/matrix.ts';

/**
 * A trainable array with its gradient beside it, and the regularizer that belongs to it.
 * The gradient is usually of the value's dtype; it is float64 for a float32 value when a float64
 * gradient reaches it (below a Dropout, numpy's float64 island), so the layer may replace it once.
 */
export class Parameter {
  name: string;
  readonly value: Matrix;
  grad: Matrix;
  readonly regularizer: Regularizer | null;

  constructor(name: string, value: Matrix, grad: Matrix, regularizer: Regularizer | null) {
    this.name = name;
    this.value = value;
    this.grad = grad;
    this.regularizer = regularizer;
  }
}
