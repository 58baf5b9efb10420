import { ScratchnetError } from '../errors/scratchnet-error.ts';
import type { Matrix } from '../tensor/matrix.ts';

/** The class with the largest output in each row (the first one on ties, as numpy's argmax). */
export function predictedClasses(predictions: Matrix): Int32Array {
  const { rows, cols, data } = predictions;
  const out = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    let best = 0;
    for (let c = 1; c < cols; c++) if (data[r * cols + c] > data[r * cols + best]) best = c;
    out[r] = best;
  }
  return out;
}

/**
 * counts[t][p]: how many samples of true class t were predicted as class p. The diagonal holds the
 * right answers; row t sums to the samples of class t.
 */
export function confusionMatrix(
  predicted: ArrayLike<number>,
  truth: ArrayLike<number>,
  classes: number,
): number[][] {
  if (predicted.length !== truth.length) {
    throw new ScratchnetError(
      'SHAPE_MISMATCH',
      `confusionMatrix got ${predicted.length} predictions and ${truth.length} labels`,
      'pass one prediction per label',
    );
  }
  const counts = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  for (let i = 0; i < truth.length; i++) {
    const t = truth[i];
    const p = predicted[i];
    if (!(t >= 0 && t < classes && p >= 0 && p < classes)) {
      throw new ScratchnetError(
        'BAD_LABEL',
        `sample ${i} has label ${t} and prediction ${p}, expected classes 0..${classes - 1}`,
        'pass class indices below the number of classes',
      );
    }
    counts[t][p]++;
  }
  return counts;
}

/** The matrix as text: one row per true class, one column per predicted class, names abbreviated. */
export function formatConfusionMatrix(
  counts: readonly (readonly number[])[],
  names: readonly string[],
): string {
  const width = Math.max(5, ...counts.flat().map((n) => String(n).length + 1));
  const label = Math.max('true \\ predicted'.length, ...names.map((n) => n.length));
  const short = names.map((n) => n.slice(0, width - 1).padStart(width));
  const lines = [`${'true \\ predicted'.padEnd(label)} ${short.join('')}`];
  counts.forEach((row, t) => {
    lines.push(`${names[t].padEnd(label)} ${row.map((n) => String(n).padStart(width)).join('')}`);
  });
  return lines.join('\n');
}
