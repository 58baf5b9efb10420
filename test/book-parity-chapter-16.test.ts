// The book's chapter-16 script (binary logistic regression: Sigmoid + binary cross-entropy) against
// our numpy reference of it (test/fixtures/reference/chapter16.py), run with the Model API
// (examples/binary-logistic.ts): every printed number bit for bit, every line identical. It holds
// because the sigmoid and the loss round where numpy rounds (float32 exp, each operation in float32)
// and the one-output layer's (N, 1) bias gradient is summed pairwise.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatValidationLine } from 'scratchnet';
import { binaryLogistic } from '../examples/binary-logistic.ts';
import { linesFromHistory, readJson, readLog } from './book-parity.ts';

test('chapter 16: every printed line and number of the 10,001 epochs and the validation, as numpy', (t) => {
  const reference = readJson('chapter-16.json');
  const log = readLog('chapter-16.log');
  // 10,001 updates: the script's epochs 0..10000 (each printed before its update), then validation
  const run = binaryLogistic(10001, () => {});
  const lines = linesFromHistory(run.history, reference.printed, 0.001);
  lines.push(formatValidationLine(run.validation.accuracy, run.validation.dataLoss));
  assert.deepEqual(lines, log);
  assert.equal(run.validation.dataLoss, reference.validation.loss);
  assert.equal(run.validation.accuracy, reference.validation.accuracy);
  t.diagnostic(`last: ${lines.at(-2)} | ${lines.at(-1)}`);
});
