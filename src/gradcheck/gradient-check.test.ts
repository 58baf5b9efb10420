import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LeakyReLU, Linear, ReLU, Sigmoid, Softmax, Tanh } from '../layers/activations.ts';
import { Dense, type DenseOptions } from '../layers/dense.ts';
import { Dropout } from '../layers/dropout.ts';
import type { Layer } from '../layers/layer.ts';
import { BinaryCrossentropy } from '../losses/binary-crossentropy.ts';
import { CategoricalCrossentropy } from '../losses/categorical-crossentropy.ts';
import { MeanAbsoluteError } from '../losses/mean-absolute-error.ts';
import { MeanSquaredError } from '../losses/mean-squared-error.ts';
import { SoftmaxCategoricalCrossentropy } from '../losses/softmax-crossentropy.ts';
import { Matrix } from '../tensor/matrix.ts';
import { RandomState } from '../tensor/random.ts';
import { gradientCheck } from './gradient-check.ts';

const TOLERANCE = 1e-6;

/** A float64 matrix of gaussians scaled by `scale`, kept at least `gap` away from zero (away from kinks). */
function gaussianMatrix(rng: RandomState, rows: number, cols: number, scale = 1, gap = 0.05): Matrix {
  const m = Matrix.zeros(rows, cols, 'float64');
  const g = rng.randn(rows * cols);
  for (let i = 0; i < g.length; i++) {
    const v = g[i] * scale;
    m.data[i] = Math.abs(v) < gap ? Math.sign(v || 1) * gap : v;
  }
  return m;
}

/** A float64 Dense with non-zero weights and biases, so L1's kink at zero is never straddled. */
function dense(rng: RandomState, nIn: number, nOut: number, options: Partial<DenseOptions> = {}): Dense {
  const layer = new Dense(nIn, nOut, { rng, dtype: 'float64', weightScale: 0.5, ...options });
  layer.weights.data.set(gaussianMatrix(rng, nIn, nOut, 0.5).data);
  layer.biases.data.set(gaussianMatrix(rng, 1, nOut, 0.5).data);
  return layer;
}

function labels(rng: RandomState, n: number, classes: number): Int32Array {
  return Int32Array.from(rng.randint(0, classes, n));
}

function assertChecks(result: ReturnType<typeof gradientCheck>): void {
  for (const c of result.comparisons) {
    assert.ok(c.relativeError < TOLERANCE, `${c.name}: relative error ${c.relativeError} >= ${TOLERANCE}`);
  }
  assert.equal(result.dtype, 'float64');
}

describe('gradient check: Dense regularizers, each on and off', () => {
  const cases: [string, Partial<DenseOptions>][] = [
    ['no regularizer', {}],
    ['weight L1', { weightRegularizerL1: 0.01 }],
    ['weight L2', { weightRegularizerL2: 0.01 }],
    ['bias L1', { biasRegularizerL1: 0.01 }],
    ['bias L2', { biasRegularizerL2: 0.01 }],
    [
      'all four',
      {
        weightRegularizerL1: 0.003,
        weightRegularizerL2: 0.02,
        biasRegularizerL1: 0.005,
        biasRegularizerL2: 0.04,
      },
    ],
  ];
  for (const [name, regularizers] of cases) {
    test(name, () => {
      const rng = new RandomState(11);
      const layer = dense(rng, 3, 4, regularizers);
      const inputs = gaussianMatrix(rng, 5, 3);
      const targets = gaussianMatrix(rng, 5, 4);
      assertChecks(gradientCheck({ layers: [layer], loss: new MeanSquaredError(), inputs, targets }));
    });
  }
});

describe('gradient check: activations', () => {
  const activations: [string, () => Layer][] = [
    ['ReLU', () => new ReLU()],
    ['Sigmoid', () => new Sigmoid()],
    ['Linear', () => new Linear()],
    ['Softmax', () => new Softmax()],
    ['Tanh', () => new Tanh()],
    ['LeakyReLU (α 0.01)', () => new LeakyReLU()],
    ['LeakyReLU (α 0.3)', () => new LeakyReLU({ alpha: 0.3 })],
  ];
  for (const [name, make] of activations) {
    test(name, () => {
      const rng = new RandomState(5);
      const inputs = gaussianMatrix(rng, 6, 3);
      const layers = [dense(rng, 3, 4), make()];
      const targets = gaussianMatrix(rng, 6, 4);
      assertChecks(gradientCheck({ layers, loss: new MeanSquaredError(), inputs, targets }));
    });
  }
});

