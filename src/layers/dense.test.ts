import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertValues, withCode } from '../../test/assertions.ts';
import { MeanSquaredError } from '../losses/mean-squared-error.ts';
import { type DType, Matrix } from '../tensor/matrix.ts';
import { RandomState } from '../tensor/random.ts';
import { Dense, type DenseOptions } from './dense.ts';
import { regularizationLoss } from './regularization-loss.ts';

const f32 = Math.fround;

// A 2 → 3 layer with hand-set, binary-exact values, so float32 and float64 give the same exact results
const WEIGHTS = [
  [0.5, -1, 2],
  [0.25, 0, -0.5],
];
const BIASES = [1, -2, 0.5];
const INPUTS = [
  [1, 2],
  [3, -1],
];
const D_OUTPUT = [
  [1, 0, -1],
  [2, 1, 0],
];

function handSet(options: Partial<DenseOptions> = {}, dtype: DType = 'float64'): Dense {
  const dense = new Dense(2, 3, { rng: new RandomState(0), dtype, ...options });
  dense.weights.data.set(WEIGHTS.flat());
  dense.biases.data.set(BIASES);
  return dense;
}

describe('Dense forward and backward by hand', () => {
  for (const dtype of ['float32', 'float64'] as const) {
    test(`forward: inputs · weights + biases (${dtype})`, () => {
      const out = handSet({}, dtype).forward(Matrix.fromRows(INPUTS, dtype));
      // row 0: [1·0.5 + 2·0.25, 1·(−1) + 2·0, 1·2 + 2·(−0.5)] + b = [1, −1, 1] + [1, −2, 0.5]
      // row 1: [3·0.5 − 0.25, −3 + 0, 6 + 0.5] + b = [1.25, −3, 6.5] + [1, −2, 0.5]
      assert.deepEqual(out.toRows(), [
        [2, -3, 1.5],
        [2.25, -5, 7],
      ]);
    });

    test(`backward: dWeights = inputsᵀ·dOutput, dBiases = column sums, dInputs = dOutput·weightsᵀ (${dtype})`, () => {
      const dense = handSet({}, dtype);
      dense.forward(Matrix.fromRows(INPUTS, dtype));
      const dInputs = dense.backward(Matrix.fromRows(D_OUTPUT, dtype));
      // inputsᵀ = [[1, 3], [2, −1]]: [1·1 + 3·2, 1·0 + 3·1, 1·(−1) + 3·0] and [2·1 − 1·2, 2·0 − 1·1, 2·(−1) − 0]
      assert.deepEqual(dense.dWeights.toRows(), [
        [7, 3, -1],
        [0, -1, -2],
      ]);
      assert.deepEqual(dense.dBiases.toRows(), [[1 + 2, 0 + 1, -1 + 0]]);
      // [1·0.5 + 0·(−1) − 1·2, 1·0.25 + 0 − 1·(−0.5)] and [2·0.5 + 1·(−1) + 0, 2·0.25 + 0 + 0]
      assert.deepEqual(dInputs.toRows(), [
        [-1.5, 0.75],
        [0, 0.5],
      ]);
      assert.equal(dense.dInputs, dInputs);
    });
  }

  test('backward adds every regularizer gradient: l1·sign(p) + 2·l2·p, on weights and biases', () => {
    const dense = handSet({
      weightRegularizerL1: 0.5,
      weightRegularizerL2: 0.25,
      biasRegularizerL1: 0.125,
      biasRegularizerL2: 1,
    });
    dense.forward(Matrix.fromRows(INPUTS, 'float64'));
    dense.backward(Matrix.fromRows(D_OUTPUT, 'float64'));
    const weightTerm = (w: number) => 0.5 * (w < 0 ? -1 : 1) + 2 * 0.25 * w; // sign(0) = +1
    assertValues(
      dense.dWeights.data,
      [7, 3, -1, 0, -1, -2].map((g, i) => g + weightTerm(WEIGHTS.flat()[i])),
    );
    // biases [1, −2, 0.5]: 0.125·sign(b) + 2·1·b
    assertValues(dense.dBiases.data, [3 + 0.125 + 2, 1 - 0.125 - 4, -1 + 0.125 + 1]);
  });
});

