import { readFile } from 'node:fs/promises';
import { CLASS_DATASETS, isClassDatasetName } from '../data/class-datasets.ts';
import { parseCsv } from '../data/csv.ts';
import { sineData } from '../data/sine.ts';
import { ScratchnetError } from '../errors/scratchnet-error.ts';
import type { ClassLabels } from '../losses/targets.ts';
import { type HeldOutSplit, splitValidation } from '../model/validation-split.ts';
import type { Matrix } from '../tensor/matrix.ts';
import { RandomState } from '../tensor/random.ts';
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
  /** What --validation-split held out, or null without it. */
  heldOut: HeldOut | null;
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
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new ScratchnetError(
      'BAD_DATA',
      `cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`,
      'check the path after csv: (relative paths start from the current folder)',
    );
  }
}

/**
 * The training data, drawn from `rng` first, as the book draws it before the weights. A generated
 * data set is validated on a fresh one of 100 samples per class from a generator of its own, so
 * that the training stream (data, weights, dropout masks) stays exactly the book's. With
 * --validation-split, a seeded random share of the rows is held out instead (stratified by class).
 */
export async function loadTrainingData(config: TrainConfig, rng: RandomState): Promise<TrainingData> {
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
  if (isImageDatasetName(config.dataset)) {
    // the test set is the validation data, as the book's chapter 19 passes validation_data=(X_test, y_test)
    const { X, y, outputs, images } = await loadImageData(config);
    const validation = heldOut ? null : ([images.testX, images.testY] as const);
    return { task: 'classification', X, y, outputs, validation, images, heldOut: null };
  }
  if (isClassDatasetName(config.dataset)) {
    const make = CLASS_DATASETS[config.dataset];
    const { X, y } = make(config.samples, config.classes, rng);
    const v = heldOut ? null : make(100, config.classes, validationRng);
    const validation = v && ([v.X, v.y] as const);
    return { task: 'classification', X, y, outputs: config.classes, validation, heldOut: null };
  }
  if (config.dataset === 'sine') {
    const { X, y } = sineData(config.samples);
    const v = heldOut ? null : sineData(100);
    return { task: 'regression', X, y, outputs: 1, validation: v && [v.X, v.y], heldOut: null };
  }
  const path = config.dataset.slice('csv:'.length);
  const csv = parseCsv(await readCsvFile(path), { label: config.label ?? undefined, source: path });
  if (csv.labels === null)
    return { task: 'regression', X: csv.X, y: csv.targets, outputs: 1, validation: null, heldOut: null };
  // a stratified split keeps a row of every class in training, so every class has its output
  const classes = csv.labels.reduce((max, label) => Math.max(max, label), -1) + 1;
  return {
    task: 'classification',
    X: csv.X,
    y: csv.labels,
    outputs: classes,
    validation: null,
    heldOut: null,
  };
}
