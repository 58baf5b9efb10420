import type { EpochLogs } from '../model/callbacks.ts';
import { formatEpochLine, formatValidationLine } from '../report/book-log.ts';
import { writeTrainingPictures } from './run-pictures.ts';
import type { TrainSession } from './train-session.ts';

/** Draws the run's pictures and prints its summary (lines, or one JSON object with --json). */
export async function printSummary(session: TrainSession, last: EpochLogs | null, ms: number): Promise<void> {
  const { model, data, config, folder, flags } = session;
  const state = model.trainingState();
  const pictures = await writeTrainingPictures(folder, model, data, state.history, config);
  const validation = data.validation === null ? null : model.evaluate(data.validation[0], data.validation[1]);
  const valAccuracy = validation?.accuracy ?? last?.valAccuracy;
  const valLoss = validation?.dataLoss ?? last?.valDataLoss;
  const summary = {
    epochs: state.epoch,
    task: data.task,
    ...(data.taskNote === undefined ? {} : { taskNote: data.taskNote }),
    train: last && {
      accuracy: last.accuracy,
      loss: last.loss,
      dataLoss: last.dataLoss,
      regularizationLoss: last.regularizationLoss,
    },
    validation: valAccuracy === undefined ? null : { accuracy: valAccuracy, loss: valLoss },
    seconds: ms / 1000,
    folder,
    pictures,
  };
  if (flags.quiet) return;
  if (flags.json) {
    console.log(JSON.stringify({ type: 'summary', ...summary }));
    return;
  }
  if (last && valAccuracy !== undefined && valLoss !== undefined && last.valAccuracy === undefined) {
    console.log(formatValidationLine(valAccuracy, valLoss));
  }
  console.log('');
  if (data.taskNote !== undefined) {
    console.log(`task:       ${data.task}, chosen by the labels (see the note at the start; --task chooses)`);
  }
  if (last) {
    console.log(`training:   ${formatEpochLine(last).replace(/^epoch: \d+, /, '')}`);
  }
  if (valAccuracy !== undefined && valLoss !== undefined && last) {
    console.log(
      `validation: acc: ${valAccuracy.toFixed(3)}, loss: ${valLoss.toFixed(3)} (gap in accuracy: ${(last.accuracy - valAccuracy).toFixed(3)})`,
    );
  }
  console.log(`time:       ${(ms / 1000).toFixed(1)} s for ${state.epoch} epochs`);
  console.log(`saved to:   ${folder}`);
  if (pictures.length > 0) console.log(`pictures:   ${pictures.join(', ')}`);
}
