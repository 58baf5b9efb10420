import type { FloatArray, Matrix } from '../tensor/matrix.ts';
import { numpyMean } from '../tensor/pairwise-sum.ts';
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
    // numpy: `-(y * np.log(q) + (1 - y) * np.log(1 - q))`, every operation rounded to the type, then
    // `np.mean(…, axis=-1)`
    const terms = this.termsRow(cols, out);
    const f = out instanceof Float32Array ? Math.fround : (x: number) => x;
    for (let r = 0; r < rows; r++) {
      const row = r * cols;
      for (let c = 0; c < cols; c++) {
        const y = t[row + c];
        const q = clip(p[row + c], low, high);
        terms[c] = -f(f(y * log(q)) + f(f(1 - y) * log(f(1 - q))));
      }
      out[r] = numpyMean(terms, 0, cols);
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
    // numpy: `-(y / q - (1 - y) / (1 - q)) / outputs`, then `/ samples`, each operation rounded to
    // float32 for float32 predictions and targets
    const f = o instanceof Float32Array && t instanceof Float32Array ? Math.fround : (x: number) => x;
    for (let i = 0; i < o.length; i++) {
      const q = clip(p[i], low, high);
      o[i] = f(-f(f(t[i] / q) - f(f(1 - t[i]) / f(1 - q))) / cols) / rows;
    }
    return d;
  }
}
