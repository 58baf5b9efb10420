import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { Matrix } from '../tensor/matrix.ts';
import { applyFeatures, FEATURE_NAMES, featureRow, requireFeatures } from './features.ts';

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
