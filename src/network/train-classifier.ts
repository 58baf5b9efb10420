import { ScratchnetError } from '../errors/scratchnet-error.ts';
import { regularizationLoss } from '../layers/regularization-loss.ts';
import { addLosses } from '../losses/add-losses.ts';
import type { ClassLabels } from '../losses/targets.ts';
import { CategoricalAccuracy } from '../metrics/accuracy.ts';
import type { EpochReport } from '../report/book-log.ts';
import type { Matrix } from '../tensor/matrix.ts';
import { requireFinite } from '../tensor/shape-checks.ts';
import type { Classifier } from './network-spec.ts';

export interface TrainClassifierOptions {
  epochs: number;
  /** Called at every epoch with the numbers the book prints (before that epoch's update). */
  onEpoch?: (report: EpochReport) => void;
}

const accuracy = new CategoricalAccuracy();

/**
 * The book's full-batch training loop (chapters 14-15): forward, data and regularization loss,
 * accuracy, backward, then one optimizer update, for epochs 0..epochs inclusive as the book's
 * `range(10001)`. Stops with DIVERGED when the loss stops being finite.
 */
export function trainClassifier(
  net: Classifier,
  X: Matrix,
  y: ClassLabels,
  options: TrainClassifierOptions,
): EpochReport {
  requireFinite('training inputs', X);
  let last: EpochReport | null = null;
  for (let epoch = 0; epoch <= options.epochs; epoch++) {
    const report = forwardReport(net, X, y, epoch, true);
    if (!Number.isFinite(report.loss)) {
      throw new ScratchnetError(
        'DIVERGED',
        `training diverged at epoch ${epoch}: the loss is ${report.loss}`,
        'lower the learning rate (--lr) or add decay; check the data for extreme values',
      );
    }
    options.onEpoch?.(report);
    last = report;
    let d = net.head.backward(net.head.output, y);
    for (let i = net.layers.length - 1; i >= 0; i--) d = net.layers[i].backward(d);
    net.optimizer.preUpdateParams();
    for (const layer of net.dense) net.optimizer.updateParams(layer);
    net.optimizer.postUpdateParams();
  }
  return last as EpochReport;
}

/** One forward pass and the book's numbers for it; `training` false turns dropout off. */
export function forwardReport(
  net: Classifier,
  X: Matrix,
  y: ClassLabels,
  epoch: number,
  training: boolean,
): EpochReport {
  let x = X;
  for (const layer of net.layers) x = layer.forward(x, training);
  const dataLoss = net.head.forward(x, y);
  const reg = regularizationLoss(net.dense);
  return {
    epoch,
    accuracy: accuracy.calculate(net.head.output, y),
    loss: addLosses(dataLoss, reg.total, net.head.loss.lastSampleLosses.float32 && reg.float32),
    dataLoss,
    regularizationLoss: reg.total,
    learningRate: net.optimizer.currentLearningRate,
  };
}
