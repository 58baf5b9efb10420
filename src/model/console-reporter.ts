import { rejectUnknownOptions, requireInteger } from '../errors/validate.ts';
import { formatEpochLine, formatValidationLine } from '../report/book-log.ts';
import type { EpochLogs, TrainingCallback } from './callbacks.ts';

export interface ConsoleReporterOptions {
  /** Print every printEvery-th epoch (by epoch number). @default 1 */
  printEvery?: number;
  /** Where lines go; pass your own to capture them. @default console.log */
  write?: (line: string) => void;
}

const REPORTER_DEFAULTS: Required<ConsoleReporterOptions> = {
  printEvery: 1,
  write: (line) => console.log(line),
};

/**
 * A callback that prints the book's lines: `epoch: 100, acc: 0.717, loss: 0.734 (data_loss: 0.671,
 * reg_loss: 0.063), lr: 0.0199…` every printEvery epochs, followed by `validation, acc: 0.830, loss:
 * 0.435` (the validation data loss, as the book prints it) when training validates.
 * It uses only `console` (or your `write`), so it runs in browsers as well as Node.
 */
export class ConsoleReporter implements TrainingCallback {
  readonly printEvery: number;
  private readonly write: (line: string) => void;

  constructor(options: ConsoleReporterOptions = {}) {
    rejectUnknownOptions('ConsoleReporter', options, Object.keys(REPORTER_DEFAULTS));
    const o = { ...REPORTER_DEFAULTS, ...options };
    this.printEvery = requireInteger('ConsoleReporter printEvery', o.printEvery, 1);
    this.write = o.write;
  }

  onEpochEnd(logs: EpochLogs): void {
    if (logs.epoch % this.printEvery !== 0) return;
    this.write(formatEpochLine(logs));
    if (logs.valDataLoss !== undefined && logs.valAccuracy !== undefined) {
      this.write(formatValidationLine(logs.valAccuracy, logs.valDataLoss));
    }
  }
}
