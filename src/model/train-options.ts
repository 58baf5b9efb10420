import { describeValue, ScratchnetError } from '../errors/scratchnet-error.ts';
import { rejectUnknownOptions, requireInteger, requireNonNegative } from '../errors/validate.ts';
import type { TrainingCallback } from './callbacks.ts';
import type { InputData, TargetData } from './model-data.ts';

export type MonitoredMetric = 'valLoss' | 'loss' | 'valAccuracy' | 'accuracy';

export interface EarlyStoppingOptions {
  /** The number watched; losses must fall, accuracies rise. @default 'valLoss' */
  monitor?: MonitoredMetric;
  /** Epochs without improvement before stopping (0 and 1 both stop at the first, as Keras). @default 0 */
  patience?: number;
  /** The least change that counts as an improvement. @default 0 */
  minDelta?: number;
  /** At the end, put back the parameters of the best epoch (as they were after its updates). @default false */
  restoreBestWeights?: boolean;
}

export interface TrainOptions {
  /** Epochs to run in this call, numbered on from the model's count (1..epochs on a new model). @default 1 */
  epochs?: number;
  /** Rows per step; omitted, the whole set is one batch, as the book until chapter 19. @default full batch */
  batchSize?: number;
  /** Visit the rows in a new order each epoch, drawn from the model's generator. @default false */
  shuffle?: boolean;
  /** Data to evaluate after every epoch (dropout off). */
  validationData?: readonly [InputData, TargetData];
  /**
   * Hold out this fraction of the rows, the last ones (as Keras), before any shuffling; in (0, 1).
   * Data sorted by class would lose whole classes: split those with splitValidation (seeded,
   * stratified) and pass its part as validationData, as `scratchnet train --validation-split` does.
   */
  validationSplit?: number;
  /**
   * How often callbacks hear of progress. Full batch (no batchSize): every printEvery-th epoch, and the
   * last (the book's chapter 18). With batchSize: every epoch, and inside it every printEvery-th step
   * and the last step (chapter 19). @default 1
   */
  printEvery?: number;
  /** @default [] */
  callbacks?: readonly TrainingCallback[];
  /** Stop when the monitored number stops improving. @default none */
  earlyStopping?: EarlyStoppingOptions;
  /**
   * Stops training before the next epoch once aborted (an epoch in progress ends first, so the model
   * is always at a whole epoch; `model.epoch` tells which). With trainAsync, an abort from a signal
   * handler or a UI event is heard within a fraction of a second. @default none
   */
  signal?: AbortSignal;
}

export interface BatchOptions {
  /** Rows per forward pass; omitted, all at once. @default all rows */
  batchSize?: number;
}

export interface ResolvedTrainOptions {
  epochs: number;
  batchSize: number | null;
  shuffle: boolean;
  validationData: readonly [InputData, TargetData] | null;
  validationSplit: number | null;
  printEvery: number;
  callbacks: readonly TrainingCallback[];
  earlyStopping: Required<EarlyStoppingOptions> | null;
  signal: AbortSignal | null;
}

const TRAIN_DEFAULTS: ResolvedTrainOptions = {
  epochs: 1,
  batchSize: null,
  shuffle: false,
  validationData: null,
  validationSplit: null,
  printEvery: 1,
  callbacks: [],
  earlyStopping: null,
  signal: null,
};

const EARLY_STOPPING_DEFAULTS: Required<EarlyStoppingOptions> = {
  monitor: 'valLoss',
  patience: 0,
  minDelta: 0,
  restoreBestWeights: false,
};

const MONITORS: readonly MonitoredMetric[] = ['valLoss', 'loss', 'valAccuracy', 'accuracy'];
const CALLBACK_METHODS = ['onEpochEnd', 'onBatchEnd', 'onTrainEnd'] as const;

