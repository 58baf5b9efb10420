import { applyFeatures, type FeatureName } from '../data/features.ts';
import type { RgbaImage } from '../data/rgba-image.ts';
import type { HistoryData } from '../model/history.ts';
import type { Matrix } from '../tensor/matrix.ts';
import { renderTrainingCurvesSvg } from './curves-svg.ts';
import { type LabelledPoints, renderDecisionBoundary } from './decision-boundary.ts';
import { renderPredictionsSvg } from './predictions-svg.ts';
import { renderRegressionSurface, type SurfacePoints } from './regression-surface.ts';

/** Inputs and targets as training holds them: class indices, or a matrix (one-hot, 0/1, or values). */
export interface PictureData {
  X: Matrix;
  y: ArrayLike<number> | Matrix;
}

export interface RunPicturesInput {
  /** The trained model's forward pass at inference (model.predict). */
  predict: (inputs: Matrix) => Matrix;
  /** Input columns the model takes. */
  inputs: number;
  /**
   * The feature transform the model was trained with (x1², sin x1, …), or null for plain columns.
   * With it, `train` and `validation` hold the 2-D points before the transform, and the decision
   * boundary (or the regression surface) is drawn over those two coordinates.
   */
  features?: readonly FeatureName[] | null;
  /** Output columns: classes (1 for a sigmoid's two classes), or 1 for regression. */
  outputs: number;
  task: 'classification' | 'regression';
  train?: PictureData | null;
  validation?: PictureData | null;
  history?: HistoryData | null;
  /** Heading of the curves. */
  title?: string;
  /** Size of the decision-boundary or regression-surface picture. @default 512 × 512 */
  width?: number;
  height?: number;
  /** See DecisionBoundaryOptions.cellSize. @default 1 */
  cellSize?: number;
}

export interface RunPictures {
  /** For classification with two input columns. */
  decisionBoundary: RgbaImage | null;
  /** When a history with at least one epoch is given. */
  curves: string | null;
  /** For regression with two input columns (or features made from two) and one output column. */
  surface: RgbaImage | null;
  /** For regression with one input and one output column. */
  predictions: string | null;
  /** One sentence per picture not drawn, saying why. */
  notes: string[];
}

/** Every picture that fits the run: what `scratchnet train` and `scratchnet plot` write. */
export function renderRunPictures(input: RunPicturesInput): RunPictures {
  const notes: string[] = [];
  let curves: string | null = null;
  if (input.history && input.history.epoch.length > 0) {
    curves = renderTrainingCurvesSvg(input.history, { title: input.title });
  } else {
    notes.push('no training curves: the run has no history');
  }
  let decisionBoundary: RgbaImage | null = null;
  let surface: RgbaImage | null = null;
  let predictions: string | null = null;
  const features = input.features ?? null;
  const planar = features === null ? input.inputs === 2 : features.length === input.inputs;
  if (input.task === 'classification') {
    if (planar) {
      const classCount = input.outputs === 1 ? 2 : input.outputs;
      decisionBoundary = renderDecisionBoundary(planePredictor(input.predict, features), {
        classCount,
        width: input.width,
        height: input.height,
        cellSize: input.cellSize,
        train: input.train ? labelled(input.train) : undefined,
        validation: input.validation ? labelled(input.validation) : undefined,
      });
    } else {
      notes.push(`no decision boundary: it needs 2 input columns, the model takes ${input.inputs}`);
    }
  } else if (planar && input.outputs === 1) {
    surface = renderRegressionSurface(planePredictor(input.predict, features), {
      width: input.width,
      height: input.height,
      cellSize: input.cellSize,
      train: valued(input.train),
      validation: valued(input.validation),
    });
  } else if (input.inputs === 1 && input.outputs === 1 && input.train && !isLabels(input.train.y)) {
    predictions = renderPredictionsSvg(input.predict, { X: input.train.X, y: input.train.y });
  } else if (input.inputs > 2) {
    notes.push(`no regression surface: it needs 2 input columns, the model takes ${input.inputs}`);
  }
  return { decisionBoundary, surface, curves, predictions, notes };
}

/**
 * The model's predictions at points of the plane: each n×2 batch goes through the feature transform
 * first (nothing for plain x1, x2), so that a model trained on features is drawn over x1 and x2.
 */
export function planePredictor(
  predict: (inputs: Matrix) => Matrix,
  features: readonly FeatureName[] | null,
): (grid: Matrix) => Matrix {
  if (features === null) return predict;
  return (grid) => predict(applyFeatures(grid, features));
}

/** Class indices from labels, one-hot rows (argmax) or a single 0/1 column (rounded). */
export function classIndices(y: ArrayLike<number> | Matrix): ArrayLike<number> {
  if (isLabels(y)) return y;
  const out = new Int32Array(y.rows);
  for (let r = 0; r < y.rows; r++) {
    if (y.cols === 1) {
      out[r] = Math.round(y.data[r]);
      continue;
    }
    let best = 0;
    for (let c = 1; c < y.cols; c++) if (y.data[r * y.cols + c] > y.data[r * y.cols + best]) best = c;
    out[r] = best;
  }
  return out;
}

function labelled(data: PictureData): LabelledPoints {
  return { inputs: data.X, labels: classIndices(data.y) };
}

/** Points with target values, or null for none (or class labels, which a surface does not colour). */
function valued(data: PictureData | null | undefined): SurfacePoints | null {
  if (!data || isLabels(data.y)) return null;
  return { X: data.X, y: data.y };
}

function isLabels(y: ArrayLike<number> | Matrix): y is ArrayLike<number> {
  return !('cols' in y && 'rows' in y && 'data' in y);
}
