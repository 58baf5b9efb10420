import { ScratchnetError } from '../errors/scratchnet-error.ts';
import { isMatrix } from '../losses/targets.ts';
import { Matrix } from '../tensor/matrix.ts';
import { RandomState } from '../tensor/random.ts';
import type { ModelTargets } from './model-targets.ts';
import type { Split } from './split.ts';

export interface HeldOutSplit extends Split {
  /** 'stratified' for class labels (each class split on its own), 'random' for other targets. */
  kind: 'stratified' | 'random';
  /** Classes of the training rows with no validation row (too few rows to hold one out). */
  missingClasses: number[];
}

/**
 * Holds out a seeded random `fraction` of the rows for validation, n − floor(n·(1 − fraction)) of
 * them as Keras's validation_split: for class labels each class gives its own share (stratified; at
 * least one row of each class stays in training), for other targets any rows.
 * Both parts keep the rows in their original order, so a file's order carries over. The rows are
 * drawn from a generator of their own, RandomState([seed, 3]), so that the training stream (data,
 * weights, dropout masks) stays the book's; the command line and the playground both split here.
 * Unlike Model.train's validationSplit (the last rows, as Keras), this works on data sorted by
 * class, as `scratchnet data` writes them. The parts are copies.
 */
export function splitValidation(X: Matrix, y: ModelTargets, fraction: number, seed: number): HeldOutSplit {
  if (!(fraction > 0 && fraction < 1)) {
    throw new ScratchnetError(
      'INVALID_OPTION',
      `the validation split must be a fraction in (0, 1), got ${fraction}`,
      'e.g. 0.2 holds out 20% of the rows',
    );
  }
  const rng = new RandomState([seed, 3]);
  const held = new Uint8Array(X.rows);
  let missingClasses: number[] = [];
  // as many rows as Keras's validation_split holds out: n − floor(n·(1 − fraction))
  const count = X.rows - Math.floor(X.rows * (1 - fraction));
  if (isMatrix(y)) {
    const order = X.rows > 0 ? rng.permutation(X.rows) : new Int32Array(0);
    for (let i = 0; i < count; i++) held[order[i]] = 1;
  } else {
    missingClasses = holdOutPerClass(y, count, rng, held);
  }
  const validationRows = held.reduce((sum, h) => sum + h, 0);
  if (validationRows === 0 || validationRows === X.rows) {
    throw new ScratchnetError(
      'INVALID_OPTION',
      `a validation split of ${fraction} of ${X.rows} rows leaves ${X.rows - validationRows} for training and ${validationRows} for validation`,
      'both parts need at least one row: use a fraction nearer 0.2, or more data',
    );
  }
  return {
    train: pick(X, y, held, 0),
    validation: pick(X, y, held, 1),
    kind: isMatrix(y) ? 'random' : 'stratified',
    missingClasses,
  };
}

/**
 * Marks `total` rows in `held`, shared among the classes in proportion to their rows (largest
 * remainder, ties to the lower class), each class keeping at least one row for training; returns
 * the classes given none.
 */
function holdOutPerClass(y: ArrayLike<number>, total: number, rng: RandomState, held: Uint8Array): number[] {
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < y.length; i++) {
    const rows = byClass.get(y[i]);
    if (rows === undefined) byClass.set(y[i], [i]);
    else rows.push(i);
  }
  // classes in ascending order, so that the draws do not depend on which class comes first
  const classes = [...byClass.keys()]
    .sort((a, b) => a - b)
    .map((label) => {
      const rows = byClass.get(label) as number[];
      const quota = (rows.length * total) / y.length;
      return { label, rows, count: Math.min(Math.floor(quota), rows.length - 1), remainder: quota % 1 };
    });
  let left = total - classes.reduce((sum, c) => sum + c.count, 0);
  const byRemainder = [...classes].sort((a, b) => b.remainder - a.remainder || a.label - b.label);
  for (const c of byRemainder) {
    if (left === 0) break;
    if (c.count < c.rows.length - 1) {
      c.count++;
      left--;
    }
  }
  for (const c of classes) {
    const order = rng.permutation(c.rows.length);
    for (let k = 0; k < c.count; k++) held[c.rows[order[k]]] = 1;
  }
  return classes.filter((c) => c.count === 0).map((c) => c.label);
}

/** The rows whose mark equals `mark`, in their order, as new arrays. */
function pick(X: Matrix, y: ModelTargets, held: Uint8Array, mark: 0 | 1): { X: Matrix; y: ModelTargets } {
  const rows: number[] = [];
  for (let i = 0; i < held.length; i++) if (held[i] === mark) rows.push(i);
  const take = (m: Matrix) => {
    const out = Matrix.zeros(rows.length, m.cols, m.dtype);
    for (const [k, row] of rows.entries()) {
      out.data.set(m.data.subarray(row * m.cols, (row + 1) * m.cols), k * m.cols);
    }
    return out;
  };
  if (isMatrix(y)) return { X: take(X), y: take(y) };
  const labels = new Int32Array(rows.length);
  for (const [k, row] of rows.entries()) labels[k] = y[row];
  return { X: take(X), y: labels };
}
