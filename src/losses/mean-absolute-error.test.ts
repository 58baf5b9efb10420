import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertValues, withCode } from '../../test/assertions.ts';
import { Matrix } from '../tensor/matrix.ts';
import { MeanAbsoluteError } from './mean-absolute-error.ts';

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
    [3.5, 1],
  ],
  'float64',
);

test('forward: per sample, the mean over outputs of |y − ŷ|', () => {
  const loss = new MeanAbsoluteError();
  // sample 0: (|0 − 1| + 0) / 2 = 0.5; sample 1: (|3.5 − 3| + |1 − 5|) / 2 = 2.25
  assertValues(loss.forward(P, Y), [(1 + 0) / 2, (0.5 + 4) / 2]);
  assert.equal(loss.calculate(P, Y), (0.5 + 2.25) / 2);
});

test('backward: ∂|y − ŷ|/∂ŷ = sign(ŷ − y), / outputs / N, with sign(0) = 0', () => {
  const d = new MeanAbsoluteError().backward(P, Y);
  // ŷ above y → +1/4; equal → 0; ŷ below y (3 < 3.5) → −1/4; ŷ above y → +1/4
  assertValues(d.data, [1 / 2 / 2, 0, -1 / 2 / 2, 1 / 2 / 2]);
});

test('targets of another shape → SHAPE_MISMATCH', () => {
  assert.throws(
    () => new MeanAbsoluteError().forward(P, Matrix.zeros(1, 2)),
    withCode('SHAPE_MISMATCH', 'targets are 1x2'),
  );
  assert.throws(
    () => new MeanAbsoluteError().backward(P, Matrix.zeros(1, 2)),
    withCode('SHAPE_MISMATCH', 'targets are 1x2'),
  );
});
