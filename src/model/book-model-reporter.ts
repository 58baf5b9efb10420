import { rejectUnknownOptions } from '../errors/validate.ts';
import { formatValidationLine } from '../report/book-log.ts';
import { formatEpochHeader, formatStepLine, formatTrainingLine } from '../report/book-model-log.ts';
import type { BatchLogs, EpochLogs, TrainingCallback } from './callbacks.ts';

export interface BookModelReporterOptions {
  /** Where lines go; pass your own to capture them. @default console.log */
  write?: (line: string) => void;
}

/**
 * A callback that prints what the book's Model prints from chapter 19 on: `epoch: N` as the epoch
 * begins, a `step:` line for each step the model reports (train's printEvery counts steps, as the
 * book's print_every: step 0, every printEvery-th, the last), the epoch's accumulated `training,`
 * line, and a `validation,` line when training validates. Train with a batchSize (the whole set in
 * one batch, `batchSize: X.rows`, is the book's batch_size=None): full-batch training reports no
 * steps, and its epoch numbers are chapter 18's, measured before the update.
 */
export class BookModelReporter implements TrainingCallback {
  private readonly write: (line: string) => void;
  private headerFor = 0;

  constructor(options: BookModelReporterOptions = {}) {
    rejectUnknownOptions('BookModelReporter', options, ['write']);
    this.write = options.write ?? ((line) => console.log(line));
  }

  onBatchEnd(logs: BatchLogs): void {
    this.header(logs.epoch);
    this.write(formatStepLine(logs.step, logs));
  }

  onEpochEnd(logs: EpochLogs): void {
    this.header(logs.epoch);
    this.write(formatTrainingLine(logs));
    if (logs.valDataLoss !== undefined && logs.valAccuracy !== undefined) {
      this.write(formatValidationLine(logs.valAccuracy, logs.valDataLoss));
    }
  }

  onTrainEnd(): void {
    this.headerFor = 0;
  }

  private header(epoch: number): void {
    if (this.headerFor === epoch) return;
    this.headerFor = epoch;
    this.write(formatEpochHeader(epoch));
  }
}
