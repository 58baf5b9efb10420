import { ScratchnetError } from '../errors/scratchnet-error.ts';
import { isMatrix } from '../losses/targets.ts';
import { Matrix } from '../tensor/matrix.ts';
import type { ModelTargets } from './model-targets.ts';

export interface Split {
  train: { X: Matrix; y: ModelTargets };
  validation: { X: Matrix; y: ModelTargets };
}

/**
 * Holds out the last `fraction` of the rows, as Keras's validation_split: training keeps rows
 * [0, floor(n·(1 − fraction))). The parts are views on the data, not copies.
 */
export function splitLast(X: Matrix, y: ModelTargets, fraction: number): Split {
  const rows = X.rows;
  const at = Math.floor(rows * (1 - fraction));
  if (at < 1 || at >= rows) {
    throw new ScratchnetError(
      'INVALID_OPTION',
      `validationSplit ${fraction} of ${rows} rows leaves ${at} for training and ${rows - at} for validation`,
      'both parts need at least one row: use a fraction nearer 0.2, or more data',
    );
  }
  return {
    train: { X: rowsOf(X, 0, at), y: targetsOf(y, 0, at) },
    validation: { X: rowsOf(X, at, rows), y: targetsOf(y, at, rows) },
  };
}

function rowsOf(m: Matrix, start: number, end: number): Matrix {
  return new Matrix(end - start, m.cols, m.data.subarray(start * m.cols, end * m.cols));
}

function targetsOf(y: ModelTargets, start: number, end: number): ModelTargets {
  return isMatrix(y) ? rowsOf(y, start, end) : y.subarray(start, end);
}
