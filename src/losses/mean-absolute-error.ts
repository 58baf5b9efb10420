import type { FloatArray, Matrix } from '../tensor/matrix.ts';
import { numpyMean } from '../tensor/pairwise-sum.ts';
import { Loss } from './loss.ts';
import { requireTargets } from './targets.ts';

/** Per sample, the mean over outputs of |y − ŷ|. */
export class MeanAbsoluteError extends Loss<Matrix> {
  readonly name = 'meanAbsoluteError';

  forward(predictions: Matrix, targets: Matrix): FloatArray {
    requireTargets(this.name, predictions, targets);
    const { rows, cols } = predictions;
    const p = predictions.data;
    const t = targets.data;
    const out = this.lossBuffer(predictions);
    // numpy: `np.mean(np.abs(y_true - y_pred), axis=-1)`, each difference rounded to the type
    const terms = this.termsRow(cols, out);
    for (let r = 0; r < rows; r++) {
      const row = r * cols;
      for (let c = 0; c < cols; c++) terms[c] = Math.abs(t[row + c] - p[row + c]);
      out[r] = numpyMean(terms, 0, cols);
    }
    return out;
  }

  /** ∂L/∂ŷ = sign(ŷ − y) / outputs / N, with sign(0) = 0 as numpy's np.sign. */
  backward(predictions: Matrix, targets: Matrix): Matrix {
    requireTargets(this.name, predictions, targets);
    const { rows, cols } = predictions;
    const p = predictions.data;
    const t = targets.data;
    const d = this.gradientBuffer(predictions);
    const o = d.data;
    for (let i = 0; i < o.length; i++) o[i] = -Math.sign(t[i] - p[i]) / cols / rows;
    return d;
  }
}
