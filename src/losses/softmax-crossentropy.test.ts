import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertValues, withCode } from '../../test/assertions.ts';
import { Matrix } from '../tensor/matrix.ts';
import { SoftmaxCategoricalCrossentropy } from './softmax-crossentropy.ts';
import type { ClassLabels } from './targets.ts';

const f32 = Math.fround;
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

describe('fused backward: (ŷ − onehot) / N', () => {
  // The book's example: subtract 1 at the true class, divide everything by the 3 samples
  const expected = [
    (0.7 - 1) / 3,
    0.1 / 3,
    0.2 / 3,
    0.1 / 3,
    (0.5 - 1) / 3,
    0.4 / 3,
    0.02 / 3,
    (0.9 - 1) / 3,
    0.08 / 3,
  ];

  test('sparse labels (float64)', () => {
    const d = new SoftmaxCategoricalCrossentropy().backward(
      Matrix.fromRows(PROBABILITIES, 'float64'),
      LABELS,
    );
    assertValues(d.data, expected);
  });

  test('one-hot rows (float64)', () => {
    const d = new SoftmaxCategoricalCrossentropy().backward(
      Matrix.fromRows(PROBABILITIES, 'float64'),
      Matrix.fromRows(ONE_HOT, 'float64'),
    );
    assertValues(d.data, expected);
  });

  test('float32: numpy order, f32(f32(ŷ − 1) / N) at the true class, f32(ŷ / N) elsewhere', () => {
    const emulated = PROBABILITIES.flatMap((row, r) =>
      row.map((v, c) => f32((c === LABELS[r] ? f32(f32(v) - 1) : f32(v)) / 3)),
    );
    const sparse = new SoftmaxCategoricalCrossentropy().backward(Matrix.fromRows(PROBABILITIES), LABELS);
    assertValues(sparse.data, emulated);
    const oneHot = new SoftmaxCategoricalCrossentropy().backward(
      Matrix.fromRows(PROBABILITIES),
      Matrix.fromRows(ONE_HOT),
    );
    assertValues(oneHot.data, emulated);
  });

  test('the buffer is reused for a steady batch size, and exposed as dInputs', () => {
    const loss = new SoftmaxCategoricalCrossentropy();
    const p = Matrix.fromRows(PROBABILITIES);
    const first = loss.backward(p, LABELS);
    assert.equal(loss.backward(p, Int32Array.of(2, 2, 0)), first);
    assert.equal(loss.dInputs, first);
  });
});

describe('fused forward', () => {
  test('softmax then the mean −log of the true class: logits [0, ln 3] → [1/4, 3/4]', () => {
    const loss = new SoftmaxCategoricalCrossentropy();
    const value = loss.forward(
      Matrix.fromRows(
        [
          [0, Math.log(3)],
          [0, 0],
        ],
        'float64',
      ),
      Int32Array.of(1, 0),
    );
    // sample 0: −log(3/4); sample 1: −log(1/2)
    assert.ok(Math.abs(value - (-Math.log(0.75) - Math.log(0.5)) / 2) < 1e-15);
    assert.ok(Math.abs(loss.output.get(0, 1) - 0.75) < 1e-15);
  });

  test('forward then backward: the gradient of logits [0, 0] with label 0 is [−1/2, 1/2] / 1', () => {
    const loss = new SoftmaxCategoricalCrossentropy();
    loss.forward(Matrix.fromRows([[0, 0]], 'float64'), Int32Array.of(0));
    assertValues(loss.backward(loss.output, Int32Array.of(0)).data, [0.5 - 1, 0.5]);
  });
});

describe('fused validation', () => {
  const p = Matrix.fromRows(PROBABILITIES);
  const loss = new SoftmaxCategoricalCrossentropy();

  test('bad labels → BAD_LABEL naming the value', () => {
    assert.throws(() => loss.backward(p, Int32Array.of(0, -1, 1)), withCode('BAD_LABEL', 'label -1'));
    assert.throws(() => loss.backward(p, Int32Array.of(0, 3, 1)), withCode('BAD_LABEL', 'label 3'));
    assert.throws(() => loss.forward(p, Int32Array.of(3, 0, 1)), withCode('BAD_LABEL', 'label 3'));
    // @ts-expect-error: a JavaScript caller can pass fractional labels
    const fractional: ClassLabels = Float64Array.of(0, 1.5, 1);
    assert.throws(() => loss.backward(p, fractional), withCode('BAD_LABEL', 'label 1.5'));
  });

  test('wrong label count or one-hot shape → SHAPE_MISMATCH', () => {
    assert.throws(() => loss.backward(p, Int32Array.of(0, 1)), withCode('SHAPE_MISMATCH', '2 labels'));
    assert.throws(
      () => loss.backward(p, Matrix.fromRows([[1, 0, 0]])),
      withCode('SHAPE_MISMATCH', 'targets are 1x3'),
    );
  });
});
