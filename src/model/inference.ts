import type { Loss } from '../losses/loss.ts';
import type { Accuracy } from '../metrics/accuracy.ts';
import { Matrix } from '../tensor/matrix.ts';
import type { Batches } from './batches.ts';
import type { LayerStack } from './layer-stack.ts';
import type { ModelTargets } from './model-targets.ts';
import { EpochMetrics } from './step-metrics.ts';

/** What evaluate() returns. */
export interface Evaluation {
  /** dataLoss + regularizationLoss (added as numpy adds them), as training reports its loss (Keras's val_loss). */
  loss: number;
  /** The mean loss over the samples: what the book prints as the validation loss. */
  dataLoss: number;
  /** The penalty of the current parameters. */
  regularizationLoss: number;
  accuracy: number;
}

/** Loss and accuracy over every batch, dropout off, accumulated as the book's chapter-19 evaluate does. */
export function evaluateBatches(
  stack: LayerStack,
  loss: Loss<ModelTargets>,
  accuracy: Accuracy<ModelTargets>,
  batches: Batches,
): Evaluation {
  const metrics = new EpochMetrics();
  batches.beginEpoch();
  for (let s = 0; s < batches.steps; s++) {
    batches.load(s);
    const y = batches.targets;
    const output = stack.forward(batches.x, false);
    loss.calculate(output, y);
    metrics.add(loss.lastSampleLosses, accuracy.calculate(output, y), batches.x.rows);
  }
  metrics.finish(stack.regularizationLoss());
  return {
    loss: metrics.loss,
    dataLoss: metrics.dataLoss,
    regularizationLoss: metrics.regularizationLoss,
    accuracy: metrics.accuracy,
  };
}

/** The network's outputs for every row, dropout off, in a new Matrix (layer buffers are reused). */
export function predictBatches(stack: LayerStack, batches: Batches): Matrix {
  let out: Matrix | null = null;
  let row = 0;
  for (let s = 0; s < batches.steps; s++) {
    batches.load(s);
    const output = stack.forward(batches.x, false);
    out ??= Matrix.zeros(batches.rows, output.cols, output.dtype);
    out.data.set(output.data, row * output.cols);
    row += output.rows;
  }
  return out as Matrix;
}
