import assert from 'node:assert/strict';
import { test } from 'node:test';
import { networkSpec } from './build-model.ts';
import { TRAIN_DEFAULTS } from './train-config.ts';

test("scratchnet train's defaults describe the book's chapter-15 network and optimizer", () => {
  assert.deepEqual(networkSpec(TRAIN_DEFAULTS, 2, 3, 'classification'), {
    inputs: 2,
    hidden: [64],
    outputs: 3,
    task: 'classification',
    activation: 'relu',
    l1w: [0],
    l2w: [5e-4],
    l1b: [0],
    l2b: [5e-4],
    dropout: [0.1],
    optimizer: 'adam',
    learningRate: 0.05,
    decay: 5e-5,
    momentum: 0,
  });
});
