import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertValues, withCode } from '../../test/assertions.ts';
import { Matrix } from '../tensor/matrix.ts';
import { CategoricalCrossentropy } from './categorical-crossentropy.ts';
import { type ClassLabels, requireLabels } from './targets.ts';

const f32 = Math.fround;

// The book's example: three samples, three classes, targets [0, 1, 1]
const PROBABILITIES = [
  [0.7, 0.1, 0.2],
  [0.1, 0.5, 0.4],
  [0.02, 0.9, 0.08],
];
const LABELS = Int32Array.of(0, 1, 1);
const ONE_HOT = [
  [1, 0, 0],
  [0, 1, 0],
  [0, 1, 0],
];

describe('CategoricalCrossentropy forward', () => {
  for (const [kind, targets] of [
    ['sparse labels', LABELS],
    ['one-hot rows', Matrix.fromRows(ONE_HOT, 'float64')],
  ] as const) {
    test(`${kind}: −log of the probability of the true class (float64)`, () => {
      const loss = new CategoricalCrossentropy();
      const p = Matrix.fromRows(PROBABILITIES, 'float64');
      assertValues(loss.forward(p, targets), [-Math.log(0.7), -Math.log(0.5), -Math.log(0.9)]);
      // −log 0.7 = 0.356674943938732, the book's first sample
      assert.ok(Math.abs(-Math.log(0.7) - 0.35667494393873245) < 1e-16);
      // the book prints 0.38506088005216804 for the mean
      assert.ok(Math.abs(loss.calculate(p, targets) - 0.38506088005216804) < 1e-15);
    });
  }

  test('float32: −log with numpy’s float32 log (golden values from numpy 2.4); numpy float32 mean', () => {
    const loss = new CategoricalCrossentropy();
    const p = Matrix.fromRows(PROBABILITIES);
    // python3 -c "import numpy as np; print(-np.log(np.array([0.7, 0.5, 0.9], dtype=np.float32)))"
    // (the correctly rounded f32(−log f32(0.7)) would be 0.3566749691963196: numpy's kernel is 1 ulp off)
    const expected = [0.3566749393939972, 0.6931471824645996, 0.10536054521799088];
    assertValues(loss.forward(p, LABELS), expected);
    // np.mean in float32: running float32 sum (fewer than 8 values), then a float32 divide
    const sum = f32(f32(expected[0] + expected[1]) + expected[2]);
    assert.equal(loss.calculate(p, LABELS), f32(sum / 3));
  });

  test('a zero probability is clipped to f32(1e-7): −log(f32(1e-7)), finite', () => {
    const loss = new CategoricalCrossentropy();
    const p32 = Matrix.fromRows([[0, 1]]);
    assert.equal(loss.forward(p32, Int32Array.of(0))[0], 16.11809539794922); // numpy's −log(f32(1e-7))
    // f32(1e-7) ≈ 1.0000000116860974e-7, so −log is just under 16.1181
    assert.ok(Math.abs(f32(-Math.log(f32(1e-7))) - 16.118095) < 1e-5);
    // float64 uses 1e-7 itself
    const p64 = Matrix.fromRows([[0, 1]], 'float64');
    assert.equal(new CategoricalCrossentropy().forward(p64, Int32Array.of(0))[0], -Math.log(1e-7));
  });

  test('a probability of 1 is clipped to 1 − 1e-7, so the loss is a tiny positive number, not 0', () => {
    const p = Matrix.fromRows([[1, 0]], 'float64');
    assert.equal(new CategoricalCrossentropy().forward(p, Int32Array.of(0))[0], -Math.log(1 - 1e-7));
    const p32 = Matrix.fromRows([[1, 0]]);
    // f32(1 − 1e-7) = 1 − 2⁻²³
    assert.equal(new CategoricalCrossentropy().forward(p32, Int32Array.of(0))[0], 1.1920930376163597e-7); // numpy
  });
});

