import { CLASS_DATASETS, isClassDatasetName } from '../data/class-datasets.ts';
import { parseCsv } from '../data/csv.ts';
import { applyFeatures } from '../data/features.ts';
import type { PointNoiseOptions } from '../data/point-noise.ts';
import { isRegressionDatasetName, REGRESSION_DATASETS } from '../data/regression-datasets.ts';
import { ScratchnetError } from '../errors/scratchnet-error.ts';
import { MAX_TEXT_FILE_BYTES, readRegularFile } from '../io/regular-file.ts';
import type { ClassLabels } from '../losses/targets.ts';
import { splitLast } from '../model/split.ts';
import { type HeldOutSplit, splitValidation } from '../model/validation-split.ts';
import type { Matrix } from '../tensor/matrix.ts';
import { RandomState } from '../tensor/random.ts';
import { csvTask } from './csv-task.ts';
import { digestOf, type FileDigest } from './file-digest.ts';
import { type ImageRunData, isImageDatasetName, loadImageData } from './image-data.ts';
import type { TrainConfig } from './train-config.ts';

export type Task = 'classification' | 'regression';

export interface TrainingData {
  task: Task;
  X: Matrix;
  y: ClassLabels | Matrix;
  /** Output neurons: the classes, or 1 for regression. */
  outputs: number;
  /** The validation set: a separate one, the rows --validation-split held out, or null. */
  validation: readonly [Matrix, ClassLabels | Matrix] | null;
  /** Image data sets only: the test set and class names, for the end-of-run report. */
  images?: ImageRunData;
  /** CSV data only: the file's size and sha256, which --resume checks. */
  file?: FileDigest;
  /** Why the task is what it is, when the labels decided it in a way the user may not expect. */
  taskNote?: string;
  /** What --validation-split held out, or null without it. */
  heldOut: HeldOut | null;
  /** With --features: the 2-D points before the transform, over which the decision boundary is drawn. */
  points?: { X: Matrix; validation: Matrix | null };
}

export interface HeldOut {
  kind: HeldOutSplit['kind'];
  fraction: number;
  trainingRows: number;
  validationRows: number;
  /** Classes with no validation row. */
  missingClasses: number[];
}

/** Reads a CSV file's text, naming the file in the error when it cannot be read. */
export async function readCsvFile(path: string): Promise<string> {
  return (await readCsvBytes(path)).toString('utf8');
}

async function readCsvBytes(path: string): Promise<Buffer> {
  try {
    const bytes = await readRegularFile(path, {
      what: 'the CSV file',
      maxBytes: MAX_TEXT_FILE_BYTES,
      tooLargeHint: 'split the data into smaller files, or sample fewer rows',
    });
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  } catch (error) {
    if (error instanceof ScratchnetError) throw error;
    throw new ScratchnetError(
      'BAD_DATA',
      `cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`,
      'check the path after csv: (relative paths start from the current folder)',
    );
  }
}

/**
 * The training data, drawn from `rng` first, as the book draws it before the weights. A generated
 * data set is validated on a fresh one of 100 samples per class (a regression set: 100 rows) from a
 * generator of its own, so that the training stream (data, weights, dropout masks) stays exactly the
 * book's. With --validation-split, a seeded random share of the rows is held out instead (stratified
 * by class for classes, any rows for regression targets).
 */
export async function loadTrainingData(config: TrainConfig, rng: RandomState): Promise<TrainingData> {
  const data = await loadDataColumns(config, rng);
  const features = config.features;
  if (features === null) return data;
  const validation =
    data.validation && ([applyFeatures(data.validation[0], features), data.validation[1]] as const);
  const points = { X: data.X, validation: data.validation?.[0] ?? null };
  return { ...data, X: applyFeatures(data.X, features), validation, points };
}

/** The --noise of a generated data set as its option; none: the data set's own default. */
export function noiseOption(config: Pick<TrainConfig, 'noise'>): PointNoiseOptions {
  return config.noise === null ? {} : { noise: config.noise };
}

/** The data's own columns, with the rows --validation-split holds out (seeded, stratified by class). */
async function loadDataColumns(config: TrainConfig, rng: RandomState): Promise<TrainingData> {
  const data = await loadAllData(config, rng);
  if (config.validationSplit === null) return data;
  const split = splitValidation(data.X, data.y, config.validationSplit, config.seed);
  return {
    ...data,
    X: split.train.X,
    y: split.train.y,
    validation: [split.validation.X, split.validation.y],
    heldOut: {
      kind: split.kind,
      fraction: config.validationSplit,
      trainingRows: split.train.X.rows,
      validationRows: split.validation.X.rows,
      missingClasses: split.missingClasses,
    },
  };
}

