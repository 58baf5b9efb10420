import { kernels } from '../tensor/kernel-table.ts';
import { numpyLogFloat32 } from '../tensor/libm/numpy-float32-log.ts';
import type { FloatArray, Matrix } from '../tensor/matrix.ts';
import { numpySum } from '../tensor/pairwise-sum.ts';
import { Loss } from './loss.ts';
import { type ClassLabels, isMatrix, requireLabels, requireTargets } from './targets.ts';

/** Targets of a classifier: class indices (sparse) or one-hot rows. */
export type CategoricalTargets = ClassLabels | Matrix;

// The book clips to [1e-7, 1 − 1e-7] so log never sees 0; numpy rounds the bounds to float32.
const CLIP = 1e-7;

const FLOAT32_BOUNDS: readonly [number, number] = [Math.fround(CLIP), Math.fround(1 - CLIP)];
const FLOAT64_BOUNDS: readonly [number, number] = [CLIP, 1 - CLIP];

export function clipBounds(data: FloatArray): readonly [number, number] {
  return data instanceof Float32Array ? FLOAT32_BOUNDS : FLOAT64_BOUNDS;
}

/** −log of the predicted probability of the correct class. */
export class CategoricalCrossentropy extends Loss<CategoricalTargets> {
  readonly name = 'categoricalCrossentropy';

  forward(predictions: Matrix, targets: CategoricalTargets): FloatArray {
    const { rows, cols } = predictions;
    const p = predictions.data;
    const out = this.lossBuffer(predictions);
    const [low, high] = clipBounds(p);
    const log = logOf(p);
    if (isMatrix(targets)) {
      requireTargets(this.name, predictions, targets);
      const t = targets.data;
      // numpy: `np.sum(y_pred_clipped * y_true, axis=1)`, the products rounded to the type, summed pairwise
      const terms = this.termsRow(cols, out);
      for (let r = 0; r < rows; r++) {
        const row = r * cols;
        for (let c = 0; c < cols; c++) terms[c] = clip(p[row + c], low, high) * t[row + c];
        out[r] = -log(numpySum(terms, 0, cols));
      }
    } else {
      requireLabels(this.name, targets, rows, cols);
      if (p instanceof Float32Array && out instanceof Float32Array && targets instanceof Int32Array) {
        if (kernels.crossEntropyLabels(p, targets, out, cols, low, high)) return out;
      }
      for (let r = 0; r < rows; r++) out[r] = -log(clip(p[r * cols + targets[r]], low, high));
    }
    return out;
  }

  /** ∂L/∂ŷ = −y / ŷ / N (unclipped, as the book). */
  backward(predictions: Matrix, targets: CategoricalTargets): Matrix {
    const { rows, cols } = predictions;
    const p = predictions.data;
    const d = this.gradientBuffer(predictions);
    const o = d.data;
    if (isMatrix(targets)) {
      requireTargets(this.name, predictions, targets);
      const t = targets.data;
      for (let i = 0; i < o.length; i++) o[i] = -t[i] / p[i] / rows;
    } else {
      requireLabels(this.name, targets, rows, cols);
      o.fill(0);
      for (let r = 0; r < rows; r++) {
        const i = r * cols + targets[r];
        o[i] = -1 / p[i] / rows;
      }
    }
    return d;
  }
}

/** numpy's float32 np.log (its own SIMD kernel, not the C library's) for float32 data, else Math.log. */
export function logOf(data: FloatArray): (x: number) => number {
  return data instanceof Float32Array ? numpyLogFloat32 : Math.log;
}

export function clip(value: number, low: number, high: number): number {
  return value < low ? low : value > high ? high : value;
}
