import type { Batches } from './batches.ts';
import type { BatchLogs, EpochLogs } from './callbacks.ts';
import { DivergenceGuard } from './divergence-guard.ts';
import { EarlyStopping } from './early-stopping.ts';
import { History } from './history.ts';
import { evaluateBatches } from './inference.ts';
import type { LayerStack } from './layer-stack.ts';
import { type Objective, trainStep } from './objective.ts';
import { EpochMetrics, type StepMetrics } from './step-metrics.ts';
import type { ResolvedTrainOptions } from './train-options.ts';

/** The model's training record, carried across train() calls (and saved by trainingState()). */
export interface TrainingProgress {
  /** Epochs completed so far. */
  epoch: number;
  history: History;
}

export interface TrainingRun {
  stack: LayerStack;
  objective: Objective;
  options: ResolvedTrainOptions;
  train: Batches;
  validation: Batches | null;
  clock: () => number;
  progress: TrainingProgress;
}

/** Buffers of the loop, made once per train() call. */
interface Loop {
  run: TrainingRun;
  history: History;
  guard: DivergenceGuard;
  step: StepMetrics;
  metrics: EpochMetrics;
}

/** The epochs of one train() call; returns this call's history. See Model.train for the semantics. */
export function runTraining(run: TrainingRun): History {
  const steps = trainingSteps(run);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * runTraining, giving the event loop a turn between two steps whenever `sliceMs` of training have
 * passed since the last turn: a signal handler, a timer or a UI event then runs within about that
 * time, even inside a long epoch. The steps and their numbers are the same as runTraining's.
 */
export async function runTrainingAsync(run: TrainingRun, sliceMs: number): Promise<History> {
  const steps = trainingSteps(run);
  let since = run.clock();
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    if (run.clock() - since >= sliceMs) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      since = run.clock();
    }
  }
}

/** The epochs of one train() call, pausing (yielding) after every step; returns this call's history. */
function* trainingSteps(run: TrainingRun): Generator<void, History, void> {
  const { options, progress } = run;
  const loop: Loop = {
    run,
    history: new History(),
    guard: new DivergenceGuard(run.stack.parameters),
    step: { dataLoss: 0, regularizationLoss: 0, loss: 0, accuracy: 0 },
    metrics: new EpochMetrics(),
  };
  const stopper =
    options.earlyStopping === null ? null : new EarlyStopping(options.earlyStopping, run.stack.parameters);
  const last = progress.epoch + options.epochs;
  for (let epoch = progress.epoch + 1; epoch <= last; epoch++) {
    // an abort stops training between two epochs, so that the model is always at a whole epoch
    if (options.signal?.aborted) break;
    const started = run.clock();
    loop.guard.beginEpoch(epoch);
    yield* runEpoch(loop, epoch);
    const logs = epochLogs(loop, epoch, started);
    loop.history.record(logs);
    progress.history.record(logs);
    progress.epoch = epoch;
    const stop = stopper?.update(logs) ?? false;
    const batched = options.batchSize !== null;
    if (batched || epoch % options.printEvery === 0 || epoch === last || stop) {
      for (const callback of options.callbacks) callback.onEpochEnd?.(logs);
    }
    if (stop) break;
  }
  stopper?.restoreBest();
  for (const callback of options.callbacks) callback.onTrainEnd?.(loop.history);
  return loop.history;
}

function* runEpoch(loop: Loop, epoch: number): Generator<void, void, void> {
  const { run, step, metrics } = loop;
  const { train, options } = run;
  metrics.reset();
  train.beginEpoch();
  for (let s = 0; s < train.steps; s++) {
    train.load(s);
    if (!trainStep(run.stack, run.objective, train, step)) diverge(loop, epoch, s);
    metrics.add(run.objective.loss.lastSampleLosses, step.accuracy, train.x.rows);
    const reported = s % options.printEvery === 0 || s === train.steps - 1;
    if (options.batchSize !== null && reported) {
      const logs = batchLogs(run, epoch, s, step);
      for (const callback of options.callbacks) callback.onBatchEnd?.(logs);
    }
    yield;
  }
}

function diverge(loop: Loop, epoch: number, step: number): never {
  const { run } = loop;
  const where = run.train.steps > 1 ? `epoch ${epoch}, step ${step}` : `epoch ${epoch}`;
  const loss = loop.step.loss;
  const error = loop.guard.diverged(where, loss, run.objective.optimizer.currentLearningRate);
  for (const callback of run.options.callbacks) callback.onTrainEnd?.(loop.history);
  throw error;
}

function batchLogs(run: TrainingRun, epoch: number, step: number, metrics: StepMetrics): BatchLogs {
  return {
    epoch,
    step,
    accuracy: metrics.accuracy,
    loss: metrics.loss,
    dataLoss: metrics.dataLoss,
    regularizationLoss: metrics.regularizationLoss,
    learningRate: run.objective.optimizer.currentLearningRate,
  };
}

/**
 * Full batch, the epoch's numbers are its one step's, before its update (the book's chapter 18);
 * with batches, the book's chapter-19 accumulated values, with the penalty after the last update.
 */
function epochLogs(loop: Loop, epoch: number, started: number): EpochLogs {
  const { run } = loop;
  let numbers: StepMetrics = loop.step;
  if (run.options.batchSize !== null) {
    loop.metrics.finish(run.stack.regularizationLoss());
    numbers = loop.metrics;
  }
  const logs: EpochLogs = { ...batchLogs(run, epoch, run.train.steps - 1, numbers), epochTime: 0 };
  if (run.validation !== null) {
    const { loss, accuracy } = run.objective;
    const evaluation = evaluateBatches(run.stack, loss, accuracy, run.validation);
    logs.valLoss = evaluation.loss;
    logs.valDataLoss = evaluation.dataLoss;
    logs.valAccuracy = evaluation.accuracy;
  }
  logs.epochTime = run.clock() - started;
  return logs;
}