async function loadAllData(config: TrainConfig, rng: RandomState): Promise<TrainingData> {
  const heldOut = config.validationSplit !== null;
  const validationRng = new RandomState([config.seed, 1]);
  requireTaskOf(config);
  requireGeneratedForNoise(config);
  if (isImageDatasetName(config.dataset)) {
    // the test set is the validation data, as the book's chapter 19 passes validation_data=(X_test, y_test)
    const { X, y, outputs, images } = await loadImageData(config);
    const validation = heldOut ? null : ([images.testX, images.testY] as const);
    return { task: 'classification', X, y, outputs, validation, images, heldOut: null };
  }
  if (isClassDatasetName(config.dataset)) {
    const make = CLASS_DATASETS[config.dataset];
    const { X, y } = make(config.samples, config.classes, rng, noiseOption(config));
    requireSplit(X, y, config.validationSplit);
    const v = heldOut ? null : make(100, config.classes, validationRng, noiseOption(config));
    const validation = v && ([v.X, v.y] as const);
    return { task: 'classification', X, y, outputs: config.classes, validation, heldOut: null };
  }
  if (isRegressionDatasetName(config.dataset)) {
    // the sine data draw nothing without noise: the book's run, whose weights are the first draws
    const make = REGRESSION_DATASETS[config.dataset];
    const { X, y } = make(config.samples, rng, noiseOption(config));
    requireSplit(X, y, config.validationSplit);
    const v = heldOut ? null : make(100, validationRng, noiseOption(config));
    return { task: 'regression', X, y, outputs: 1, validation: v && [v.X, v.y], heldOut: null };
  }
  return loadCsvData(config);
}

async function loadCsvData(config: TrainConfig): Promise<TrainingData> {
  const path = config.dataset.slice('csv:'.length);
  const bytes = await readCsvBytes(path);
  const file = digestOf(bytes);
  const csv = parseCsv(bytes.toString('utf8'), { label: config.label ?? undefined, source: path });
  requireSplit(csv.X, csv.targets, config.validationSplit);
  const task = csvTask(config.task, csv, path);
  if (task.kind === 'regression') {
    const { X, targets } = csv;
    return {
      task: 'regression',
      X,
      y: targets,
      outputs: 1,
      validation: null,
      file,
      taskNote: task.note,
      heldOut: null,
    };
  }
  const labels = task.labels;
  // a stratified split keeps a row of every class in training, so every class has its output
  requireTwoClasses(labels, csv.X.rows, path);
  const classes = maxOf(labels, 0, csv.X.rows) + 1;
  return {
    task: 'classification',
    X: csv.X,
    y: labels,
    outputs: classes,
    validation: null,
    file,
    heldOut: null,
  };
}

/** A generated or image data set has its task; --task may only confirm it. */
function requireTaskOf(config: TrainConfig): void {
  if (config.task === null || config.dataset.startsWith('csv:')) return;
  const own = isRegressionDatasetName(config.dataset) ? 'regression' : 'classification';
  if (config.task !== own) {
    throw new ScratchnetError(
      'INVALID_OPTION',
      `--task ${config.task} does not fit --dataset ${config.dataset}, a ${own} data set`,
      '--task chooses between classification and regression for CSV data only; drop it here',
    );
  }
}

/** --noise belongs to a generated data set; CSV and image data bring their own. */
function requireGeneratedForNoise(config: TrainConfig): void {
  if (config.noise === null) return;
  if (isClassDatasetName(config.dataset) || isRegressionDatasetName(config.dataset)) return;
  throw new ScratchnetError(
    'INVALID_OPTION',
    `--noise ${config.noise} does not fit --dataset ${config.dataset}, which scratchnet does not generate`,
    '--noise sets the noise of spiral, vertical, circle, xor, gaussian, sine, plane and multi-gaussian; drop it here',
  );
}

/** Refuses a --validation-split that leaves either part empty, before anything is trained or written. */
function requireSplit(X: Matrix, y: ClassLabels | Matrix, split: number | null): void {
  if (split !== null) splitLast(X, y, split);
}

/**
 * A classifier needs two classes in its training rows: with one, the softmax of a single output is
 * always 1, the loss always 0, and the run would train nothing without a word.
 */
function requireTwoClasses(labels: Int32Array, rows: number, path: string): void {
  for (let i = 1; i < rows; i++) if (labels[i] !== labels[0]) return;
  throw new ScratchnetError(
    'BAD_LABEL',
    `${path}: every training row has the label ${labels[0]}; a classifier needs at least 2 classes`,
    'check the label column (the last one, or the one --label names); to predict a number instead, train a regression (--task regression)',
  );
}

function maxOf(labels: Int32Array, from: number, to: number): number {
  let max = -1;
  for (let i = from; i < to; i++) if (labels[i] > max) max = labels[i];
  return max;
}
