import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TRAIN_DEFAULTS } from '../train-config.ts';
import {
  configForPoint,
  DEFAULT_GRID,
  describeSetting,
  expandGrid,
  formatLambda,
  settingsOf,
} from './sweep-grid.ts';
import { gridOf } from './sweep-options.ts';

const FLAGS = { validationSamples: 1000, nearZero: 1e-3, jobs: 2, threads: 1 };

test('a grid expands to every setting times every seed, L2 slowest and seeds innermost', () => {
  const points = expandGrid({ l2: [0, 1e-4], l1: [0], dropout: [0, 0.3], seeds: [0, 1] });
  assert.equal(points.length, 2 * 1 * 2 * 2);
  assert.deepEqual(
    points.map((p) => [p.l2, p.dropout, p.seed]),
    [
      [0, 0, 0],
      [0, 0, 1],
      [0, 0.3, 0],
      [0, 0.3, 1],
      [1e-4, 0, 0],
      [1e-4, 0, 1],
      [1e-4, 0.3, 0],
      [1e-4, 0.3, 1],
    ],
  );
  assert.equal(points[6].key, 'l2-0.0001_l1-0_dropout-0.3_seed-0');
  assert.equal(new Set(points.map((p) => p.key)).size, points.length, 'keys are unique');
});

test('repeated values in a list are trained once', () => {
  assert.equal(expandGrid({ l2: [0, 0, 5e-4], l1: [0], dropout: [0.1, 0.1], seeds: [3, 3] }).length, 2);
});

test('no axis flag gives the default sweep; any axis flag sets the others to 0', () => {
  assert.deepEqual(gridOf(FLAGS), DEFAULT_GRID);
  assert.deepEqual(settingsOf(DEFAULT_GRID).map(describeSetting), [
    'no regularization',
    'dropout 0.1',
    'L2 5e-4',
    'L2 5e-4, dropout 0.1',
  ]);
  assert.deepEqual(gridOf({ ...FLAGS, l1: [1e-4] }), { l2: [0], l1: [1e-4], dropout: [0], seeds: [0, 1, 2] });
  assert.deepEqual(gridOf({ ...FLAGS, dropout: [0.5], seeds: [7] }).seeds, [7]);
});

test("a point puts its penalties on the hidden layers' weights and biases, as the book", () => {
  const config = configForPoint(TRAIN_DEFAULTS, { l2: 5e-4, l1: 1e-5, dropout: 0.2, seed: 4 });
  assert.deepEqual(
    [config.l2w, config.l2b, config.l1w, config.l1b, config.dropout, config.seed],
    [[5e-4], [5e-4], [1e-5], [1e-5], [0.2], 4],
  );
  assert.equal(config.epochs, TRAIN_DEFAULTS.epochs, 'the rest is the base');
});

test('penalties read as people write them', () => {
  assert.deepEqual([0, 5e-4, 1e-3, 1.5e-4, 0.01, 0.3].map(formatLambda), [
    '0',
    '5e-4',
    '1e-3',
    '1.5e-4',
    '0.01',
    '0.3',
  ]);
});
