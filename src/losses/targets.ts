import { ScratchnetError } from '../errors/scratchnet-error.ts';
import type { Matrix } from '../tensor/matrix.ts';
import { requireFinite } from '../tensor/shape-checks.ts';

/** Class indices, one per sample (the book's sparse `y`). */
export type ClassLabels = Int32Array | Uint8Array | Uint16Array | Uint32Array;

/** Throws BAD_LABEL unless every label is an integer in [0, classes), and SHAPE_MISMATCH on a count mismatch. */
export function requireLabels(
  what: string,
  labels: ArrayLike<number>,
  samples: number,
  classes: number,
): void {
  if (labels.length !== samples) {
    throw new ScratchnetError(
      'SHAPE_MISMATCH',
      `${what}: ${samples} predictions but ${labels.length} labels`,
      'pass one label per row of the predictions',
    );
  }
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i];
    if (!Number.isInteger(label) || label < 0 || label >= classes) {
      throw new ScratchnetError(
        'BAD_LABEL',
        `${what}: label ${label} at index ${i} is not an integer in [0, ${classes})`,
        `labels are class indices 0..${classes - 1}; the output layer has ${classes} neurons`,
      );
    }
  }
}

/** Throws SHAPE_MISMATCH unless the targets have the predictions' shape, NON_FINITE_INPUT on NaN or ±Infinity. */
export function requireTargets(what: string, predictions: Matrix, targets: Matrix): void {
  if (predictions.rows !== targets.rows || predictions.cols !== targets.cols) {
    throw new ScratchnetError(
      'SHAPE_MISMATCH',
      `${what}: predictions are ${predictions.rows}x${predictions.cols} but targets are ${targets.rows}x${targets.cols}`,
      'targets need one row per sample and one column per output',
    );
  }
  requireFinite(`${what} targets`, targets);
}

export function isMatrix(targets: ClassLabels | Matrix): targets is Matrix {
  return (targets as Matrix).cols !== undefined && (targets as Matrix).data !== undefined;
}