describe('gradient check: losses', () => {
  test('categorical cross-entropy, sparse labels (after Softmax)', () => {
    const rng = new RandomState(1);
    const inputs = gaussianMatrix(rng, 7, 2);
    const layers = [dense(rng, 2, 3), new Softmax()];
    assertChecks(
      gradientCheck({ layers, loss: new CategoricalCrossentropy(), inputs, targets: labels(rng, 7, 3) }),
    );
  });

  test('categorical cross-entropy, one-hot targets (after Softmax)', () => {
    const rng = new RandomState(2);
    const inputs = gaussianMatrix(rng, 4, 2);
    const layers = [dense(rng, 2, 3), new Softmax()];
    const oneHot = Matrix.fromRows(
      [
        [1, 0, 0],
        [0, 0, 1],
        [0, 1, 0],
        [0, 0, 1],
      ],
      'float64',
    );
    assertChecks(gradientCheck({ layers, loss: new CategoricalCrossentropy(), inputs, targets: oneHot }));
  });

  test('binary cross-entropy (after Sigmoid), two outputs per sample', () => {
    const rng = new RandomState(3);
    const inputs = gaussianMatrix(rng, 6, 3);
    const layers = [dense(rng, 3, 2), new Sigmoid()];
    const targets = Matrix.fromRows(
      [
        [1, 0],
        [0, 0],
        [1, 1],
        [0, 1],
        [1, 0],
        [0, 0],
      ],
      'float64',
    );
    assertChecks(gradientCheck({ layers, loss: new BinaryCrossentropy(), inputs, targets }));
  });

  test('mean squared error', () => {
    const rng = new RandomState(4);
    const inputs = gaussianMatrix(rng, 6, 1);
    const layers = [dense(rng, 1, 3), new ReLU(), dense(rng, 3, 2), new Linear()];
    assertChecks(
      gradientCheck({ layers, loss: new MeanSquaredError(), inputs, targets: gaussianMatrix(rng, 6, 2) }),
    );
  });

  test('mean absolute error (targets far from predictions: away from its kink)', () => {
    const rng = new RandomState(6);
    const inputs = gaussianMatrix(rng, 6, 2);
    const layers = [dense(rng, 2, 2), new Linear()];
    const targets = gaussianMatrix(rng, 6, 2, 10, 5);
    assertChecks(gradientCheck({ layers, loss: new MeanAbsoluteError(), inputs, targets }));
  });

  test('fused softmax + cross-entropy', () => {
    const rng = new RandomState(7);
    const inputs = gaussianMatrix(rng, 8, 2);
    const layers = [
      dense(rng, 2, 5, { weightRegularizerL2: 0.01, biasRegularizerL2: 0.01 }),
      new ReLU(),
      dense(rng, 5, 3),
    ];
    const loss = new SoftmaxCategoricalCrossentropy();
    assertChecks(gradientCheck({ layers, loss, inputs, targets: labels(rng, 8, 3) }));
  });
});

test('the fused backward equals Softmax.backward after CategoricalCrossentropy.backward', () => {
  const rng = new RandomState(8);
  const logits = gaussianMatrix(rng, 9, 4);
  const y = labels(rng, 9, 4);
  const fused = new SoftmaxCategoricalCrossentropy();
  fused.forward(logits, y);
  const dFused = fused.backward(fused.output, y);

  const softmax = new Softmax();
  const cce = new CategoricalCrossentropy();
  const probabilities = softmax.forward(logits);
  const dUnfused = softmax.backward(cce.backward(probabilities, y));
  for (let i = 0; i < dFused.data.length; i++) {
    assert.ok(
      Math.abs(dFused.data[i] - dUnfused.data[i]) < 1e-12,
      `element ${i}: ${dFused.data[i]} vs ${dUnfused.data[i]}`,
    );
  }
});

test('dropout with a frozen mask', () => {
  const rng = new RandomState(9);
  const inputs = gaussianMatrix(rng, 10, 3);
  const dropout = new Dropout(0.3, { rng });
  const layers = [dense(rng, 3, 6), new ReLU(), dropout, dense(rng, 6, 2)];
  const result = gradientCheck({
    layers,
    loss: new SoftmaxCategoricalCrossentropy(),
    inputs,
    targets: labels(rng, 10, 2),
  });
  assertChecks(result);
  assert.ok(dropout.mask.includes(0) && dropout.mask.includes(1), 'the mask both dropped and kept units');
});

