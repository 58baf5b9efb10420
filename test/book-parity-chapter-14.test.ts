// The book's chapter-14 script against our numpy reference of it (test/fixtures/reference/).
// The issue asks for exactness where numerics surely allow it (data, initial weights, epoch 0, every
// printed learning rate) and bands for whole runs, because float32 Adam training is chaotic
// (../shared/NUMPY-PARITY.md). Reproducing numpy's rounding everywhere makes the whole run identical,
// so that is asserted too: any change of rounding anywhere shows up here.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Dense, RandomState, spiralData } from 'scratchnet';
import { chapter14 } from '../examples/chapter-14.ts';
import { compareLogs, readJson, readLog, within } from './book-parity.ts';

describe('chapter 14 (L1/L2 regularization)', () => {
  const init = readJson('chapter-14-init.json');

  test('seed 0 gives the book’s spiral data and initial weights, bit for bit', () => {
    const rng = new RandomState(0);
    const { X, y } = spiralData(100, 3, rng);
    assert.deepEqual(Array.from(X.data), init.data.X.flat());
    assert.deepEqual(Array.from(y), init.data.y);
    const dense1 = new Dense(2, 64, { rng });
    const dense2 = new Dense(64, 3, { rng });
    assert.deepEqual(Array.from(dense1.weights.data), init.initial['dense1.weights'].flat());
    assert.deepEqual(Array.from(dense2.weights.data), init.initial['dense2.weights'].flat());
    assert.ok(dense1.biases.data.every((b) => b === 0));
  });

  test('the whole run: every printed line identical to the numpy reference, finals inside the bands', (t) => {
    const run = chapter14(10000, () => {});
    const identical = compareLogs(run.lines, readLog('chapter-14.log'));
    assert.equal(identical, run.lines.length, 'every printed line is identical to the reference');
    t.diagnostic(
      `identical lines: ${identical} of ${run.lines.length}; last: ${run.lines.at(-2)} | ${run.lines.at(-1)}`,
    );
    within('training accuracy', run.final.accuracy, 0.93, 0.96);
    within('validation accuracy', run.validation.accuracy, 0.81, 0.87);
    within('validation loss', run.validation.loss, 0.42, 0.55);
  });
});
