import { ScratchnetError } from '../errors/scratchnet-error.ts';
import { type ClassLabels, isMatrix, requireLabels, requireTargets } from '../losses/targets.ts';
import { kernels } from '../tensor/kernel-table.ts';
import type { FloatArray, Matrix } from '../tensor/matrix.ts';
import { argmaxOf } from '../tensor/ops.ts';
import { numpyMean } from '../tensor/pairwise-sum.ts';

/** The book's Accuracy: a fraction in [0, 1] of predictions that count as right. */
export interface Accuracy<Targets> {
  readonly name: string;
  calculate(predictions: Matrix, targets: Targets): number;
}

/** Share of rows whose largest output is the true class (labels, or one-hot rows). */
export class CategoricalAccuracy implements Accuracy<ClassLabels | Matrix> {
  readonly name = 'categorical';

  calculate(predictions: Matrix, targets: ClassLabels | Matrix): number {
    const { rows, cols } = predictions;
    const p = predictions.data;
    let correct = 0;
    // one loop per kind of targets, so that each stays monomorphic (it runs every epoch)
    if (isMatrix(targets)) {
      requireTargets('categorical accuracy', predictions, targets);
      const t = targets.data;
      for (let row = 0; row < rows * cols; row += cols)
        if (argmaxOf(p, row, cols) === argmaxOf(t, row, cols)) correct++;
    } else {
      // the kernel checks the labels' range itself (this runs every epoch); any doubt, and the
      // full check below names the problem
      if (p instanceof Float32Array && targets instanceof Int32Array && targets.length === rows) {
        const wasmCorrect = kernels.correctLabels(p, targets, rows, cols);
        if (wasmCorrect >= 0) return wasmCorrect / rows;
      }
      requireLabels('categorical accuracy', targets, rows, cols);
      for (let r = 0; r < rows; r++) if (argmaxOf(p, r * cols, cols) === targets[r]) correct++;
    }
    return correct / rows;
  }
}

/** Share of outputs on the right side of 0.5, for sigmoid outputs with 0/1 targets. */
export class BinaryAccuracy implements Accuracy<Matrix> {
  readonly name = 'binary';

  calculate(predictions: Matrix, targets: Matrix): number {
    requireTargets('binary accuracy', predictions, targets);
    const p = predictions.data;
    const t = targets.data;
    let correct = 0;
    for (let i = 0; i < p.length; i++) if ((p[i] > 0.5 ? 1 : 0) === t[i]) correct++;
    return correct / p.length;
  }
}

/**
 * Share of outputs within `precision` of the target. The book sets precision = std(y) / 250 from the
 * training targets once (`init`), and keeps it for validation.
 */
export class RegressionAccuracy implements Accuracy<Matrix> {
  readonly name = 'regression';
  precision: number | null = null;
  readonly divisor: number;

  /** @param divisor precision = std(y) / divisor. @default 250 */
  constructor(divisor = 250) {
    this.divisor = divisor;
  }

  /** Sets the precision from these targets; with `reinit` false, only the first call does. */
  init(targets: Matrix, reinit = false): void {
    if (this.precision !== null && !reinit) return;
    // numpy: np.std(y) / 250 is a float32 division for float32 targets
    const precision = standardDeviation(targets.data) / this.divisor;
    this.precision = targets.data instanceof Float32Array ? Math.fround(precision) : precision;
  }

  calculate(predictions: Matrix, targets: Matrix): number {
    requireTargets('regression accuracy', predictions, targets);
    if (this.precision === null) this.init(targets);
    const precision = this.precision ?? 0;
    const p = predictions.data;
    const t = targets.data;
    let correct = 0;
    // numpy: `np.absolute(predictions - y) < precision`, the difference in float32 when both are float32
    if (p instanceof Float32Array && t instanceof Float32Array) {
      for (let i = 0; i < p.length; i++) if (Math.abs(Math.fround(p[i] - t[i])) < precision) correct++;
    } else {
      for (let i = 0; i < p.length; i++) if (Math.abs(p[i] - t[i]) < precision) correct++;
    }
    return correct / p.length;
  }
}

/**
 * Population standard deviation as numpy's `np.std(y)` computes it (numpy/_core/_methods.py, _var and
 * _std): the mean as a pairwise sum divided by the count, the squared deviations summed pairwise,
 * divided, square-rooted; every step in float32 for float32 values, in double otherwise.
 */
export function standardDeviation(values: FloatArray | readonly number[]): number {
  const n = values.length;
  if (n === 0)
    throw new ScratchnetError('BAD_DATA', 'standard deviation of no values', 'pass at least one target');
  const a = values instanceof Float32Array ? values : Float64Array.from(values);
  const f = a instanceof Float32Array ? Math.fround : (x: number) => x;
  const mean = numpyMean(a);
  const squares = a instanceof Float32Array ? new Float32Array(n) : new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const d = f(a[i] - mean);
    squares[i] = d * d;
  }
  return f(Math.sqrt(numpyMean(squares)));
}
