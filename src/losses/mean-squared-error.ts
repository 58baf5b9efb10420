import type { FloatArray, Matrix } from '../tensor/matrix.ts';
import { Loss } from './loss.ts';
import { requireTargets } from './targets.ts';

/** Per sample, the mean over outputs of (y − ŷ)². For regression with a Linear output. */
export class MeanSquaredError extends Loss<Matrix> {
  readonly name = 'meanSquaredError';

  forward(predictions: Matrix, targets: Matrix): FloatArray {
    requireTargets(this.name, predictions, targets);
    const { rows, cols } = predictions;
    const p = predictions.data;
    const t = targets.data;
    const out = this.lossBuffer(predictions);
    for (let r = 0; r < rows; r++) {
      let sum = 0;
      for (let c = 0; c < cols; c++) {
        const e = t[r * cols + c] - p[r * cols + c];
        sum += e * e;
      }
      out[r] = sum / cols;
    }
    return out;
  }

  /** ∂L/∂ŷ = −2(y − ŷ) / outputs / N */
  backward(predictions: Matrix, targets: Matrix): Matrix {
    requireTargets(this.name, predictions, targets);
    const { rows, cols } = predictions;
    const p = predictions.data;
    const t = targets.data;
    const d = this.gradientBuffer(predictions);
    const o = d.data;
    for (let i = 0; i < o.length; i++) o[i] = (-2 * (t[i] - p[i])) / cols / rows;
    return d;
  }
}
