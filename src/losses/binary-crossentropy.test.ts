import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertValues, withCode } from '../../test/assertions.ts';
import { Matrix } from '../tensor/matrix.ts';
import { BinaryCrossentropy } from './binary-crossentropy.ts';

test('forward: per sample, the mean over outputs of −(y·log ŷ + (1 − y)·log(1 − ŷ))', () => {
  const p = Matrix.fromRows(
    [
      [0.9, 0.2],
      [0.4, 0.7],
    ],
    'float64',
  );
  const y = Matrix.fromRows(
    [
      [1, 0],
      [0, 0],
    ],
    'float64',
  );
  const losses = new BinaryCrossentropy().forward(p, y);
  // sample 0: (−log 0.9 − log 0.8) / 2; sample 1: (−log 0.6 − log 0.3) / 2
  assertValues(losses, [
    (-Math.log(0.9) - Math.log(1 - 0.2)) / 2,
    (-Math.log(1 - 0.4) - Math.log(1 - 0.7)) / 2,
  ]);
  // −log 0.9 = 0.10536051565782628, −log 0.8 = 0.2231435513142097
  assert.ok(Math.abs(losses[0] - (0.10536051565782628 + 0.2231435513142097) / 2) < 1e-15);
});

test('predictions of exactly 0 and 1 are clipped to [1e-7, 1 − 1e-7]: finite losses', () => {
  const p = Matrix.fromRows([[0], [1]], 'float64');
  const y = Matrix.fromRows([[1], [0]], 'float64');
  const losses = new BinaryCrossentropy().forward(p, y);
  assert.equal(losses[0], -Math.log(1e-7));
  assert.equal(losses[1], -Math.log(1 - (1 - 1e-7)));
  assert.ok(Math.abs(losses[1] - 16.118095650958) < 1e-6);
});

test('backward: −(y/ŷ − (1 − y)/(1 − ŷ)) / outputs / N', () => {
  const p = Matrix.fromRows(
    [
      [0.5, 0.25],
      [0.75, 0.5],
    ],
    'float64',
  );
  const y = Matrix.fromRows(
    [
      [1, 0],
      [1, 1],
    ],
    'float64',
  );
  const d = new BinaryCrossentropy().backward(p, y);
  assertValues(d.data, [
    -(1 / 0.5) / 2 / 2, // y = 1: −1/ŷ
    1 / (1 - 0.25) / 2 / 2, // y = 0: +1/(1 − ŷ) = 4/3
    -(1 / 0.75) / 2 / 2,
    -(1 / 0.5) / 2 / 2,
  ]);
  assert.equal(d.data[0], -0.5);
  assert.ok(Math.abs(d.data[1] - 1 / 3) < 1e-16);
});

test('backward clips like forward: ŷ = 0 with y = 1 gives −1/1e-7/N, not −Infinity', () => {
  const d = new BinaryCrossentropy().backward(
    Matrix.fromRows([[0]], 'float64'),
    Matrix.fromRows([[1]], 'float64'),
  );
  assert.equal(d.data[0], -(1 / 1e-7 - 0));
});

test('targets of another shape → SHAPE_MISMATCH naming both shapes', () => {
  const p = Matrix.fromRows([[0.5, 0.5]]);
  const wrong = Matrix.fromRows([[1], [0]]);
  assert.throws(
    () => new BinaryCrossentropy().forward(p, wrong),
    withCode('SHAPE_MISMATCH', 'targets are 2x1'),
  );
  assert.throws(
    () => new BinaryCrossentropy().backward(p, wrong),
    withCode('SHAPE_MISMATCH', 'predictions are 1x2'),
  );
});
