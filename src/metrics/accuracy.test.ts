import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { withCode } from '../../test/assertions.ts';
import { Matrix } from '../tensor/matrix.ts';
import { BinaryAccuracy, CategoricalAccuracy, RegressionAccuracy, standardDeviation } from './accuracy.ts';

describe('CategoricalAccuracy', () => {
  // argmax per row: 1, 0, 2, and 0 for the tie [0.4, 0.4] (numpy takes the first)
  const p = Matrix.fromRows([
    [0.1, 0.7, 0.2],
    [0.5, 0.3, 0.2],
    [0.2, 0.2, 0.6],
    [0.4, 0.4, 0.2],
  ]);

  test('sparse labels: the share of rows whose argmax is the label', () => {
    // right, right, wrong (2 ≠ 1), wrong (tie → 0 ≠ 1): 2/4
    assert.equal(new CategoricalAccuracy().calculate(p, Int32Array.of(1, 0, 1, 1)), 2 / 4);
    assert.equal(new CategoricalAccuracy().calculate(p, Int32Array.of(1, 0, 2, 0)), 4 / 4);
    assert.equal(new CategoricalAccuracy().calculate(p, Int32Array.of(0, 1, 0, 2)), 0);
  });

  test('one-hot rows give the same as their labels', () => {
    const oneHot = Matrix.fromRows([
      [0, 1, 0],
      [1, 0, 0],
      [0, 1, 0],
      [0, 1, 0],
    ]);
    assert.equal(new CategoricalAccuracy().calculate(p, oneHot), 2 / 4);
  });

  test('bad labels → BAD_LABEL; wrong shapes → SHAPE_MISMATCH', () => {
    const accuracy = new CategoricalAccuracy();
    assert.throws(() => accuracy.calculate(p, Int32Array.of(1, 0, 3, 1)), withCode('BAD_LABEL', 'label 3'));
    assert.throws(() => accuracy.calculate(p, Int32Array.of(1, 0)), withCode('SHAPE_MISMATCH', '2 labels'));
    assert.throws(
      () => accuracy.calculate(p, Matrix.zeros(4, 2)),
      withCode('SHAPE_MISMATCH', 'targets are 4x2'),
    );
  });
});

describe('BinaryAccuracy', () => {
  test('an output counts as 1 when strictly above 0.5; the share over every output', () => {
    const p = Matrix.fromRows([
      [0.6, 0.4],
      [0.5, 0.51],
    ]);
    const y = Matrix.fromRows([
      [1, 0],
      [1, 1],
    ]);
    // predicted [1, 0], [0, 1]: right, right, wrong (0.5 is not above 0.5), right → 3/4
    assert.equal(new BinaryAccuracy().calculate(p, y), 3 / 4);
  });

  test('targets of another shape → SHAPE_MISMATCH', () => {
    assert.throws(
      () => new BinaryAccuracy().calculate(Matrix.zeros(2, 1), Matrix.zeros(1, 2)),
      withCode('SHAPE_MISMATCH'),
    );
  });
});

describe('RegressionAccuracy', () => {
  const y = Matrix.fromRows([[1], [2], [3], [4]], 'float64');
  // np.std (ddof 0): mean 2.5, variance (2.25 + 0.25 + 0.25 + 2.25)/4 = 1.25, std √1.25 = 1.1180339887…
  const precision = Math.sqrt(1.25) / 250; // 0.0044721359…

  test('standardDeviation is numpy’s population std', () => {
    assert.equal(standardDeviation(y.data), Math.sqrt(1.25));
    assert.equal(standardDeviation([5]), 0);
    assert.throws(() => standardDeviation([]), withCode('BAD_DATA'));
  });

  test('precision = std(y)/250; an output is right when |ŷ − y| < precision', () => {
    const accuracy = new RegressionAccuracy();
    accuracy.init(y);
    assert.equal(accuracy.precision, precision);
    const p = Matrix.fromRows([[1.004], [2.005], [3], [3.9]], 'float64');
    // |diff| = 0.004 (< 0.00447 right), 0.005 (wrong), 0 (right), 0.1 (wrong) → 2/4
    assert.equal(accuracy.calculate(p, y), 2 / 4);
  });

  test('init runs once unless reinit: validation keeps the training precision', () => {
    const accuracy = new RegressionAccuracy();
    accuracy.init(y);
    const wide = Matrix.fromRows([[0], [100]], 'float64'); // std 50, precision would be 0.2
    accuracy.init(wide);
    assert.equal(accuracy.precision, precision);
    // calculate on other targets does not re-init either: 0.1 off is wrong at precision 0.00447
    assert.equal(accuracy.calculate(Matrix.fromRows([[0.1], [100]], 'float64'), wide), 1 / 2);
    accuracy.init(wide, true);
    assert.equal(accuracy.precision, 50 / 250);
    assert.equal(accuracy.calculate(Matrix.fromRows([[0.1], [100]], 'float64'), wide), 2 / 2);
  });

  test('calculate before init sets the precision from the targets it is given', () => {
    const accuracy = new RegressionAccuracy();
    assert.equal(accuracy.precision, null);
    accuracy.calculate(y, y);
    assert.equal(accuracy.precision, precision);
  });

  test('a custom divisor: precision = std/100', () => {
    const accuracy = new RegressionAccuracy(100);
    accuracy.init(y);
    assert.equal(accuracy.precision, Math.sqrt(1.25) / 100);
  });
});
