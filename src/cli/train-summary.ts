import { writeTrainingPictures } from './run-pictures.ts';
import {
  describeHeldOut,
  formatRunSummary,
  formatRunTime,
  missingClassesWarning,
  summarizeRun,
} from './run-summary.ts';
import type { HeldOut } from './train-data.ts';
import type { TrainSession } from './train-session.ts';

/**
 * Draws the run's pictures and prints its summary (lines, or one JSON object with --json): training
 * and validation measured once more after the last epoch with dropout off, their gap, and the time of
 * this run's epochs (a resumed run counts only its own).
 */
export async function printSummary(session: TrainSession, startEpoch: number, ms: number): Promise<void> {
  const { model, data, config, folder, flags } = session;
  const state = model.trainingState();
  const pictures = await writeTrainingPictures(folder, model, data, state.history, config);
  const summary = summarizeRun(model, data);
  if (flags.quiet) return;
  if (flags.json) {
    const epochs = { epochs: state.epoch, epochsThisRun: state.epoch - startEpoch };
    const task = { task: data.task, ...(data.taskNote === undefined ? {} : { taskNote: data.taskNote }) };
    console.log(
      JSON.stringify({
        type: 'summary',
        ...epochs,
        ...task,
        ...summary,
        seconds: ms / 1000,
        folder,
        pictures,
      }),
    );
    return;
  }
  console.log('');
  if (data.taskNote !== undefined) {
    console.log(`task:       ${data.task}, chosen by the labels (see the note at the start; --task chooses)`);
  }
  for (const line of formatRunSummary(summary)) console.log(line);
  console.log(`time:       ${formatRunTime(ms / 1000, startEpoch, state.epoch)}`);
  console.log(`saved to:   ${folder}`);
  if (pictures.length > 0) console.log(`pictures:   ${pictures.join(', ')}`);
}

/** Says what --validation-split held out (a JSON line with --json), and warns of classes it missed. */
export function reportHeldOut(held: HeldOut, json: boolean): void {
  if (json) console.log(JSON.stringify({ type: 'validationSplit', ...held }));
  else console.log(describeHeldOut(held));
  const warning = missingClassesWarning(held);
  if (warning !== null) process.stderr.write(`${warning}\n`);
}
