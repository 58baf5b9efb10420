import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Layer } from '../layers/layer.ts';
import { Parameter } from '../layers/parameter.ts';
import { Regularizer } from '../regularizers/regularizer.ts';
import { Matrix } from '../tensor/matrix.ts';
import { RandomState } from '../tensor/random.ts';
import { Dense } from './dense.ts';
import { regularizationLoss } from './regularization-loss.ts';

/** A parameter-only layer: weights and biases with the given values and regularizers. */
function layer(
  name: string,
  weights: number[][],
  biases: number[],
  w: Regularizer | null,
  b: Regularizer | null,
): Layer {
  const wValue = Matrix.fromRows(weights, 'float64');
  const bValue = Matrix.fromRows([biases], 'float64');
  const parameters = [
    new Parameter(`${name}.weights`, wValue, Matrix.zeros(wValue.rows, wValue.cols, 'float64'), w),
    new Parameter(`${name}.biases`, bValue, Matrix.zeros(1, bValue.cols, 'float64'), b),
  ];
  return {
    name,
    get output(): Matrix {
      throw new Error('not used by regularizationLoss');
    },
    get dInputs(): Matrix {
      throw new Error('not used by regularizationLoss');
    },
    forward: (x) => x,
    backward: (d) => d,
    parameters: () => parameters,
  };
}

test('breakdown per layer, parameter and kind; L1 before L2; sums to the total', () => {
  const dense1 = layer(
    'dense1',
    [
      [1, -2],
      [3, -4],
    ],
    [0.5, -1.5],
    new Regularizer(0.01, 0.1),
    new Regularizer(0.02, 0.2),
  );
  const dense2 = layer('dense2', [[2], [-1]], [3], null, new Regularizer(0, 0.5));
  const { total, terms } = regularizationLoss([dense1, dense2]);
  const expected = [
    { layer: 'dense1', parameter: 'weights', kind: 'l1', value: 0.01 * (1 + 2 + 3 + 4) },
    { layer: 'dense1', parameter: 'weights', kind: 'l2', value: 0.1 * (1 + 4 + 9 + 16) },
    { layer: 'dense1', parameter: 'biases', kind: 'l1', value: 0.02 * (0.5 + 1.5) },
    { layer: 'dense1', parameter: 'biases', kind: 'l2', value: 0.2 * (0.25 + 2.25) },
    { layer: 'dense2', parameter: 'biases', kind: 'l2', value: 0.5 * 9 },
  ];
  assert.deepEqual(terms, expected);
  let sum = 0;
  for (const t of expected) sum += t.value;
  assert.equal(total, sum);
  // 0.1 + 3 + 0.04 + 0.5 + 4.5, up to double rounding
  assert.ok(Math.abs(total - 8.14) < 1e-12);
});

test('unregularized layers and zero lambdas contribute no terms', () => {
  const plain = layer('plain', [[5]], [5], null, null);
  const l2Only = layer('l2only', [[2]], [7], new Regularizer(0, 0.25), null);
  const { total, terms } = regularizationLoss([plain, l2Only]);
  assert.deepEqual(terms, [{ layer: 'l2only', parameter: 'weights', kind: 'l2', value: 0.25 * 4 }]);
  assert.equal(total, 1);
});

test('no layers: total 0 and no terms', () => {
  assert.deepEqual(regularizationLoss([]), { total: 0, float32: true, terms: [] });
});

test('the total follows the current values (recomputed each call)', () => {
  const l = layer('d', [[1]], [0], new Regularizer(0, 1), null);
  assert.equal(regularizationLoss([l]).total, 1);
  l.parameters()[0].value.data[0] = 3;
  assert.equal(regularizationLoss([l]).total, 9);
});

test('float32 layers: the book’s float32 running sum, numpy’s bits (a double sum differs)', () => {
  // numpy 2.4: w = (np.arange(12).reshape(3, 4) / 7 - 0.5).astype(np.float32),
  // b = (np.arange(4).reshape(1, 4) / 9 - 0.2).astype(np.float32); the book's regularization_loss with
  // weight L1 1e-3, weight L2 5e-4, bias L1 2e-3, bias L2 3e-4 is float32 0.008572006598114967
  const d = new Dense(3, 4, {
    rng: new RandomState(0),
    weightRegularizerL1: 1e-3,
    weightRegularizerL2: 5e-4,
    biasRegularizerL1: 2e-3,
    biasRegularizerL2: 3e-4,
  });
  d.weights.data.set(Array.from({ length: 12 }, (_, i) => i / 7 - 0.5));
  d.biases.data.set(Array.from({ length: 4 }, (_, i) => i / 9 - 0.2));
  const { total, float32, terms } = regularizationLoss([d]);
  assert.equal(total, 0.008572006598114967);
  assert.equal(float32, true);
  assert.notEqual(
    total,
    terms.reduce((s, t) => s + t.value, 0),
    'the same terms added in double give other bits',
  );
});
