import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BookModelReporter } from './book-model-reporter.ts';

const numbers = {
  accuracy: 0.5,
  loss: 0.3375,
  dataLoss: 0.3,
  regularizationLoss: 0.0375,
  learningRate: 5e-5,
};

test('the book’s Model lines: the header once per epoch, steps, training, validation (Python’s digits)', () => {
  const lines: string[] = [];
  const reporter = new BookModelReporter({ write: (line) => lines.push(line) });
  reporter.onBatchEnd({ epoch: 1, step: 0, ...numbers });
  reporter.onBatchEnd({ epoch: 1, step: 7, ...numbers, learningRate: 0.001 });
  reporter.onEpochEnd({
    epoch: 1,
    step: 7,
    ...numbers,
    epochTime: 1,
    valAccuracy: 0.25,
    valDataLoss: 1.0005,
  });
  // a full-batch epoch reports no steps: the header still comes first
  reporter.onEpochEnd({ epoch: 2, step: 0, ...numbers, epochTime: 1 });
  assert.deepEqual(lines, [
    'epoch: 1',
    'step: 0, acc: 0.500, loss: 0.338 (data_loss: 0.300, reg_loss: 0.037), lr: 5e-05',
    'step: 7, acc: 0.500, loss: 0.338 (data_loss: 0.300, reg_loss: 0.037), lr: 0.001',
    'training, acc: 0.500, loss: 0.338 (data_loss: 0.300, reg_loss: 0.037), lr: 5e-05',
    'validation, acc: 0.250, loss: 1.000',
    'epoch: 2',
    'training, acc: 0.500, loss: 0.338 (data_loss: 0.300, reg_loss: 0.037), lr: 5e-05',
  ]);
});
