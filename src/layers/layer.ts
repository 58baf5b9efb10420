import type { Matrix } from '../tensor/matrix.ts';
import type { Parameter } from './parameter.ts';

/**
 * A step of the network. As in the book, a layer remembers what its backward pass needs,
 * and exposes `output` after `forward` and `dInputs` after `backward`.
 */
export interface Layer {
  /** A short name used in summaries, saved files and error messages. */
  name: string;
  /** The result of the last forward (throws BAD_STATE before the first). */
  readonly output: Matrix;
  /** The result of the last backward (throws BAD_STATE before the first). */
  readonly dInputs: Matrix;
  /** @param training false at inference: dropout becomes the identity. */
  forward(inputs: Matrix, training?: boolean): Matrix;
  backward(dOutput: Matrix): Matrix;
  parameters(): readonly Parameter[];
}
