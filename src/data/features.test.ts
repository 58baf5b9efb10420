import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { ScratchnetError } from '../errors/scratchnet-error.ts';
import { Matrix } from '../tensor/matrix.ts';
import {
  applyFeatures,
  FEATURE_NAMES,
  featureInputs,
  featureRow,
  requireFeatures,
  savedFeatures,
} from './features.ts';

test('each feature column is its formula of the row’s x1 and x2, stored in the data’s dtype', () => {
  const X = Matrix.fromRows([
    [0.5, -2],
    [3, 0.25],
  ]);
  const out = applyFeatures(X, requireFeatures([...FEATURE_NAMES]));
  assert.equal(out.cols, 7);
  const expected = [
    [0.5, -2, 0.25, 4, -1, Math.sin(0.5), Math.sin(-2)],
    [3, 0.25, 9, 0.0625, 0.75, Math.sin(3), Math.sin(0.25)],
  ].flat();
  assert.deepEqual(Array.from(out.data), expected.map(Math.fround));
});

test('features of one point are the same as the row of a whole matrix', () => {
  fc.assert(
    fc.property(
      fc.double({ min: -3, max: 3, noNaN: true }),
      fc.double({ min: -3, max: 3, noNaN: true }),
      fc.shuffledSubarray([...FEATURE_NAMES], { minLength: 1 }),
      (x1, x2, names) => {
        const features = requireFeatures(names);
        const X = Matrix.fromRows([[x1, x2]], 'float64');
        assert.deepEqual(Array.from(applyFeatures(X, features).data), featureRow(features, x1, x2));
      },
    ),
    { seed: 4, numRuns: 100 },
  );
});

test('unknown, repeated or no features are refused, naming the value', () => {
  assert.throws(() => requireFeatures(['x1', 'x3']), /unknown feature "x3"/);
  assert.throws(() => requireFeatures(['x1', 'x1']), /x1 is listed twice/);
  assert.throws(() => requireFeatures([]), /at least one/);
  assert.throws(() => applyFeatures(Matrix.zeros(2, 3), ['x1']), /2-D points/);
});

test('savedFeatures reads model.json extras: the list, null without one, CORRUPT_MODEL_FILE for a bad one', () => {
  assert.deepEqual(savedFeatures({ features: ['x1^2', 'x1x2'] }), ['x1^2', 'x1x2']);
  assert.equal(savedFeatures({}), null);
  for (const bad of ['x1', ['x1', 'x3'], []]) {
    assert.throws(
      () => savedFeatures({ features: bad }),
      (e: unknown) =>
        e instanceof ScratchnetError &&
        e.code === 'CORRUPT_MODEL_FILE' &&
        e.message.startsWith('model.json: userDefinedMetadata.scratchnet.extras.features'),
    );
  }
});

test('featureInputs transforms raw x1, x2; other column counts name the raw columns and the features', () => {
  const X = Matrix.fromRows([
    [0.5, -2],
    [3, 0.25],
  ]);
  const features = requireFeatures(['x1^2', 'x1x2']);
  assert.deepEqual(featureInputs(X, features).data, applyFeatures(X, features).data);
  assert.equal(featureInputs(X, null), X);
  // rows of numbers, as predict takes them, give the same matrix
  const rows = [
    [0.5, -2],
    [3, 0.25],
  ];
  assert.deepEqual(featureInputs(rows, features).data, applyFeatures(X, features).data);
  // the feature columns themselves are not raw points: refused, not transformed a second time
  const three = Matrix.fromRows([[0.25, 1, -1]]);
  assert.throws(
    () => featureInputs(three, features, 'new.csv'),
    (e: unknown) =>
      e instanceof ScratchnetError &&
      e.code === 'SHAPE_MISMATCH' &&
      e.message ===
        'new.csv has 3 input columns, but the model was trained on x1, x2 with features x1^2, x1x2: give 2 columns (x1, x2)',
  );
});
