import type { Layer } from '../layers/layer.ts';
import { regularizationLoss } from '../layers/regularization-loss.ts';
import { BufferPool, type FloatArray, type Matrix } from '../tensor/matrix.ts';
import { requireForwardFirst } from '../tensor/shape-checks.ts';

/**
 * The book's Loss: `forward` gives one loss per sample, `calculate` their mean (the data loss),
 * `backward` the gradient with respect to the predictions, already divided by the batch size.
 * The regularization loss is reported separately, never mixed into the data loss.
 */
export abstract class Loss<Targets> {
  abstract readonly name: string;
  private dInputsBuffer: Matrix | null = null;
  private readonly gradients = new BufferPool();
  private readonly losses = new BufferPool();

  /** The gradient from the last backward (throws BAD_STATE before the first). */
  get dInputs(): Matrix {
    return requireForwardFirst(this.name, this.dInputsBuffer, 'dInputs');
  }

  /** Loss of each sample (a reused buffer). */
  abstract forward(predictions: Matrix, targets: Targets): FloatArray;
  /** ∂(mean loss)/∂predictions. */
  abstract backward(predictions: Matrix, targets: Targets): Matrix;

  /**
   * The mean loss over the batch: the book's `data_loss`. In float32 it is numpy's `np.mean`: a float32
   * pairwise sum, then a float32 divide (a double sum rounded once differs in about half of batches).
   */
  calculate(predictions: Matrix, targets: Targets): number {
    const losses = this.forward(predictions, targets);
    if (losses instanceof Float32Array) {
      return Math.fround(pairwiseSumFloat32(losses, 0, losses.length) / losses.length);
    }
    let sum = 0;
    for (let i = 0; i < losses.length; i++) sum += losses[i];
    return sum / losses.length;
  }

  /** The book's `loss.regularization_loss(layer)`: the sum of this layer's penalties. */
  regularizationLoss(layer: Layer): number {
    return regularizationLoss([layer]).total;
  }

  protected lossBuffer(predictions: Matrix): FloatArray {
    return this.losses.take(predictions.rows, 1, predictions.dtype).data;
  }

  protected gradientBuffer(predictions: Matrix): Matrix {
    this.dInputsBuffer = this.gradients.take(predictions.rows, predictions.cols, predictions.dtype);
    return this.dInputsBuffer;
  }
}

const blockAccumulators = new Float64Array(8);

/**
 * numpy's float32 `add.reduce` of a contiguous run: sequential below 8 values, 8 interleaved accumulators
 * up to 128, halves (cut at a multiple of 8) above; every addition rounded to float32.
 */
function pairwiseSumFloat32(a: Float32Array, start: number, n: number): number {
  const f = Math.fround;
  if (n < 8) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum = f(sum + a[start + i]);
    return sum;
  }
  if (n <= 128) {
    const r = blockAccumulators;
    for (let j = 0; j < 8; j++) r[j] = a[start + j];
    let i = 8;
    for (; i < n - (n % 8); i += 8) for (let j = 0; j < 8; j++) r[j] = f(r[j] + a[start + i + j]);
    let sum = f(f(f(r[0] + r[1]) + f(r[2] + r[3])) + f(f(r[4] + r[5]) + f(r[6] + r[7])));
    for (; i < n; i++) sum = f(sum + a[start + i]);
    return sum;
  }
  let half = Math.floor(n / 2);
  half -= half % 8;
  return f(pairwiseSumFloat32(a, start, half) + pairwiseSumFloat32(a, start + half, n - half));
}
