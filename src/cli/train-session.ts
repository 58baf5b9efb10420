import { join } from 'node:path';
import { ScratchnetError } from '../errors/scratchnet-error.ts';
import type { Model } from '../model/model.ts';
import { CHECKPOINT, commitCheckpoint, committedEpoch } from './checkpoint-store.ts';
import { saveFinalModel } from './final-model.ts';
import { formatImageRunReport, reportImageRun } from './image-report.ts';
import { type LogFormat, reporterFor } from './log-format.ts';
import { ProgressBar } from './progress.ts';
import type { RunLock } from './run-lock.ts';
import { writeCurvesOnly } from './run-pictures.ts';
import type { RunRecord } from './run-record.ts';
import { StepProgressBar } from './step-progress.ts';
import { listenForStop, type StopRequest } from './stop-request.ts';
import type { TrainConfig } from './train-config.ts';
import type { TrainingData } from './train-data.ts';
import { printSummary, reportHeldOut } from './train-summary.ts';
import { writing } from './write-failed.ts';

export interface OutputFlags {
  log: LogFormat;
  threads: number;
  maxMemory: number;
  config?: string;
  resume?: string;
  out?: string;
  json?: boolean;
  quiet?: boolean;
}

/** A run ready to train: its model (fresh or restored), data, settings, and the folder it owns. */
export interface TrainSession {
  model: Model;
  data: TrainingData;
  config: TrainConfig;
  folder: string;
  record: RunRecord;
  lock: RunLock;
  flags: OutputFlags;
}

/**
 * Trains up to config.epochs, committing a checkpoint every config.checkpointEvery epochs and after
 * the last, then saves the final model and prints the summary. Ctrl-C stops after the epoch in
 * progress with that epoch checkpointed; if that was the last epoch, the final model is saved too.
 */
export async function trainAndSave(session: TrainSession): Promise<void> {
  const { model, data, config, folder, flags } = session;
  if (data.taskNote !== undefined && !flags.quiet) {
    console.log(
      flags.json ? JSON.stringify({ type: 'note', message: data.taskNote }) : `note: ${data.taskNote}`,
    );
  }
  if (data.images && !flags.quiet && !flags.json) console.log(data.images.note);
  if (data.heldOut !== null && !flags.quiet) reportHeldOut(data.heldOut, flags.json === true);
  const startEpoch = model.epoch;
  const stop = listenForStop(
    (line) => process.stderr.write(`\n${line}\n`),
    () => session.lock.release(),
  );
  const started = performance.now();
  try {
    await trainEpochs(session, stop);
    if ((await committedEpoch(folder)) !== model.epoch)
      await commitCheckpoint(folder, session.record.id, model);
    if (model.epoch < config.epochs) {
      await reportInterrupted(session, stop);
      return;
    }
    session.record = await writing(
      `the final model into ${folder}`,
      `the checkpoint of epoch ${model.epoch} is intact: free some disk space, then scratchnet train --resume ${folder} saves it again`,
      () => saveFinalModel(folder, session.record, model, config.features),
    );
    const redraw = `the model is saved; free some disk space, then scratchnet plot --model ${folder} draws them again`;
    await writing(`the pictures into ${folder}`, redraw, () =>
      printSummary(session, startEpoch, performance.now() - started),
    );
    if (data.images) {
      const images = data.images;
      const report = await writing(`the test pictures into ${folder}`, redraw, () =>
        reportImageRun(model, images, folder),
      );
      if (flags.json) console.log(JSON.stringify({ type: 'test', ...report }));
      else if (!flags.quiet) console.log(`\n${formatImageRunReport(report, data.images.classNames)}`);
    }
    if (stop.exitCode !== null) {
      process.stderr.write(
        `interrupted during the last epoch (${model.epoch}): the run is complete and saved\n`,
      );
      process.exitCode = stop.exitCode;
    }
  } finally {
    stop.dispose();
  }
}

/** The training loop. DIVERGED comes out with what is kept said. */
async function trainEpochs(session: TrainSession, stop: StopRequest): Promise<void> {
  const { model, data, config, folder, flags } = session;
  const terminal = process.stdout.isTTY === true && !flags.quiet && !flags.json;
  const steps = Math.ceil(data.X.rows / Math.min(config.batchSize ?? data.X.rows, data.X.rows));
  const bar = !terminal
    ? null
    : data.images
      ? new StepProgressBar(config.epochs, steps)
      : new ProgressBar(config.epochs, model.epoch);
  const print = (line: string) => (bar ? bar.log(line) : console.log(line));
  const reporter = reporterFor(flags, config.printEvery, print);
  const callbacks = [...(reporter ? [reporter] : []), ...(bar ? [bar] : [])];
  const every = config.checkpointEvery;
  try {
    while (model.epoch < config.epochs && !stop.signal.aborted) {
      const next =
        every > 0 ? Math.min(config.epochs, (Math.floor(model.epoch / every) + 1) * every) : config.epochs;
      await model.trainAsync(data.X, data.y, {
        epochs: next - model.epoch,
        // the book's Model log reports a batch_size=None run as one batch of every row
        batchSize: config.batchSize ?? (flags.log === 'book-model' ? data.X.rows : undefined),
        // the chapter-19 log prints a step line every printEvery steps
        ...(flags.log === 'book-model' ? { printEvery: config.printEvery } : {}),
        shuffle: config.shuffle,
        validationData: data.validation ?? undefined,
        callbacks,
        signal: stop.signal,
      });
      if (every > 0 && model.epoch % every === 0) await commitCheckpoint(folder, session.record.id, model);
    }
  } catch (error) {
    bar?.stop();
    if (!(error instanceof ScratchnetError && error.code === 'DIVERGED')) throw error;
    const epoch = await committedEpoch(folder);
    const kept =
      epoch !== null
        ? `the last good checkpoint is kept in ${join(folder, CHECKPOINT)} (epoch ${epoch})`
        : `no checkpoint had been written yet (one every ${every} epochs)`;
    // the curves up to the blow-up show what happened; the diverged weights draw nothing useful
    const curves = await writeCurvesOnly(folder, model.trainingState().history);
    const drawn = curves === null ? '' : `; curves in ${curves}`;
    throw new ScratchnetError('DIVERGED', `${error.message}; ${kept}${drawn}`, error.hint);
  }
  bar?.stop();
}

async function reportInterrupted(session: TrainSession, stop: StopRequest): Promise<void> {
  const { model, config, folder, flags } = session;
  process.stderr.write(
    `interrupted at epoch ${model.epoch} of ${config.epochs}: checkpoint written to ${join(folder, CHECKPOINT)}\n` +
      `resume with: scratchnet train --resume ${folder}\n`,
  );
  // only the curves: a decision boundary over a large data set takes seconds, which a user who
  // pressed Ctrl-C should not wait for; the run draws every picture when it ends
  const curves = await writing(
    `the training curves into ${folder}`,
    `the checkpoint of epoch ${model.epoch} is saved; free some disk space, then resume with scratchnet train --resume ${folder}`,
    () => writeCurvesOnly(folder, model.trainingState().history),
  );
  if (!flags.quiet && curves !== null) process.stderr.write(`curves: ${curves}\n`);
  process.exitCode = stop.exitCode ?? 130;
}
