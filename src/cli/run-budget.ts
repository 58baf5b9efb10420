import { totalmem } from 'node:os';
import { InvalidArgumentError } from 'commander';
import { isClassDatasetName } from '../data/class-datasets.ts';
import { isRegressionDatasetName } from '../data/regression-datasets.ts';
import { formatBytes } from '../errors/format-bytes.ts';
import { ScratchnetError } from '../errors/scratchnet-error.ts';
import type { TrainConfig } from './train-config.ts';
import type { TrainingData } from './train-data.ts';

// What a run will take, estimated from the sizes it declares before anything is allocated, and
// refused with the number when it is more than the machine can give: `--hidden 100000000` used to
// run for a minute and take 8 GB before failing, a CSV with the label 10000000 to allocate ten
// million classes. The estimate is rough on purpose (within a factor of about two); it exists to
// tell a mistake from a big run, and --max-memory lifts the limit for a big run on a big machine.

/** The default limit: 8 GB, or three quarters of this machine's memory if that is less. */
export const DEFAULT_MAX_MEMORY = Math.min(8e9, Math.floor(totalmem() * 0.75));

/** The shape of one training run, as declared by its configuration and data. */
export interface RunShape {
  inputs: number;
  hidden: readonly number[];
  outputs: number;
  /** Rows the run trains on, and rows of its separate validation set. */
  rows: number;
  validationRows: number;
  /** Where the outputs come from, when that may surprise: `one per class 0..10000000 of x.csv`. */
  outputsNote?: string;
}

export interface MemoryEstimate {
  parameters: number;
  parameterBytes: number;
  activationBytes: number;
  dataBytes: number;
  total: number;
}

/** Optimizer state per parameter: Adam keeps two moments, RMSprop and Adagrad a cache, SGD a momentum if any. */
function optimizerSlots(config: Pick<TrainConfig, 'optimizer' | 'momentum'>): number {
  if (config.optimizer === 'adam') return 2;
  if (config.optimizer === 'sgd') return config.momentum > 0 ? 1 : 0;
  return 1;
}

export function estimateMemory(
  shape: RunShape,
  config: Pick<TrainConfig, 'optimizer' | 'momentum' | 'batchSize'>,
): MemoryEstimate {
  const widths = [shape.inputs, ...shape.hidden, shape.outputs];
  let parameters = 0;
  let largestLayer = 0;
  for (let i = 1; i < widths.length; i++) {
    const weights = widths[i - 1] * widths[i];
    parameters += weights + widths[i];
    largestLayer = Math.max(largestLayer, weights);
  }
  // value, gradient and optimizer state in float32, and the float64 normal draws of the largest layer's
  // initial weights, held while it is made
  const parameterBytes = parameters * 4 * (2 + optimizerSlots(config)) + largestLayer * 8;
  const batch = Math.min(config.batchSize ?? shape.rows, shape.rows);
  const hiddenUnits = shape.hidden.reduce((sum, width) => sum + width, 0);
  // per row of a step: a hidden layer's Dense, activation and dropout outputs, the mask (float64), and
  // their gradients; the output layer's outputs and gradients; the inputs' gradient. A pass over the
  // whole set or the validation rows (evaluation, prediction) keeps the forward buffers only.
  const stepValues = 10 * hiddenUnits + 4 * shape.outputs + shape.inputs;
  const passValues = 4 * hiddenUnits + 2 * shape.outputs;
  const passRows = Math.max(shape.rows, shape.validationRows);
  const activationBytes = (batch * stepValues + passRows * passValues) * 4;
  const dataBytes = (shape.rows + shape.validationRows) * (shape.inputs + shape.outputs + 1) * 4;
  return {
    parameters,
    parameterBytes,
    activationBytes,
    dataBytes,
    total: parameterBytes + activationBytes + dataBytes,
  };
}

/** A memory limit: all of --max-memory for one run, or a share of it for each run of a sweep. */
export interface MemoryBudget {
  /** Bytes one run may take. */
  limit: number;
  /** How the refusal starts. @default 'this network needs' */
  what?: string;
  /** Runs training at once, each with `limit`: the --max-memory to suggest is that many times more. @default 1 */
  share?: number;
}

/** Throws OUT_OF_MEMORY, with the estimate and where it comes from, when it is above the budget. */
export function requireMemory(estimate: MemoryEstimate, shape: RunShape, budget: MemoryBudget): void {
  const limit = budget.limit;
  if (estimate.total <= limit) return;
  const widest = Math.max(...shape.hidden, shape.outputs, shape.inputs);
  const parts = [
    `${formatCount(estimate.parameters)} parameters (${formatBytes(estimate.parameterBytes)} with their gradients and optimizer state)`,
    `layers up to ${formatCount(widest)} units wide (${formatBytes(estimate.activationBytes)} of activations)`,
  ];
  if (estimate.dataBytes > limit / 4) {
    parts.push(`${formatCount(shape.rows)} rows of data (${formatBytes(estimate.dataBytes)})`);
  }
  const note = shape.outputsNote
    ? `; the output layer has ${formatCount(shape.outputs)} units, ${shape.outputsNote}`
    : '';
  throw new ScratchnetError(
    'OUT_OF_MEMORY',
    `${budget.what ?? 'this network needs'} about ${formatBytes(estimate.total)} of memory, more than the ${formatBytes(limit)} allowed: ${parts.join(', ')}${note}`,
    `use smaller layers (--hidden), fewer rows at a time (--batch-size) or fewer samples${liftHint(estimate.total * (budget.share ?? 1))}`,
  );
}

