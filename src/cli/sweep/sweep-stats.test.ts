import assert from 'node:assert/strict';
import { test } from 'node:test';
import { spreadOf, summarize } from './sweep-stats.ts';
import type { RunResult } from './train-point.ts';

test('mean and sample standard deviation (n − 1)', () => {
  // mean (2+4+4+4+5+5+7+9)/8 = 5; squares 9+1+1+1+0+0+4+16 = 32; sample variance 32/7
  const spread = spreadOf([2, 4, 4, 4, 5, 5, 7, 9]);
  assert.equal(spread.mean, 5);
  assert.ok(Math.abs((spread.std ?? Number.NaN) - Math.sqrt(32 / 7)) < 1e-15);
  assert.deepEqual(spreadOf([0.25]), { mean: 0.25, std: null }, 'one seed: no spread');
  assert.deepEqual(spreadOf([0.5, 0.5]), { mean: 0.5, std: 0 });
});

function run(l2: number, seed: number, validationAccuracy: number): RunResult {
  return {
    key: `k${l2}-${seed}`,
    l2,
    l1: 0,
    dropout: 0,
    seed,
    epochs: 10,
    trainAccuracy: 0.9,
    validationAccuracy,
    gap: 0.9 - validationAccuracy,
    trainDataLoss: 0.3,
    validationDataLoss: 0.5,
    regularizationLoss: l2 * 100,
    nearZero: 0,
    seconds: 1,
  };
}

test('the summary groups runs by setting, in the settings order, over the seeds found', () => {
  const settings = [
    { l2: 0, l1: 0, dropout: 0 },
    { l2: 1e-3, l1: 0, dropout: 0 },
  ];
  const summaries = summarize(settings, [
    run(1e-3, 1, 0.8),
    run(0, 0, 0.7),
    run(1e-3, 0, 0.6),
    run(0, 1, 0.7),
  ]);
  assert.deepEqual(
    summaries.map((s) => [s.l2, s.seeds]),
    [
      [0, [0, 1]],
      [1e-3, [0, 1]],
    ],
  );
  assert.ok(Math.abs(summaries[1].metrics.validationAccuracy.mean - 0.7) < 1e-12);
  // (0.8 − 0.7)² + (0.6 − 0.7)² = 0.02, / (2 − 1), square root
  assert.ok(Math.abs((summaries[1].metrics.validationAccuracy.std ?? 0) - Math.sqrt(0.02)) < 1e-12);
  assert.equal(summaries[0].metrics.validationAccuracy.std, 0);
});
