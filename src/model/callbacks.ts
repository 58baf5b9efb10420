import type { History } from './history.ts';

/** What a training step reports (the book's step line). */
export interface BatchLogs {
  /** 1-based, continuing across train() calls. */
  epoch: number;
  /** 0-based step within the epoch, as the book prints it. */
  step: number;
  accuracy: number;
  /** dataLoss + regularizationLoss */
  loss: number;
  dataLoss: number;
  regularizationLoss: number;
  /** optimizer.currentLearningRate after this step's update: the rate that update used. */
  learningRate: number;
}

/**
 * What an epoch reports. Full batch, the numbers are those of the epoch's one step, measured before
 * its update (the book's chapter 18); with batches, chapter 19's accumulated values: the float32 sum
 * of every sample loss over their count, the correct predictions over the rows, and the penalty of the
 * parameters after the epoch's last update. `step` is the epoch's last step.
 */
export interface EpochLogs extends BatchLogs {
  /** Validation loss with the regularization penalty (Keras's val_loss), after the epoch's updates. */
  valLoss?: number;
  /** Validation data loss: what the book prints as the validation loss. */
  valDataLoss?: number;
  valAccuracy?: number;
  /** Wall time of the epoch, validation included, in milliseconds. */
  epochTime: number;
}

/** Hooks into training; every method is optional. The model never prints: callbacks do. */
export interface TrainingCallback {
  /** After each reported epoch (see TrainOptions.printEvery). */
  onEpochEnd?(logs: EpochLogs): void;
  /** After each reported step when training in batches (see TrainOptions.printEvery). */
  onBatchEnd?(logs: BatchLogs): void;
  /** Once at the end with this call's history; also before a DIVERGED error is thrown. */
  onTrainEnd?(history: History): void;
}
