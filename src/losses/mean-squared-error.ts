import type { FloatArray, Matrix } from '../tensor/matrix.ts';
import { numpyMean } from '../tensor/pairwise-sum.ts';
import { commonType, Loss } from './loss.ts';
import { requireTargets } from './targets.ts';

/** Per sample, the mean over outputs of (y − ŷ)². For regression with a Linear output. */
export class MeanSquaredError extends Loss<Matrix> {
  readonly name = 'meanSquaredError';

  forward(predictions: Matrix, targets: Matrix): FloatArray {
    requireTargets(this.name, predictions, targets);
    const { rows, cols } = predictions;
    const p = predictions.data;
    const t = targets.data;
    // numpy: `np.mean((y_true - y_pred)**2, axis=-1)`, each difference and square rounded to the type
    // of the two (float64 targets, as the book's sine data, make the losses float64)
    const out = this.lossBuffer(predictions, commonType(predictions, targets));
    const terms = this.termsRow(cols, out);
    const f32 = out instanceof Float32Array;
    for (let r = 0; r < rows; r++) {
      const row = r * cols;
      for (let c = 0; c < cols; c++) {
        const e = f32 ? Math.fround(t[row + c] - p[row + c]) : t[row + c] - p[row + c];
        terms[c] = e * e;
      }
      out[r] = numpyMean(terms, 0, cols);
    }
    return out;
  }

  /** ∂L/∂ŷ = −2(y − ŷ) / outputs / N */
  backward(predictions: Matrix, targets: Matrix): Matrix {
    requireTargets(this.name, predictions, targets);
    const { rows, cols } = predictions;
    const p = predictions.data;
    const t = targets.data;
    // numpy: `-2 * (y_true - dvalues) / outputs`, then `/ samples`, each operation in the type of the two
    const d = this.gradientBuffer(predictions, commonType(predictions, targets));
    const o = d.data;
    if (o instanceof Float32Array) {
      const f = Math.fround;
      for (let i = 0; i < o.length; i++) o[i] = f((-2 * f(t[i] - p[i])) / cols) / rows;
    } else {
      for (let i = 0; i < o.length; i++) o[i] = (-2 * (t[i] - p[i])) / cols / rows;
    }
    return d;
  }
}
