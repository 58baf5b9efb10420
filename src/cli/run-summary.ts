import { Dropout } from '../layers/dropout.ts';
import type { Model } from '../model/model.ts';
import { pythonFixed } from '../report/python-format.ts';
import type { HeldOut, TrainingData } from './train-data.ts';

/** `1 epoch`, `2 epochs`. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** The first line of a run with --validation-split: what was held out, and how. */
export function describeHeldOut(held: HeldOut): string {
  const how =
    held.kind === 'stratified'
      ? `a seeded random ${held.fraction} of each class's rows`
      : `a seeded random ${held.fraction} of the rows`;
  return `held out for validation: ${how} (--seed picks them), ${plural(held.trainingRows, 'row')} left to train on and ${plural(held.validationRows, 'row')} to validate on`;
}

/** The warning when some class has no validation row, or null when every class has one. */
export function missingClassesWarning(held: HeldOut): string | null {
  const missing = held.missingClasses;
  if (missing.length === 0) return null;
  const classes = `${missing.length === 1 ? 'class' : 'classes'} ${missing.join(', ')}`;
  return `warning: the validation rows hold no row of ${classes} (too few rows to hold one out); validation accuracy leaves ${missing.length === 1 ? 'it' : 'them'} out`;
}

interface Measured {
  accuracy: number;
  /** dataLoss + regularizationLoss, as the epoch logs' loss and valLoss. */
  loss: number;
  /** The mean loss over the samples (the book's validation "loss", the epoch logs' valDataLoss). */
  dataLoss: number;
  regularizationLoss: number;
}

/**
 * The numbers a run ends with, measured once after the last epoch with dropout off, the training
 * rows as the validation rows (as `scratchnet sweep` measures them), so that the gap compares like
 * with like. The epoch lines measure training during the epoch's step, dropout on.
 */
export interface RunSummary {
  measured: 'after the last epoch, dropout off';
  train: Measured;
  validation: Measured | null;
  /** train.accuracy − validation.accuracy: how much the network memorised. */
  gap: number | null;
  /** Whether the network has Dropout layers (which the epoch lines' training numbers ran with). */
  dropout: boolean;
}

export function summarizeRun(model: Model, data: TrainingData): RunSummary {
  const train = model.evaluate(data.X, data.y);
  const validation = data.validation === null ? null : model.evaluate(data.validation[0], data.validation[1]);
  return {
    measured: 'after the last epoch, dropout off',
    train: measured(train),
    validation: validation && measured(validation),
    gap: validation === null ? null : train.accuracy - validation.accuracy,
    dropout: model.layers.some((layer) => layer instanceof Dropout),
  };
}

function measured(m: Measured): Measured {
  return {
    accuracy: m.accuracy,
    loss: m.loss,
    dataLoss: m.dataLoss,
    regularizationLoss: m.regularizationLoss,
  };
}

/** The summary's lines: training, validation, gap, each labelled. */
export function formatRunSummary(summary: RunSummary): string[] {
  const line = (m: Measured) =>
    `acc: ${pythonFixed(m.accuracy, 3)}, loss: ${pythonFixed(m.loss, 3)} (data_loss: ${pythonFixed(m.dataLoss, 3)}, reg_loss: ${pythonFixed(m.regularizationLoss, 3)})`;
  const lines = [`training:   ${line(summary.train)}`];
  if (summary.validation !== null && summary.gap !== null) {
    const sign = summary.gap >= 0 ? '+' : '';
    lines.push(
      `validation: ${line(summary.validation)}`,
      `gap:        ${sign}${summary.gap.toFixed(3)} in accuracy (training − validation)`,
    );
  }
  lines.push(
    `            measured after the last epoch with dropout off (the epoch lines: during it, dropout on)`,
  );
  return lines;
}

/** `6.2 s for 500 epochs`, and for a resumed run where it took up and ended. */
export function formatRunTime(seconds: number, startEpoch: number, endEpoch: number): string {
  const ran = `${seconds.toFixed(1)} s for ${plural(endEpoch - startEpoch, 'epoch')}`;
  return startEpoch === 0 ? ran : `${ran} (resumed after epoch ${startEpoch}, ended at ${endEpoch})`;
}
