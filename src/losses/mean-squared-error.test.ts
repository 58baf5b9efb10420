import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertValues, withCode } from '../../test/assertions.ts';
import { Matrix } from '../tensor/matrix.ts';
import { MeanSquaredError } from './mean-squared-error.ts';

const P = Matrix.fromRows(
  [
    [1, 2],
    [3, 5],
  ],
  'float64',
);
const Y = Matrix.fromRows(
  [
    [0, 2],
    [3, 1],
  ],
  'float64',
);

test('forward: per sample, the mean over outputs of (y − ŷ)²', () => {
  const loss = new MeanSquaredError();
  // sample 0: ((0 − 1)² + 0²) / 2 = 0.5; sample 1: (0² + (1 − 5)²) / 2 = 8
  assertValues(loss.forward(P, Y), [(1 + 0) / 2, (0 + 16) / 2]);
  assert.equal(loss.calculate(P, Y), (0.5 + 8) / 2);
});

test('backward: −2(y − ŷ) / outputs / N', () => {
  const d = new MeanSquaredError().backward(P, Y);
  assertValues(d.data, [(-2 * (0 - 1)) / 2 / 2, 0, 0, (-2 * (1 - 5)) / 2 / 2]);
  assertValues(d.data, [0.5, 0, 0, 2]);
});

test('targets of another shape → SHAPE_MISMATCH', () => {
  assert.throws(
    () => new MeanSquaredError().forward(P, Matrix.zeros(2, 1)),
    withCode('SHAPE_MISMATCH', 'targets are 2x1'),
  );
  assert.throws(
    () => new MeanSquaredError().backward(P, Matrix.zeros(3, 2)),
    withCode('SHAPE_MISMATCH', 'targets are 3x2'),
  );
});