/** Validates train() options and fills in the defaults. */
export function resolveTrainOptions(options: TrainOptions | undefined): ResolvedTrainOptions {
  rejectUnknownOptions('train', options, Object.keys(TRAIN_DEFAULTS));
  const o = { ...TRAIN_DEFAULTS, ...withoutUndefined(options ?? {}) };
  const resolved: ResolvedTrainOptions = {
    epochs: requireInteger('epochs', o.epochs, 1),
    batchSize: o.batchSize === null ? null : requireInteger('batchSize', o.batchSize, 1),
    shuffle: requireBoolean('shuffle', o.shuffle),
    validationData: o.validationData === null ? null : requireValidationData(o.validationData),
    validationSplit: o.validationSplit === null ? null : requireSplit(o.validationSplit),
    printEvery: requireInteger('printEvery', o.printEvery, 1),
    callbacks: requireCallbacks(o.callbacks),
    earlyStopping: o.earlyStopping === null ? null : resolveEarlyStopping(o.earlyStopping),
    signal: o.signal === null ? null : requireSignal(o.signal),
  };
  if (resolved.validationData !== null && resolved.validationSplit !== null) {
    throw new ScratchnetError(
      'INVALID_OPTION',
      'train got both validationData and validationSplit',
      'pass one of them: validationData: [X, y], or validationSplit: 0.2 to hold out the last 20% of rows',
    );
  }
  const validated = resolved.validationData !== null || resolved.validationSplit !== null;
  const monitor = resolved.earlyStopping?.monitor;
  if (!validated && (monitor === 'valLoss' || monitor === 'valAccuracy')) {
    throw new ScratchnetError(
      'INVALID_OPTION',
      `earlyStopping monitors ${monitor} but train has no validation data`,
      "pass validationData or validationSplit, or monitor 'loss' or 'accuracy'",
    );
  }
  return resolved;
}

function resolveEarlyStopping(options: EarlyStoppingOptions): Required<EarlyStoppingOptions> {
  rejectUnknownOptions('earlyStopping', options, Object.keys(EARLY_STOPPING_DEFAULTS));
  const o = { ...EARLY_STOPPING_DEFAULTS, ...withoutUndefined(options) };
  if (!MONITORS.includes(o.monitor)) {
    throw new ScratchnetError(
      'INVALID_OPTION',
      `earlyStopping monitor must be one of ${MONITORS.join(', ')}, got ${describeValue(o.monitor)}`,
      "the default is 'valLoss'",
    );
  }
  return {
    monitor: o.monitor,
    patience: requireInteger('earlyStopping patience', o.patience, 0),
    minDelta: requireNonNegative('earlyStopping minDelta', o.minDelta),
    restoreBestWeights: requireBoolean('earlyStopping restoreBestWeights', o.restoreBestWeights),
  };
}

function requireSplit(value: unknown): number {
  if (typeof value !== 'number' || !(value > 0 && value < 1)) {
    throw new ScratchnetError(
      'INVALID_OPTION',
      `validationSplit must be a fraction in (0, 1), got ${describeValue(value)}`,
      'e.g. 0.2 holds out the last 20% of the rows for validation',
    );
  }
  return value;
}

function requireValidationData(value: unknown): readonly [InputData, TargetData] {
  if (!Array.isArray(value) || value.length !== 2) {
    throw new ScratchnetError(
      'INVALID_OPTION',
      `validationData must be a pair [X, y], got ${describeValue(value)}`,
      'pass validationData: [X_test, y_test]',
    );
  }
  return [value[0], value[1]];
}

function requireCallbacks(value: unknown): readonly TrainingCallback[] {
  if (!Array.isArray(value)) {
    throw new ScratchnetError(
      'INVALID_OPTION',
      `callbacks must be an array, got ${describeValue(value)}`,
      'pass callbacks: [new ConsoleReporter()]',
    );
  }
  for (const [i, callback] of value.entries()) {
    const bad =
      typeof callback !== 'object' ||
      callback === null ||
      CALLBACK_METHODS.some((m) => m in callback && typeof callback[m] !== 'function');
    if (bad) {
      throw new ScratchnetError(
        'INVALID_OPTION',
        `callbacks[${i}] must be an object whose onEpochEnd, onBatchEnd, onTrainEnd are functions, got ${describeValue(callback)}`,
        'a callback is e.g. { onEpochEnd(logs) { … } }',
      );
    }
  }
  return [...value];
}

function requireSignal(value: unknown): AbortSignal {
  if (typeof value !== 'object' || value === null || typeof (value as AbortSignal).aborted !== 'boolean') {
    throw new ScratchnetError(
      'INVALID_OPTION',
      `signal must be an AbortSignal, got ${describeValue(value)}`,
      'pass signal: controller.signal, with const controller = new AbortController()',
    );
  }
  return value as AbortSignal;
}

function requireBoolean(name: string, value: unknown): boolean {
  if (typeof value !== 'boolean') {
    throw new ScratchnetError(
      'INVALID_OPTION',
      `${name} must be true or false, got ${describeValue(value)}`,
      `pass ${name}: true or ${name}: false`,
    );
  }
  return value;
}

/** Options with undefined fields dropped, so that `{ batchSize: undefined }` means the default. */
function withoutUndefined<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Validates evaluate()/predict() options: the batch size, or null for all rows at once. */
export function resolveBatchOptions(owner: string, options: BatchOptions | undefined): number | null {
  rejectUnknownOptions(owner, options, ['batchSize']);
  const batchSize = options?.batchSize;
  return batchSize === undefined ? null : requireInteger('batchSize', batchSize, 1);
}
