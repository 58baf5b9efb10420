import type { FloatArray, Matrix } from '../tensor/matrix.ts';
import { clip, clipBounds, logOf } from './categorical-crossentropy.ts';
import { Loss } from './loss.ts';
import { requireTargets } from './targets.ts';

/**
 * Binary cross-entropy for sigmoid outputs, one or more independent 0/1 targets per sample:
 * per sample, the mean over outputs of −(y·log ŷ + (1 − y)·log(1 − ŷ)), ŷ clipped to [1e-7, 1 − 1e-7].
 */
export class BinaryCrossentropy extends Loss<Matrix> {
  readonly name = 'binaryCrossentropy';

  forward(predictions: Matrix, targets: Matrix): FloatArray {
    requireTargets(this.name, predictions, targets);
    const { rows, cols } = predictions;
    const p = predictions.data;
    const t = targets.data;
    const out = this.lossBuffer(predictions);
    const [low, high] = clipBounds(p);
    const log = logOf(p);
    for (let r = 0; r < rows; r++) {
      let sum = 0;
      for (let c = 0; c < cols; c++) {
        const i = r * cols + c;
        const q = clip(p[i], low, high);
        sum += -(t[i] * log(q) + (1 - t[i]) * log(1 - q));
      }
      out[r] = sum / cols;
    }
    return out;
  }

  /** ∂L/∂ŷ = −(y/ŷ − (1 − y)/(1 − ŷ)) / outputs / N, with ŷ clipped as in forward. */
  backward(predictions: Matrix, targets: Matrix): Matrix {
    requireTargets(this.name, predictions, targets);
    const { rows, cols } = predictions;
    const p = predictions.data;
    const t = targets.data;
    const d = this.gradientBuffer(predictions);
    const o = d.data;
    const [low, high] = clipBounds(p);
    for (let i = 0; i < o.length; i++) {
      const q = clip(p[i], low, high);
      o[i] = -(t[i] / q - (1 - t[i]) / (1 - q)) / cols / rows;
    }
    return d;
  }
}
