// NaN and ±Infinity in data are refused where data enters: training inputs, checked inputs, targets.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  buildNetwork,
  gradientCheck,
  Matrix,
  MeanSquaredError,
  type NetworkSpec,
  RandomState,
  spiralData,
} from 'scratchnet';
import { withCode } from './assertions.ts';

/** The book's chapter-14 network and optimizer. */
const CHAPTER_14: NetworkSpec = {
  inputs: 2,
  hidden: [64],
  outputs: 3,
  l2w: 5e-4,
  l2b: 5e-4,
  learningRate: 0.02,
  decay: 5e-7,
};

test('training inputs with a NaN: NON_FINITE_INPUT naming the row and column', () => {
  const rng = new RandomState(0);
  const { X, y } = spiralData(5, 3, rng);
  X.data[7] = Number.NaN; // row 3, column 1
  const model = buildNetwork(CHAPTER_14, rng);
  assert.throws(() => model.train(X, y, { epochs: 1 }), withCode('NON_FINITE_INPUT', 'row 3, column 1'));
});

test('regression targets with Infinity: NON_FINITE_INPUT', () => {
  const predictions = Matrix.fromRows([[1], [2]]);
  const targets = Matrix.fromRows([[1], [Number.POSITIVE_INFINITY]]);
  assert.throws(
    () => new MeanSquaredError().calculate(predictions, targets),
    withCode('NON_FINITE_INPUT', 'Infinity'),
  );
});

test('gradientCheck inputs with -Infinity: NON_FINITE_INPUT', () => {
  const inputs = Matrix.fromRows([[Number.NEGATIVE_INFINITY]], 'float64');
  const targets = Matrix.fromRows([[0]], 'float64');
  assert.throws(
    () => gradientCheck({ layers: [], loss: new MeanSquaredError(), inputs, targets }),
    withCode('NON_FINITE_INPUT', '-Infinity'),
  );
});

test('a diverging run stops with DIVERGED at the first non-finite loss', () => {
  const rng = new RandomState(0);
  const { X, y } = spiralData(20, 3, rng);
  // SGD with a huge step and no momentum blows the logits up within a few epochs
  const model = buildNetwork({ ...CHAPTER_14, optimizer: 'sgd', learningRate: 1e30, decay: 0 }, rng);
  assert.throws(() => model.train(X, y, { epochs: 100 }), withCode('DIVERGED', 'diverged at epoch'));
});
