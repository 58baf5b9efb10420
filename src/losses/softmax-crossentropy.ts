import { Softmax } from '../layers/activations.ts';
import { kernels } from '../tensor/kernel-table.ts';
import { BufferPool, type Matrix } from '../tensor/matrix.ts';
import { requireForwardFirst } from '../tensor/shape-checks.ts';
import { CategoricalCrossentropy, type CategoricalTargets } from './categorical-crossentropy.ts';
import { isMatrix, requireLabels, requireTargets } from './targets.ts';

/**
 * Softmax followed by categorical cross-entropy, with the fused backward
 * ∂L/∂z = (softmax(z) − onehot(y)) / N, which is cheaper and better conditioned than chaining
 * the two Jacobians. The book's `Activation_Softmax_Loss_CategoricalCrossentropy`.
 */
export class SoftmaxCategoricalCrossentropy {
  readonly name = 'softmaxCategoricalCrossentropy';
  readonly activation = new Softmax();
  readonly loss = new CategoricalCrossentropy();
  private dInputsBuffer: Matrix | null = null;
  private readonly gradients = new BufferPool();

  /** The probabilities from the last forward. */
  get output(): Matrix {
    return this.activation.output;
  }

  get dInputs(): Matrix {
    return requireForwardFirst(this.name, this.dInputsBuffer, 'dInputs');
  }

  /** Runs the softmax and returns the mean data loss. */
  forward(inputs: Matrix, targets: CategoricalTargets): number {
    const probabilities = this.activation.forward(inputs);
    return this.loss.calculate(probabilities, targets);
  }

  /** @param predictions the softmax output from `forward` (the book passes `loss_activation.output`). */
  backward(predictions: Matrix, targets: CategoricalTargets): Matrix {
    const { rows, cols } = predictions;
    const dInputs = this.gradients.take(rows, cols, predictions.dtype);
    this.dInputsBuffer = dInputs;
    const o = dInputs.data;
    const p = predictions.data;
    const f32 = o instanceof Float32Array;
    if (isMatrix(targets)) {
      requireTargets(this.name, predictions, targets);
      const t = targets.data;
      for (let i = 0; i < o.length; i++) o[i] = (f32 ? Math.fround(p[i] - t[i]) : p[i] - t[i]) / rows;
    } else {
      // the kernel checks the labels' range itself (this runs every epoch); any doubt, and the
      // full check below names the problem
      const fast =
        o instanceof Float32Array &&
        p instanceof Float32Array &&
        targets instanceof Int32Array &&
        targets.length === rows &&
        kernels.softmaxCrossEntropyBackward(p, targets, o, rows, cols) === 'done';
      if (fast) return dInputs;
      requireLabels(this.name, targets, rows, cols);
      // numpy's copy, `[range, y] -= 1`, `/= samples`, each rounded to o's type, in one sweep
      for (let r = 0; r < rows; r++) {
        const row = r * cols;
        const label = row + targets[r];
        for (let i = row; i < row + cols; i++) {
          o[i] = i === label ? (f32 ? Math.fround(p[i] - 1) : p[i] - 1) / rows : p[i] / rows;
        }
      }
    }
    return dInputs;
  }
}
