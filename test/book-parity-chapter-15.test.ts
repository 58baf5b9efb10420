// The book's chapter-15 script against our numpy reference of it (test/fixtures/reference/).
// The issue asks for exactness where numerics surely allow it (data, initial weights, epoch 0, every
// printed learning rate) and bands for whole runs, because float32 Adam training is chaotic
// (../shared/NUMPY-PARITY.md). Reproducing numpy's rounding everywhere makes the whole run identical,
// so that is asserted too: any change of rounding anywhere shows up here.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Dense, Dropout, RandomState, spiralData } from 'scratchnet';
import { chapter15 } from '../examples/chapter-15.ts';
import { compareLogs, readJson, readLog, sha256, within } from './book-parity.ts';

describe('chapter 15 (dropout)', () => {
  const init = readJson('chapter-15-init.json');

  test('seed 0 gives the book’s data, weights and first dropout mask', () => {
    const rng = new RandomState(0);
    const { X, y } = spiralData(1000, 3, rng);
    assert.equal(sha256(X.data as Float32Array), init.data.XSha256F4);
    assert.equal(sha256(Int32Array.from(y)), init.data.ySha256I4);
    const dense1 = new Dense(2, 64, { rng });
    const dense2 = new Dense(64, 3, { rng });
    assert.deepEqual(Array.from(dense1.weights.data), init.initial['dense1.weights'].flat());
    assert.deepEqual(Array.from(dense2.weights.data), init.initial['dense2.weights'].flat());
    const dropout = new Dropout(0.1, { rng });
    dropout.forward(dense1.forward(X));
    assert.equal(sha256(dropout.mask), init.epoch0.dropoutMaskSha256I4);
    assert.equal(
      dropout.mask.reduce((a, b) => a + b, 0),
      init.epoch0.dropoutKeptCount,
    );
  });

  test('the whole run: every printed line identical to the numpy reference, finals inside the bands', (t) => {
    const run = chapter15(10000, () => {});
    const identical = compareLogs(run.lines, readLog('chapter-15.log'));
    assert.equal(identical, run.lines.length, 'every printed line is identical to the reference');
    t.diagnostic(
      `identical lines: ${identical} of ${run.lines.length}; last: ${run.lines.at(-2)} | ${run.lines.at(-1)}`,
    );
    within('training accuracy', run.final.accuracy, 0.66, 0.72);
    within('validation accuracy', run.validation.accuracy, 0.72, 0.78);
  });
});
