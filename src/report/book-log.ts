import { pythonFixed, pythonRepr } from './python-format.ts';

export interface EpochReport {
  epoch: number;
  accuracy: number;
  /** dataLoss + regularizationLoss */
  loss: number;
  dataLoss: number;
  regularizationLoss: number;
  /** The rate the optimizer last used (the book prints it before the epoch's update). */
  learningRate: number;
}

/** `epoch: 100, acc: 0.717, loss: 0.734 (data_loss: 0.671, reg_loss: 0.063), lr: 0.0199...`, as the book prints. */
export function formatEpochLine(r: EpochReport): string {
  return (
    `epoch: ${r.epoch}, acc: ${pythonFixed(r.accuracy, 3)}, loss: ${pythonFixed(r.loss, 3)} ` +
    `(data_loss: ${pythonFixed(r.dataLoss, 3)}, reg_loss: ${pythonFixed(r.regularizationLoss, 3)}), ` +
    `lr: ${pythonRepr(r.learningRate)}`
  );
}

/** `validation, acc: 0.830, loss: 0.435`, as the book prints. */
export function formatValidationLine(accuracy: number, loss: number): string {
  return `validation, acc: ${pythonFixed(accuracy, 3)}, loss: ${pythonFixed(loss, 3)}`;
}