describe('regressions from the source notes', () => {
  test('seeds/000 stored the bias L2 lambda under the L1 name: biasRegularizerL2 alone sets l2 only', () => {
    const dense = handSet({ biasRegularizerL2: 0.5 });
    assert.equal(dense.biasRegularizerL2, 0.5);
    assert.equal(dense.biasRegularizerL1, 0);
    assert.equal(dense.biasParameter.regularizer?.l2, 0.5);
    assert.equal(dense.biasParameter.regularizer?.l1, 0);
    assert.equal(dense.weightParameter.regularizer, null);
    dense.forward(Matrix.fromRows(INPUTS, 'float64'));
    dense.backward(Matrix.fromRows(D_OUTPUT, 'float64'));
    // dBiases = column sums + 2·0.5·b
    assertValues(dense.dBiases.data, [3 + 2 * 0.5 * 1, 1 + 2 * 0.5 * -2, -1 + 2 * 0.5 * 0.5]);
    assertValues(dense.dWeights.data, [7, 3, -1, 0, -1, -2]); // untouched
    // penalty λ·Σb² = 0.5·(1 + 4 + 0.25)
    assert.equal(regularizationLoss([dense]).total, 0.5 * (1 + 4 + 0.25));
    assert.equal(new MeanSquaredError().regularizationLoss(dense), 0.5 * (1 + 4 + 0.25));
  });

  test('seeds/002 computed the bias L2 gradient from the weights: it is 2λ·biases', () => {
    const dense = handSet({ biasRegularizerL2: 0.25 });
    dense.forward(Matrix.fromRows(INPUTS, 'float64'));
    dense.backward(Matrix.fromRows(D_OUTPUT, 'float64'));
    const fromBiases = [3, 1, -1].map((g, j) => g + 2 * 0.25 * BIASES[j]);
    const fromWeights = [3, 1, -1].map((g, j) => g + 2 * 0.25 * WEIGHTS[0][j]);
    assertValues(dense.dBiases.data, fromBiases);
    assert.notDeepEqual(fromBiases, fromWeights); // weights ≠ biases, so the bug would show
  });
});

describe('initial parameters', () => {
  test('weights = f32(f32(0.01)·f32(randn)), drawn row-major; biases zero; the generator advanced by n draws', () => {
    const rng = new RandomState(7);
    const dense = new Dense(3, 4, { rng });
    const gaussians = new RandomState(7).randn(3 * 4 + 1);
    assertValues(
      dense.weights.data,
      Array.from(gaussians.subarray(0, 12), (g) => f32(f32(0.01) * f32(g))),
    );
    assert.equal(dense.weights.get(1, 0), f32(f32(0.01) * f32(gaussians[4])));
    assertValues(dense.biases.data, [0, 0, 0, 0]);
    assert.equal(rng.randn(1)[0], gaussians[12]);
  });

  test("seed 0: the book's first weight is 0.01 · 1.764052345967664 in float32", () => {
    const dense = new Dense(2, 3, { rng: new RandomState(0) });
    assert.equal(dense.weights.data[0], f32(f32(0.01) * f32(1.764052345967664)));
  });

  test('float64 layers keep 0.01·randn in double; weightScale scales', () => {
    const g = new RandomState(3).randn(2);
    assertValues(new Dense(1, 2, { rng: new RandomState(3), dtype: 'float64' }).weights.data, [
      0.01 * g[0],
      0.01 * g[1],
    ]);
    assertValues(
      new Dense(1, 2, { rng: new RandomState(3), dtype: 'float64', weightScale: 0.5 }).weights.data,
      [0.5 * g[0], 0.5 * g[1]],
    );
  });
});

describe('hot loops allocate nothing', () => {
  test('the same batch size reuses output and dInputs; another batch size gets new buffers', () => {
    const dense = new Dense(2, 3, { rng: new RandomState(1) });
    const out1 = dense.forward(Matrix.fromRows(INPUTS));
    const out2 = dense.forward(Matrix.fromRows(D_OUTPUT.map((r) => r.slice(0, 2))));
    assert.equal(out2, out1);
    const d1 = dense.backward(Matrix.fromRows(D_OUTPUT));
    const dWeights = dense.dWeights;
    const d2 = dense.backward(Matrix.fromRows(D_OUTPUT));
    assert.equal(d2, d1);
    assert.equal(dense.dWeights, dWeights);
    const out3 = dense.forward(Matrix.fromRows([[1, 2]]));
    assert.notEqual(out3, out1);
    assert.notEqual(dense.backward(Matrix.fromRows([[1, 1, 1]])), d1);
  });
});

