// The chapter-16 and chapter-17 examples, written with the Model API, learn: run with fewer epochs
// than the book's 10,000 so that each stays within seconds on a slow machine.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Matrix } from 'scratchnet';
import { binaryLogistic } from '../examples/binary-logistic.ts';
import { regression } from '../examples/regression.ts';

test('chapter 16, binary logistic regression: accuracy above 0.8 after 2000 epochs, and validated', () => {
  const run = binaryLogistic(2000, () => {});
  const accuracy = run.history.accuracy.at(-1) as number;
  assert.ok(accuracy > 0.8, `training accuracy ${accuracy}`);
  assert.ok((run.history.loss.at(-1) as number) < 0.7 * run.history.loss[0]);
  assert.ok(run.validation.accuracy > 0.7, `validation accuracy ${run.validation.accuracy}`);
  // the book's log: one line per 100 epochs, then the validation line
  assert.equal(run.lines.length, 21);
  assert.match(run.lines[19], /^epoch: 2000, acc: 0\.\d{3}, loss: /);
  assert.match(run.lines[20], /^validation, acc: 0\.\d{3}, loss: 0\.\d{3}$/);
  const probability = run.model.predict(Matrix.fromRows([[0.1, -0.2]]));
  assert.equal(probability.cols, 1, 'one sigmoid output per sample');
  assert.ok(probability.data[0] > 0 && probability.data[0] < 1);
});

test('chapter 17, regression: the mean squared error falls tenfold within 120 epochs', () => {
  const run = regression(120, () => {});
  const first = run.history.dataLoss[0];
  const last = run.history.dataLoss.at(-1) as number;
  assert.ok(last < first / 10, `MSE ${first} → ${last}`);
  assert.equal(run.history.regularizationLoss.at(-1), 0);
  assert.match(run.lines[0], /^epoch: 100, acc: 0\.\d{3}, loss: 0\.\d{3} \(data_loss: /);
});