/** 12,345 for counts a reader can take in, 3.0e+300 for the absurd. */
function formatCount(n: number): string {
  return n < 1e15 ? n.toLocaleString('en-US') : n.toExponential(1);
}

/** How to lift the limit, unless no machine could hold that much (more than a petabyte). */
function liftHint(bytes: number): string {
  return bytes > 1e15
    ? ''
    : `; if this machine has the memory, raise the limit with --max-memory ${suggestLimit(bytes)}`;
}

/** A round --max-memory value above `bytes`: 16GB, 2TB. */
function suggestLimit(bytes: number): string {
  for (const [unit, size] of [
    ['GB', 1e9],
    ['TB', 1e12],
    ['PB', 1e15],
  ] as const) {
    const amount = 2 ** Math.ceil(Math.log2(Math.max(1, bytes / size)));
    if (amount < 1000) return `${amount}${unit}`;
  }
  return `${Math.ceil(bytes)}`;
}

/**
 * The shape of a generated data set's run (spiral, sine, …), known before a single point is drawn;
 * null for CSV and image data, whose size is known once read.
 */
export function plannedShape(config: TrainConfig, validationSamples = 100): RunShape | null {
  const heldOut = config.validationSplit !== null;
  if (isClassDatasetName(config.dataset)) {
    return {
      inputs: 2,
      hidden: config.hidden,
      outputs: config.classes,
      rows: config.samples * config.classes,
      validationRows: heldOut ? 0 : validationSamples * config.classes,
    };
  }
  if (isRegressionDatasetName(config.dataset)) {
    return {
      inputs: config.dataset === 'sine' ? 1 : 2,
      hidden: config.hidden,
      outputs: 1,
      rows: config.samples,
      validationRows: heldOut ? 0 : 100,
    };
  }
  return null;
}

const UNITS: Readonly<Record<string, number>> = {
  '': 1,
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  kib: 2 ** 10,
  mib: 2 ** 20,
  gib: 2 ** 30,
  tib: 2 ** 40,
};

/** A --max-memory value: bytes, or a number with a unit (`16GB`, `512MiB`, `1.5TB`). */
export function parseMemory(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?(?:e[+-]?\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  const unit = match ? UNITS[match[2].toLowerCase()] : undefined;
  if (!match || unit === undefined || !(Number(match[1]) > 0)) {
    throw new InvalidArgumentError(
      `expected a size such as 16GB, 512MB or 2TB, got ${JSON.stringify(text)}.`,
    );
  }
  return Number(match[1]) * unit;
}

/** The shape of a run whose data is loaded. */
export function loadedShape(config: TrainConfig, data: TrainingData): RunShape {
  const csv = config.dataset.startsWith('csv:') && data.task === 'classification';
  return {
    inputs: data.X.cols,
    hidden: config.hidden,
    outputs: data.outputs,
    rows: data.X.rows,
    validationRows: data.validation?.[0].rows ?? 0,
    outputsNote: csv
      ? `one per class 0..${data.outputs - 1} (the largest label in ${config.dataset.slice(4)} is ${data.outputs - 1})`
      : undefined,
  };
}

/** Refuses a run whose estimate is above the budget; a null shape (not known yet) passes. */
export function requireRunMemory(config: TrainConfig, shape: RunShape | null, budget: MemoryBudget): void {
  if (shape !== null) requireMemory(estimateMemory(shape, config), shape, budget);
}

/**
 * The most multiply-adds a gradient check may take: about 20 s of CPU on this project's 2-core
 * machine, which does some 0.4e9 a second in float64. The default check (Dense 64 on 300 points)
 * takes 1.9e8, Dense 512 5.6e9 (14 s of CPU), Dense 1024 2.1e10.
 */
export const MAX_CHECK_WORK = 1e10;

/**
 * Refuses a gradient check that would take hours: it runs two forward passes over every row for each
 * parameter and each input value, so its work grows with the square of the network's size.
 */
export function requireCheckWork(shape: RunShape): void {
  const widths = [shape.inputs, ...shape.hidden, shape.outputs];
  let parameters = 0;
  let multiplyAdds = 0;
  for (let i = 1; i < widths.length; i++) {
    parameters += widths[i - 1] * widths[i] + widths[i];
    multiplyAdds += widths[i - 1] * widths[i];
  }
  const perturbed = parameters + shape.rows * shape.inputs;
  const work = 2 * perturbed * shape.rows * multiplyAdds;
  if (work <= MAX_CHECK_WORK) return;
  throw new ScratchnetError(
    'INVALID_OPTION',
    `this gradient check needs about ${work.toExponential(1)} multiply-adds (two passes over ${formatCount(shape.rows)} rows for each of ${formatCount(perturbed)} parameters and inputs), hours of work; scratchnet checks up to ${MAX_CHECK_WORK.toExponential(0)}`,
    'check a smaller network (e.g. --hidden 64) or fewer --samples: the gradient code is the same at every size',
  );
}
