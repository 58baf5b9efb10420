// The TensorFlow Playground's input features: a fixed transform of the plane's two coordinates into
// the columns the network sees. The names are safe to type in a shell: x1, x2, x1^2, x2^2, x1x2 (the
// product), sin_x1, sin_x2. Saved beside a model (model.json's scratchnet metadata, and the
// command line's --features), so that a run with features reproduces.
import { describeValue, ScratchnetError } from '../errors/scratchnet-error.ts';
import { type InputData, toMatrix } from '../model/model-data.ts';
import { Matrix } from '../tensor/matrix.ts';

export const FEATURE_NAMES = ['x1', 'x2', 'x1^2', 'x2^2', 'x1x2', 'sin_x1', 'sin_x2'] as const;
export type FeatureName = (typeof FEATURE_NAMES)[number];

const FORMULAS: Readonly<Record<FeatureName, (x1: number, x2: number) => number>> = {
  x1: (x1) => x1,
  x2: (_, x2) => x2,
  'x1^2': (x1) => x1 * x1,
  'x2^2': (_, x2) => x2 * x2,
  x1x2: (x1, x2) => x1 * x2,
  sin_x1: (x1) => Math.sin(x1),
  sin_x2: (_, x2) => Math.sin(x2),
};

/** Checks a list of feature names: known, none twice, at least one. */
export function requireFeatures(names: readonly unknown[]): FeatureName[] {
  const hint = `choose from ${FEATURE_NAMES.join(', ')}`;
  if (!Array.isArray(names) || names.length === 0) {
    throw new ScratchnetError(
      'INVALID_OPTION',
      `features: give at least one, got ${describeValue(names)}`,
      hint,
    );
  }
  const seen = new Set<string>();
  return names.map((name) => {
    const found = FEATURE_NAMES.find((f) => f === name);
    if (found === undefined)
      throw new ScratchnetError('INVALID_OPTION', `features: unknown feature ${describeValue(name)}`, hint);
    if (seen.has(found))
      throw new ScratchnetError(
        'INVALID_OPTION',
        `features: ${found} is listed twice`,
        'list each feature once',
      );
    seen.add(found);
    return found;
  });
}

export const FEATURES_HELP = `input features of 2-D data, comma-separated: ${FEATURE_NAMES.join(', ')}`;

/** A comma-separated list, as --features takes it. */
export function parseFeatureList(text: string): FeatureName[] {
  return requireFeatures(text.split(','));
}

/** The plain inputs x1, x2: the transform that changes nothing. */
export function isIdentity(features: readonly FeatureName[]): boolean {
  return features.length === 2 && features[0] === 'x1' && features[1] === 'x2';
}

/** One point's features. */
export function featureRow(features: readonly FeatureName[], x1: number, x2: number): number[] {
  return features.map((name) => FORMULAS[name](x1, x2));
}

/**
 * The feature columns of 2-D points X (x1, x2 per row), in X's dtype; each value computed in
 * double and stored once (rounded to float32 for float32 data).
 */
export function applyFeatures(X: Matrix, features: readonly FeatureName[]): Matrix {
  if (X.cols !== 2) {
    throw new ScratchnetError(
      'SHAPE_MISMATCH',
      `features need 2-D points (x1, x2), got ${X.cols} columns`,
      'use features with the two-column data sets (spiral, vertical, circle, xor, gaussian, a 2-column CSV)',
    );
  }
  const out = Matrix.zeros(X.rows, features.length, X.dtype);
  const formulas = features.map((name) => FORMULAS[name]);
  for (let r = 0; r < X.rows; r++) {
    const x1 = X.data[2 * r];
    const x2 = X.data[2 * r + 1];
    for (let c = 0; c < formulas.length; c++) out.data[r * formulas.length + c] = formulas[c](x1, x2);
  }
  return out;
}

/**
 * The features saved with a model: model.json's `userDefinedMetadata.scratchnet.extras.features`
 * (what `scratchnet train --features` and the playground write), or null for a model of plain inputs.
 * In Node, loadModelFeatures(dir) reads them from a model folder.
 */
export function savedFeatures(extras: { readonly [key: string]: unknown }): FeatureName[] | null {
  const saved = extras.features;
  if (saved === undefined) return null;
  const hint = 'save the model again, or remove "features" from model.json if it was trained on plain inputs';
  const where = 'model.json: userDefinedMetadata.scratchnet.extras.features';
  if (!Array.isArray(saved)) {
    throw new ScratchnetError('CORRUPT_MODEL_FILE', `${where} is ${describeValue(saved)}, not a list`, hint);
  }
  try {
    return requireFeatures(saved);
  } catch (error) {
    if (!(error instanceof ScratchnetError)) throw error;
    throw new ScratchnetError(
      'CORRUPT_MODEL_FILE',
      `${where}: ${error.message.replace(/^features: /, '')}`,
      hint,
    );
  }
}

/**
 * What a model trained on `features` takes, made from the raw points X (x1, x2 per row, the columns its
 * training data had; a Matrix, rows of numbers or a ShapedArray, as predict takes them):
 * applyFeatures(X, features), or X as a Matrix when features is null. A model's own
 * predict and evaluate take the feature columns, so apply this to raw data first. Any other column
 * count is refused with a message naming the raw columns and the features; `source` names X in it.
 */
export function featureInputs(X: InputData, features: readonly FeatureName[] | null, source = 'X'): Matrix {
  const points = toMatrix(source, X);
  if (features === null) return points;
  if (points.cols !== 2) throw rawColumnsError(features, points.cols, source);
  return applyFeatures(points, features);
}

/** The error for data of `columns` columns given to a model trained on `features` of x1, x2. */
export function rawColumnsError(
  features: readonly FeatureName[],
  columns: number,
  source: string,
): ScratchnetError {
  return new ScratchnetError(
    'SHAPE_MISMATCH',
    `${source} has ${columns} input column${columns === 1 ? '' : 's'}, but the model was trained on x1, x2 ` +
      `with features ${features.join(', ')}: give 2 columns (x1, x2)`,
    'give the raw x1, x2 columns the training data had (not the feature columns): the saved features are computed from them',
  );
}
