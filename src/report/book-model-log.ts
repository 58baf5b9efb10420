import { pythonFixed, pythonRepr } from './python-format.ts';

// The lines the book's Model prints from chapter 19 on (`Model.train` with batches, and `evaluate`):
//   epoch: 1
//   step: 0, acc: 0.102, loss: 2.303 (data_loss: 2.303, reg_loss: 0.000), lr: 0.001
//   ...
//   training, acc: 0.698, loss: 0.834 (data_loss: 0.834, reg_loss: 0.000), lr: 0.000990099009900990
//   validation, acc: 0.776, loss: 0.606       (book-log.ts's formatValidationLine)

/** The numbers of a step line or of the epoch's training line. */
export interface ModelLogReport {
  accuracy: number;
  /** dataLoss + regularizationLoss */
  loss: number;
  dataLoss: number;
  regularizationLoss: number;
  /** optimizer.current_learning_rate when the line is printed (after the step's update). */
  learningRate: number;
}

function numbers(r: ModelLogReport): string {
  return (
    `acc: ${pythonFixed(r.accuracy, 3)}, loss: ${pythonFixed(r.loss, 3)} ` +
    `(data_loss: ${pythonFixed(r.dataLoss, 3)}, reg_loss: ${pythonFixed(r.regularizationLoss, 3)}), ` +
    `lr: ${pythonRepr(r.learningRate)}`
  );
}

/** `epoch: 1`: the book's Model prints it as each epoch begins. */
export function formatEpochHeader(epoch: number): string {
  return `epoch: ${epoch}`;
}

/** `step: 0, acc: 0.102, loss: 2.303 (data_loss: 2.303, reg_loss: 0.000), lr: 0.001`, after the step's update. */
export function formatStepLine(step: number, r: ModelLogReport): string {
  return `step: ${step}, ${numbers(r)}`;
}

/** `training, acc: …, loss: … (data_loss: …, reg_loss: …), lr: …`: the epoch's accumulated numbers. */
export function formatTrainingLine(r: ModelLogReport): string {
  return `training, ${numbers(r)}`;
}