describe('CategoricalCrossentropy backward: −y / ŷ / N', () => {
  const p = Matrix.fromRows(
    [
      [0.5, 0.25, 0.25],
      [0.125, 0.375, 0.5],
    ],
    'float64',
  );
  // sample 0, class 0: −1/0.5/2 = −1; sample 1, class 2: −1/0.5/2 = −1; every other element 0
  const expected = [-1 / 0.5 / 2, 0, 0, 0, 0, -1 / 0.5 / 2];

  test('sparse labels', () => {
    assertValues(new CategoricalCrossentropy().backward(p, Int32Array.of(0, 2)).data, expected);
  });

  test('one-hot rows', () => {
    const oneHot = Matrix.fromRows(
      [
        [1, 0, 0],
        [0, 0, 1],
      ],
      'float64',
    );
    assertValues(new CategoricalCrossentropy().backward(p, oneHot).data, expected);
  });

  test('a non-power-of-two example: −1/0.7/3', () => {
    const d = new CategoricalCrossentropy().backward(Matrix.fromRows(PROBABILITIES, 'float64'), LABELS);
    assertValues(d.data, [-1 / 0.7 / 3, 0, 0, 0, -1 / 0.5 / 3, 0, 0, -1 / 0.9 / 3, 0]);
  });

  test('buffers are reused for a steady batch size', () => {
    const loss = new CategoricalCrossentropy();
    assert.equal(loss.backward(p, Int32Array.of(0, 2)), loss.backward(p, Int32Array.of(1, 1)));
    assert.equal(loss.forward(p, Int32Array.of(0, 2)), loss.forward(p, Int32Array.of(1, 1)));
  });
});

describe('CategoricalCrossentropy validation', () => {
  const p = Matrix.fromRows(PROBABILITIES);
  const loss = new CategoricalCrossentropy();

  test('label −1 → BAD_LABEL naming it (forward and backward)', () => {
    assert.throws(() => loss.forward(p, Int32Array.of(0, -1, 1)), withCode('BAD_LABEL', 'label -1'));
    assert.throws(() => loss.backward(p, Int32Array.of(0, -1, 1)), withCode('BAD_LABEL', 'label -1'));
  });

  test('label 3 with 3 classes → BAD_LABEL naming it and the range', () => {
    assert.throws(() => loss.forward(p, Int32Array.of(0, 1, 3)), withCode('BAD_LABEL', 'label 3'));
    assert.throws(() => loss.forward(p, Int32Array.of(0, 1, 3)), withCode('BAD_LABEL', '[0, 3)'));
  });

  test('label 1.5 → BAD_LABEL naming it', () => {
    // a JavaScript caller can pass fractional labels in a Float64Array
    const fractional: ArrayLike<number> = Float64Array.of(0, 1.5, 1);
    assert.throws(() => requireLabels('loss', fractional, 3, 3), withCode('BAD_LABEL', 'label 1.5'));
    // @ts-expect-error: Float64Array is not a ClassLabels type, which is the point of the check
    const asLabels: ClassLabels = Float64Array.of(0, 1.5, 1);
    assert.throws(() => loss.forward(p, asLabels), withCode('BAD_LABEL', 'label 1.5'));
  });

  test('wrong number of labels → SHAPE_MISMATCH naming both counts', () => {
    assert.throws(
      () => loss.forward(p, Int32Array.of(0, 1)),
      withCode('SHAPE_MISMATCH', '3 predictions but 2 labels'),
    );
    assert.throws(() => loss.backward(p, Int32Array.of(0, 1, 1, 2)), withCode('SHAPE_MISMATCH', '4 labels'));
  });

  test('one-hot targets of another shape → SHAPE_MISMATCH naming both shapes', () => {
    const wrong = Matrix.fromRows([
      [1, 0],
      [0, 1],
      [0, 1],
    ]);
    assert.throws(() => loss.forward(p, wrong), withCode('SHAPE_MISMATCH', 'targets are 3x2'));
    assert.throws(() => loss.backward(p, wrong), withCode('SHAPE_MISMATCH', 'predictions are 3x3'));
  });
});
