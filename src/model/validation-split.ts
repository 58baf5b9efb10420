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
 * Holds out a seeded random `fraction` of the rows for validation: of each class its own share,
 * round(rowsOfClass · fraction), for class labels (at least one row of each class stays in
 * training), or floor-complemented share of all rows, n − floor(n·(1 − fraction)), for other targets.
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
  if (isMatrix(y)) {
    const count = X.rows - Math.floor(X.rows * (1 - fraction));
    const order = X.rows > 0 ? rng.permutation(X.rows) : new Int32Array(0);
    for (let i = 0; i < count; i++) held[order[i]] = 1;
  } else {
    missingClasses = holdOutPerClass(y, fraction, rng, held);
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

/** Marks round(n_c · fraction) rows of each class c in `held` (at most n_c − 1); the classes given none. */
function holdOutPerClass(
  y: ArrayLike<number>,
  fraction: number,
  rng: RandomState,
  held: Uint8Array,
): number[] {
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < y.length; i++) {
    const rows = byClass.get(y[i]);
    if (rows === undefined) byClass.set(y[i], [i]);
    else rows.push(i);
  }
  const missing: number[] = [];
  // classes in ascending order, so that the draws do not depend on which class comes first
  for (const label of [...byClass.keys()].sort((a, b) => a - b)) {
    const rows = byClass.get(label) as number[];
    const count = Math.min(Math.round(rows.length * fraction), rows.length - 1);
    if (count === 0) missing.push(label);
    const order = rng.permutation(rows.length);
    for (let k = 0; k < count; k++) held[rows[order[k]]] = 1;
  }
  return missing;
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
