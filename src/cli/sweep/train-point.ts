import { setMatmulPrecision } from '../../accel/matmul/matmul-precision.ts';
import { CLASS_DATASETS, isClassDatasetName } from '../../data/class-datasets.ts';
import { isRegressionDatasetName, REGRESSION_DATASETS } from '../../data/regression-datasets.ts';
import { ScratchnetError } from '../../errors/scratchnet-error.ts';
import { Dense } from '../../layers/dense.ts';
import type { Model } from '../../model/model.ts';
import type { ModelTargets } from '../../model/model-targets.ts';
import type { Matrix } from '../../tensor/matrix.ts';
import { RandomState } from '../../tensor/random.ts';
import { buildModel } from '../build-model.ts';
import { type MemoryBudget, plannedShape, type RunShape, requireRunMemory } from '../run-budget.ts';
import type { TrainConfig } from '../train-config.ts';
import { loadTrainingData, noiseOption } from '../train-data.ts';
import { configForPoint, type SweepPoint } from './sweep-grid.ts';

/** What one run of a sweep measured, all after its last epoch, dropout off. */
export interface RunResult {
  key: string;
  l2: number;
  l1: number;
  dropout: number;
  seed: number;
  epochs: number;
  trainAccuracy: number;
  validationAccuracy: number;
  /** trainAccuracy − validationAccuracy: how much the network memorised. */
  gap: number;
  trainDataLoss: number;
  validationDataLoss: number;
  regularizationLoss: number;
  /** Share of the hidden layers' weights with |w| < the sweep's near-zero threshold. */
  nearZero: number;
  /** Wall time of the training, in seconds. */
  seconds: number;
}

export interface PointOptions {
  /** Samples per class of a generated validation set (train uses 100). */
  validationSamples: number;
  /** |w| below this counts as zero for `nearZero`. */
  nearZero: number;
  /** Told every few epochs how many epochs this run has finished. */
  onEpoch?: (epoch: number) => void;
}

interface SweepData {
  X: Matrix;
  y: ModelTargets;
  outputs: number;
  task: 'classification' | 'regression';
  validation: { X: Matrix; y: ModelTargets };
}

/**
 * The data of one run: train's, drawn from `rng` exactly as `scratchnet train` draws it, but validated
 * on `validationSamples` per class (in all for a regression set; from the same separate generator
 * train uses, so 100 gives train's validation set), or on the rows `--validation-split` holds out (as
 * train holds them out).
 */
export async function loadSweepData(
  config: TrainConfig,
  rng: RandomState,
  validationSamples: number,
): Promise<SweepData> {
  const data = await loadTrainingData(config, rng);
  if (isClassDatasetName(config.dataset) && data.heldOut === null) {
    const v = CLASS_DATASETS[config.dataset](
      validationSamples,
      config.classes,
      new RandomState([config.seed, 1]),
      noiseOption(config),
    );
    return { ...data, validation: { X: v.X, y: v.y } };
  }
  if (isRegressionDatasetName(config.dataset) && data.heldOut === null) {
    // `validationSamples` rows in all, as train's 100, from train's validation generator
    const make = REGRESSION_DATASETS[config.dataset];
    const v = make(validationSamples, new RandomState([config.seed, 1]), noiseOption(config));
    return { ...data, validation: { X: v.X, y: v.y } };
  }
  if (data.validation !== null) {
    return { ...data, validation: { X: data.validation[0], y: data.validation[1] } };
  }
  throw new ScratchnetError(
    'INVALID_OPTION',
    `a sweep scores every run on validation data, and ${config.dataset} has none`,
    'hold out part of the rows with --validation-split 0.2',
  );
}

/**
 * Builds the model of a run, checking the configuration before any training starts; with a memory
 * `budget`, the run's estimate is checked against it before the data is drawn and the model built.
 */
export async function prepareRun(
  base: TrainConfig,
  point: SweepPoint,
  validationSamples: number,
  budget: MemoryBudget = { limit: Number.POSITIVE_INFINITY },
): Promise<{ model: Model; data: SweepData; config: TrainConfig }> {
  const config = configForPoint(base, point);
  setMatmulPrecision(config.precision);
  const rng = new RandomState(config.seed);
  requireRunMemory(config, plannedShape(config, validationSamples), budget);
  const data = await loadSweepData(config, rng, validationSamples);
  requireRunMemory(config, sweepShape(config, data), budget);
  return { model: buildModel(config, data.X.cols, data.outputs, data.task, rng), data, config };
}

/** Trains one run of the sweep, as `scratchnet train` would with the same flags, and measures it. */
export async function trainPoint(
  base: TrainConfig,
  point: SweepPoint,
  options: PointOptions,
): Promise<RunResult> {
  const { model, data, config } = await prepareRun(base, point, options.validationSamples);
  const started = performance.now();
  model.train(data.X, data.y, {
    epochs: config.epochs,
    batchSize: config.batchSize ?? undefined,
    shuffle: config.shuffle,
    printEvery: 10,
    callbacks: options.onEpoch ? [{ onEpochEnd: (logs) => options.onEpoch?.(logs.epoch) }] : [],
  });
  const seconds = (performance.now() - started) / 1000;
  const train = model.evaluate(data.X, data.y);
  const validation = model.evaluate(data.validation.X, data.validation.y);
  return {
    key: point.key,
    l2: point.l2,
    l1: point.l1,
    dropout: point.dropout,
    seed: point.seed,
    epochs: model.epoch,
    trainAccuracy: train.accuracy,
    validationAccuracy: validation.accuracy,
    gap: train.accuracy - validation.accuracy,
    trainDataLoss: train.dataLoss,
    validationDataLoss: validation.dataLoss,
    regularizationLoss: train.regularizationLoss,
    nearZero: nearZeroShare(model, options.nearZero),
    seconds,
  };
}

/**
 * The share of the hidden layers' weights (the ones a sweep regularizes; biases and the output layer
 * left out) whose magnitude is below `threshold`: how sparse L1 has made them.
 */
export function nearZeroShare(model: Model, threshold: number): number {
  const dense = model.layers.filter((layer) => layer instanceof Dense);
  let small = 0;
  let total = 0;
  for (const layer of dense.slice(0, -1)) {
    const weights = layer.weights.data;
    for (let i = 0; i < weights.length; i++) if (Math.abs(weights[i]) < threshold) small++;
    total += weights.length;
  }
  return total === 0 ? 0 : small / total;
}

function sweepShape(config: TrainConfig, data: SweepData): RunShape {
  return {
    inputs: data.X.cols,
    hidden: config.hidden,
    outputs: data.outputs,
    rows: data.X.rows,
    validationRows: data.validation.X.rows,
  };
}
