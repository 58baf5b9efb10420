import type { Regularizer } from '../regularizers/regularizer.ts';
import type { Matrix } from '../tensor/matrix.ts';

/** A trainable array with its gradient beside it, and the regularizer that belongs to it. */
export class Parameter {
  name: string;
  readonly value: Matrix;
  readonly grad: Matrix;
  readonly regularizer: Regularizer | null;

  constructor(name: string, value: Matrix, grad: Matrix, regularizer: Regularizer | null) {
    this.name = name;
    this.value = value;
    this.grad = grad;
    this.regularizer = regularizer;
  }
}