describe('the checker catches the bugs of the notes this project started from', () => {
  /** seeds/002: the bias L2 gradient computed from the weights (2λ·w instead of 2λ·b). */
  class BiasL2FromWeights extends Dense {
    override backward(dOutput: Matrix): Matrix {
      const result = super.backward(dOutput);
      const lambda = this.biasRegularizerL2;
      for (let j = 0; j < this.nNeurons; j++) {
        this.dBiases.data[j] += 2 * lambda * (this.weights.data[j] - this.biases.data[j]);
      }
      return result;
    }
  }

  test('bias L2 gradient from the weights: large relative error on the biases only', () => {
    const rng = new RandomState(12);
    const inputs = gaussianMatrix(rng, 5, 3);
    const layer = new BiasL2FromWeights(3, 4, { rng, dtype: 'float64', biasRegularizerL2: 0.5 });
    layer.weights.data.set(gaussianMatrix(rng, 3, 4).data);
    layer.biases.data.set(gaussianMatrix(rng, 1, 4).data);
    const result = gradientCheck({
      layers: [layer],
      loss: new MeanSquaredError(),
      inputs,
      targets: gaussianMatrix(rng, 5, 4),
    });
    const byName = Object.fromEntries(result.comparisons.map((c) => [c.name, c.relativeError]));
    assert.ok(byName['dense.biases'] > 1e-2, `bias error ${byName['dense.biases']}`);
    assert.ok(byName['dense.weights'] < TOLERANCE);
  });

  test('a penalty counted in the loss but missing from the gradient is caught', () => {
    class PenaltyWithoutGradient extends Dense {
      override backward(dOutput: Matrix): Matrix {
        const result = super.backward(dOutput);
        // undo the L2 bias gradient: the loss still counts the penalty, the gradient forgets it
        for (let j = 0; j < this.nNeurons; j++)
          this.dBiases.data[j] -= 2 * this.biasRegularizerL2 * this.biases.data[j];
        return result;
      }
    }
    const rng = new RandomState(13);
    const layer = new PenaltyWithoutGradient(2, 3, { rng, dtype: 'float64', biasRegularizerL2: 0.5 });
    layer.weights.data.set(gaussianMatrix(rng, 2, 3).data);
    layer.biases.data.set(gaussianMatrix(rng, 1, 3).data);
    const result = gradientCheck({
      layers: [layer],
      loss: new MeanSquaredError(),
      inputs: gaussianMatrix(rng, 4, 2),
      targets: gaussianMatrix(rng, 4, 3),
    });
    assert.ok(result.maxRelativeError > 1e-2);
  });
});

test('an element whose ±ε passes move a ReLU input across 0 is left out, not failed', () => {
  const rng = new RandomState(15);
  const layer = dense(rng, 1, 2);
  // input 1 and bias −w + 3e-6: the first unit's pre-activation is 3e-6, within ε = 1e-5 of the kink
  layer.weights.data[0] = 0.5;
  layer.biases.data[0] = -0.5 + 3e-6;
  const inputs = Matrix.fromRows([[1], [2]], 'float64');
  const result = gradientCheck({
    layers: [layer, new ReLU()],
    loss: new MeanSquaredError(),
    inputs,
    targets: gaussianMatrix(rng, 2, 2),
  });
  const byName = Object.fromEntries(result.comparisons.map((c) => [c.name, c]));
  assert.equal(byName['dense.biases'].skipped, 1);
  assert.equal(byName['dense.weights'].skipped, 1);
  assertChecks(result);
});

describe('gradient check: the pass test has an absolute floor', () => {
  // the chapter-14 network made three hidden layers deep (`gradcheck --hidden 32,32,32`): its input
  // gradients are ~1e-9, so float64 central differences, off by ~1e-11 of their own, gave a relative
  // error of 1e-2 and "7 gradient(s) disagree" on a correct network
  function deepNetwork(): { layers: Layer[]; inputs: Matrix; targets: Int32Array } {
    const rng = new RandomState(0);
    const sizes = [2, 32, 32, 32, 3];
    const layers: Layer[] = [];
    for (let i = 0; i < sizes.length - 1; i++) {
      layers.push(new Dense(sizes[i], sizes[i + 1], { rng, dtype: 'float64' }));
      if (i < sizes.length - 2) layers.push(new ReLU());
    }
    return { layers, inputs: gaussianMatrix(rng, 30, 2), targets: labels(rng, 30, 3) };
  }

  test('a correct deep network agrees, though its tiny gradients miss a relative test', () => {
    const { layers, inputs, targets } = deepNetwork();
    const result = gradientCheck({ layers, loss: new SoftmaxCategoricalCrossentropy(), inputs, targets });
    assert.ok(result.maxRelativeError > 1e-6, `max relative error ${result.maxRelativeError}`);
    assert.equal(result.agrees, true);
    for (const c of result.comparisons) assert.equal(c.disagreeing, 0, c.name);
  });

  test('a gradient off by 1e-6 in one element still fails', () => {
    const { layers, inputs, targets } = deepNetwork();
    const last = layers[layers.length - 1] as Dense;
    const backward = last.backward.bind(last);
    last.backward = (d: Matrix) => {
      const out = backward(d);
      last.dWeights.data[5] += 1e-6;
      return out;
    };
    const result = gradientCheck({ layers, loss: new SoftmaxCategoricalCrossentropy(), inputs, targets });
    assert.equal(result.agrees, false);
    // exactly the one element: the output layer's weights, the 7th of 9 comparisons
    assert.deepEqual(
      result.comparisons.map((c) => c.disagreeing),
      [0, 0, 0, 0, 0, 0, 1, 0, 0],
    );
  });
});
