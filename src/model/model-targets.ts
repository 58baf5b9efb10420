import { describeValue, ScratchnetError } from '../errors/scratchnet-error.ts';
import { CategoricalCrossentropy } from '../losses/categorical-crossentropy.ts';
import type { Loss } from '../losses/loss.ts';
import { type ClassLabels, isMatrix } from '../losses/targets.ts';
import { Matrix } from '../tensor/matrix.ts';
import { requireFinite } from '../tensor/shape-checks.ts';

/**
 * What a model trains against: class indices (categorical cross-entropy), or a Matrix with one row
 * per sample (one-hot rows; 0/1 columns for binary cross-entropy; values for regression).
 */
export type ModelTargets = ClassLabels | Matrix;

/** What the checks need to know about the network. */
export interface TargetContext {
  loss: Loss<ModelTargets>;
  /** Width of the network's output and the layer that gives it (null when no layer fixes it). */
  output: { cols: number; layer: string } | null;
}

export function targetCount(targets: ModelTargets): number {
  return isMatrix(targets) ? targets.rows : targets.length;
}

/**
 * Checks data where it enters the model: X a finite Matrix, as many targets as rows, targets of the
 * kind the loss takes, labels the output layer can predict, target columns matching the output.
 */
export function requireData(what: string, X: unknown, y: unknown, context: TargetContext): void {
  if (!(X instanceof Matrix)) {
    throw new ScratchnetError(
      'BAD_DATA',
      `${what}: X must be a Matrix, got ${describeValue(X)}`,
      'build inputs with Matrix.fromRows(rows) or take them from a dataset function',
    );
  }
  const targets = requireTargetKind(what, y, context.loss);
  if (targetCount(targets) !== X.rows) {
    throw new ScratchnetError(
      'SHAPE_MISMATCH',
      `${what}: X has ${X.rows} rows but y has ${targetCount(targets)} ${isMatrix(targets) ? 'rows' : 'labels'}`,
      'pass one target per sample (row of X)',
    );
  }
  if (X.rows === 0)
    throw new ScratchnetError('BAD_DATA', `${what}: X has no rows`, 'pass at least one sample');
  requireFinite(`${what} X`, X);
  if (isMatrix(targets)) requireTargetColumns(what, targets, context);
  else requireClassLabels(what, targets, context);
}

function requireTargetKind(what: string, y: unknown, loss: Loss<ModelTargets>): ModelTargets {
  if (y instanceof Matrix) return y;
  const labels =
    y instanceof Int32Array ||
    y instanceof Uint8Array ||
    y instanceof Uint16Array ||
    y instanceof Uint32Array;
  if (labels && loss instanceof CategoricalCrossentropy) return y;
  throw new ScratchnetError(
    'BAD_DATA',
    labels
      ? `${what}: ${loss.name} needs targets as a Matrix (one row per sample), got class labels`
      : `${what}: y must be class labels (Int32Array) or a Matrix, got ${describeValue(y)}`,
    labels
      ? 'put the labels in a column: new Matrix(n, 1, Float32Array.from(labels)) (the book: y.reshape(-1, 1))'
      : 'categorical cross-entropy takes class indices; the other losses take a Matrix of targets',
  );
}

function requireTargetColumns(what: string, targets: Matrix, context: TargetContext): void {
  requireFinite(`${what} y`, targets);
  const output = context.output;
  if (output !== null && targets.cols !== output.cols) {
    throw new ScratchnetError(
      'SHAPE_MISMATCH',
      `${what}: y has ${targets.cols} columns but the output layer ${output.layer} gives ${output.cols}`,
      'targets need one column per output of the network',
    );
  }
}

function requireClassLabels(what: string, labels: ClassLabels, context: TargetContext): void {
  const classes = context.output?.cols ?? Number.POSITIVE_INFINITY;
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i];
    if (label >= 0 && label < classes) continue;
    const output = context.output;
    if (label < 0) {
      throw new ScratchnetError(
        'BAD_LABEL',
        `${what}: label ${label} at index ${i} is not a class index`,
        'labels are class indices 0, 1, 2, …',
      );
    }
    throw new ScratchnetError(
      'BAD_LABEL',
      `${what}: label ${label} at index ${i} is a class the output layer cannot predict: ` +
        `${output?.layer} has ${classes} outputs (classes 0..${classes - 1})`,
      `the data has more classes than the network: give the last Dense layer at least ${label + 1} neurons`,
    );
  }
}
