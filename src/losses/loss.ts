import type { Layer } from '../layers/layer.ts';
import { regularizationLoss } from '../layers/regularization-loss.ts';
import { BufferPool, type DType, type FloatArray, type Matrix } from '../tensor/matrix.ts';
import { numpySum } from '../tensor/pairwise-sum.ts';
import { requireForwardFirst } from '../tensor/shape-checks.ts';

/** What a `calculate` summed: see Loss.lastSampleLosses. */
export interface SampleLosses {
  sum: number;
  count: number;
  float32: boolean;
}

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
  private readonly last: SampleLosses = { sum: 0, count: 0, float32: true };

  /** The gradient from the last backward (throws BAD_STATE before the first). */
  get dInputs(): Matrix {
    return requireForwardFirst(this.name, this.dInputsBuffer, 'dInputs');
  }

  /** Loss of each sample (a reused buffer). */
  abstract forward(predictions: Matrix, targets: Targets): FloatArray;
  /** ∂(mean loss)/∂predictions. */
  abstract backward(predictions: Matrix, targets: Targets): Matrix;

  /**
   * The mean loss over the batch: the book's `data_loss`, numpy's `np.mean`: a pairwise sum, then a
   * divide, in float32 for float32 losses (a double sum rounded once differs in about half of batches).
   */
  calculate(predictions: Matrix, targets: Targets): number {
    const losses = this.forward(predictions, targets);
    const float32 = losses instanceof Float32Array;
    // np.mean is np.sum divided by the count: the sum is kept for the book's accumulated loss
    const sum = numpySum(losses);
    const last = this.last;
    last.sum = sum;
    last.count = losses.length;
    last.float32 = float32;
    return float32 ? Math.fround(sum / losses.length) : sum / losses.length;
  }

  /**
   * Of the last `calculate`: `np.sum(sample_losses)` (a float32 number for float32 losses), how many
   * samples it sums (what the book's chapter-19 Loss adds to its accumulated sum and count), and
   * whether the data loss is a float32 number, as numpy holds `np.mean` of float32 sample losses:
   * then `data_loss + regularization_loss` is a float32 addition (see addLosses).
   */
  get lastSampleLosses(): Readonly<SampleLosses> {
    return this.last;
  }

  /**
   * The book's `loss.regularization_loss(layer)`: the sum of this layer's penalties, float32 for a
   * float32 layer (a float32 number: add two of them, or one to the data loss, with Math.fround, as
   * numpy adds float32 numbers).
   */
  regularizationLoss(layer: Layer): number {
    return regularizationLoss([layer]).total;
  }

  /** @param dtype the sample losses' type: the predictions' unless the loss computes in another. */
  protected lossBuffer(predictions: Matrix, dtype: DType = predictions.dtype): FloatArray {
    return this.losses.take(predictions.rows, 1, dtype).data;
  }

  /**
   * A reused row of `cols` elements of `like`'s type, for the elementwise terms numpy materializes
   * before it reduces a row (`np.mean(terms, axis=-1)`, `np.sum(terms, axis=1)`): numpySum and
   * numpyMean then add them in numpy's order.
   */
  protected termsRow(cols: number, like: FloatArray): FloatArray {
    if (like instanceof Float32Array) {
      if (float32Row.length < cols) float32Row = new Float32Array(cols);
      return float32Row;
    }
    if (float64Row.length < cols) float64Row = new Float64Array(cols);
    return float64Row;
  }

  protected gradientBuffer(predictions: Matrix, dtype: DType = predictions.dtype): Matrix {
    this.dInputsBuffer = this.gradients.take(predictions.rows, predictions.cols, dtype);
    return this.dInputsBuffer;
  }
}

let float32Row = new Float32Array(16);
let float64Row = new Float64Array(16);

/**
 * The type numpy gives an operation between predictions and targets: float32 when both are float32,
 * float64 when either is (the book's sine targets are float64 while the network is float32).
 */
export function commonType(a: Matrix, b: Matrix): DType {
  return a.dtype === 'float32' && b.dtype === 'float32' ? 'float32' : 'float64';
}