describe('Dense errors', () => {
  const rng = new RandomState(0);
  test('inputs with the wrong number of columns → SHAPE_MISMATCH naming both', () => {
    assert.throws(
      () => new Dense(2, 3, { rng }).forward(Matrix.zeros(4, 5)),
      withCode('SHAPE_MISMATCH', '2 columns, got a 4x5'),
    );
  });
  test('a gradient of the wrong shape → SHAPE_MISMATCH; backward before forward → BAD_STATE', () => {
    const dense = new Dense(2, 3, { rng });
    assert.throws(() => dense.backward(Matrix.zeros(1, 3)), withCode('BAD_STATE', 'before forward'));
    dense.forward(Matrix.zeros(4, 2));
    assert.throws(() => dense.backward(Matrix.zeros(4, 2)), withCode('SHAPE_MISMATCH', 'got 4x2'));
  });
  test('a misspelt option → UNKNOWN_OPTION naming it', () => {
    const options = { rng, weightRegulariserL2: 5e-4 };
    assert.throws(() => new Dense(2, 3, options), withCode('UNKNOWN_OPTION', '"weightRegulariserL2"'));
  });
  test('negative or NaN lambdas → INVALID_OPTION naming the value', () => {
    assert.throws(
      () => new Dense(2, 3, { rng, weightRegularizerL2: -5e-4 }),
      withCode('INVALID_OPTION', '-0.0005'),
    );
    assert.throws(
      () => new Dense(2, 3, { rng, biasRegularizerL1: Number.NaN }),
      withCode('INVALID_OPTION', 'biasRegularizer L1'),
    );
  });
  test('nInputs 0 or 2.5, nNeurons −1 → INVALID_OPTION', () => {
    assert.throws(
      () => new Dense(0, 3, { rng }),
      withCode('INVALID_OPTION', 'Dense nInputs must be an integer >= 1, got 0'),
    );
    assert.throws(() => new Dense(2.5, 3, { rng }), withCode('INVALID_OPTION', 'got 2.5'));
    assert.throws(() => new Dense(2, -1, { rng }), withCode('INVALID_OPTION', 'Dense nNeurons'));
  });
  test('an rng that is not a generator → INVALID_OPTION (no rng at all takes the default one)', () => {
    // @ts-expect-error: a JavaScript caller can pass anything as rng
    assert.throws(() => new Dense(2, 3, { rng: 0 }), withCode('INVALID_OPTION', 'seeded generator'));
  });
});

describe('backwardParameters (the first layer of a network)', () => {
  test('gives the parameter gradients of backward, bit for bit, and leaves dInputs unset', () => {
    const make = () => {
      const layer = new Dense(5, 4, {
        rng: new RandomState(3),
        weightRegularizerL1: 1e-3,
        weightRegularizerL2: 5e-4,
        biasRegularizerL1: 2e-3,
        biasRegularizerL2: 5e-4,
      });
      const inputs = Matrix.zeros(6, 5);
      inputs.data.set(new RandomState(4).randn(inputs.data.length));
      layer.forward(inputs);
      return layer;
    };
    const dOutput = Matrix.zeros(6, 4);
    for (let i = 0; i < dOutput.data.length; i++) dOutput.data[i] = Math.sin(i) / 3;
    const full = make();
    full.backward(dOutput);
    const partial = make();
    partial.backward(dOutput); // a full backward first: its dInputs must not survive as a stale value
    partial.backwardParameters(dOutput);
    assert.deepEqual([...partial.dWeights.data], [...full.dWeights.data]);
    assert.deepEqual([...partial.dBiases.data], [...full.dBiases.data]);
    assert.throws(() => partial.dInputs, withCode('BAD_STATE'));
    // a later full backward computes dInputs again
    partial.backward(dOutput);
    assert.deepEqual([...partial.dInputs.data], [...full.dInputs.data]);
  });
});
