import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { withCode } from '../../test/assertions.ts';
import { spiralData } from '../data/spiral.ts';
import type { ScratchnetError } from '../errors/scratchnet-error.ts';
import { gradientCheck } from '../gradcheck/gradient-check.ts';
import { Dense } from '../layers/dense.ts';
import { Dropout } from '../layers/dropout.ts';
import { SoftmaxCategoricalCrossentropy } from '../losses/softmax-crossentropy.ts';
import { Adam } from '../optimizers/adam.ts';
import { RandomState } from '../tensor/random.ts';
import { buildNetwork, type NetworkSpec } from './build-network.ts';
import type { Model } from './model.ts';

const SMALL: NetworkSpec = { inputs: 2, hidden: [4, 3], outputs: 3 };

function denseLayers(model: Model): Dense[] {
  return model.layers.filter((layer) => layer instanceof Dense);
}

function penalties(model: Model): number[][] {
  return denseLayers(model).map((d) => [
    d.weightRegularizerL1,
    d.weightRegularizerL2,
    d.biasRegularizerL1,
    d.biasRegularizerL2,
  ]);
}

describe('buildNetwork: the layers', () => {
  test("the book's shape, named as finalize() names it", () => {
    const model = buildNetwork({ ...SMALL, dropout: 0.1 }, new RandomState(0));
    assert.deepEqual(
      model.layers.map((layer) => layer.name),
      ['dense1', 'relu1', 'dropout1', 'dense2', 'relu2', 'dropout2', 'dense3', 'softmax1'],
    );
    const regression = buildNetwork(
      { ...SMALL, hidden: [4], task: 'regression', activation: 'sigmoid' },
      new RandomState(0),
    );
    assert.deepEqual(
      regression.layers.map((layer) => layer.name),
      ['dense1', 'sigmoid1', 'dense2', 'linear1'],
    );
    assert.deepEqual(regression.describe().loss, 'meanSquaredError');
    assert.deepEqual(regression.describe().accuracy, 'regression');
  });

  test('the Dense layers draw their weights from rng in forward order, as hand-built layers do', () => {
    const rng = new RandomState(7);
    const built = buildNetwork({ ...SMALL, dropout: 0.5 }, rng);
    const hand = new RandomState(7);
    const expected = [
      new Dense(2, 4, { rng: hand }),
      new Dense(4, 3, { rng: hand }),
      new Dense(3, 3, { rng: hand }),
    ];
    assert.deepEqual(
      denseLayers(built).map((d) => d.weights.data),
      expected.map((d) => d.weights.data),
    );
    assert.equal(rng.random(), hand.random(), 'building draws nothing else');
  });

  test('one penalty applies to every hidden layer (the output layer stays unregularized); a list to each', () => {
    const model = buildNetwork(
      { ...SMALL, l1w: 1e-3, l2w: [2e-3], l1b: [1, 2, 3], l2b: 0 },
      new RandomState(0),
    );
    assert.deepEqual(penalties(model), [
      [1e-3, 2e-3, 1, 0],
      [1e-3, 2e-3, 2, 0],
      [0, 0, 3, 0],
    ]);
  });

  test('dropout: one rate for all hidden layers or one each; 0 adds no layer', () => {
    const rates = (spec: Partial<NetworkSpec>) =>
      buildNetwork({ ...SMALL, ...spec }, new RandomState(0))
        .layers.filter((layer) => layer instanceof Dropout)
        .map((layer) => layer.rate);
    assert.deepEqual(rates({}), []);
    assert.deepEqual(rates({ dropout: [0.2] }), [0.2, 0.2]);
    assert.deepEqual(rates({ dropout: [0, 0.3] }), [0.3]);
  });

  test('float64 parameters on request, for gradient checks', () => {
    const model = buildNetwork({ ...SMALL, dtype: 'float64' }, new RandomState(0));
    assert.deepEqual(
      denseLayers(model).map((d) => d.weights.dtype),
      ['float64', 'float64', 'float64'],
    );
  });
});

describe('buildNetwork: the optimizer', () => {
  test('named, with its options; omitted ones are the optimizer’s own defaults', () => {
    const described = (spec: Partial<NetworkSpec>) =>
      buildNetwork({ ...SMALL, ...spec }, new RandomState(0)).describe().optimizer;
    const adam = new Adam();
    assert.deepEqual(described({}), {
      name: 'adam',
      learningRate: adam.learningRate,
      decay: adam.decay,
      epsilon: adam.epsilon,
      beta1: adam.beta1,
      beta2: adam.beta2,
    });
    assert.deepEqual(described({ optimizer: 'sgd', learningRate: 0.5, decay: 1e-3, momentum: 0.9 }), {
      name: 'sgd',
      learningRate: 0.5,
      decay: 1e-3,
      momentum: 0.9,
    });
    assert.equal(described({ optimizer: 'rmsprop', learningRate: 0.02 })?.learningRate, 0.02);
    assert.equal(
      described({ optimizer: 'adagrad', momentum: 0.9 })?.name,
      'adagrad',
      'momentum is SGD’s alone',
    );
  });
});

describe('buildNetwork refuses a bad spec before drawing any weight', () => {
  const cases: [
    string,
    Partial<NetworkSpec> & { [key: string]: unknown },
    [ScratchnetError['code'], string],
  ][] = [
    [
      'a penalty list of the wrong length',
      { l2w: [1, 2] },
      ['INVALID_OPTION', 'l2w has 2 values but the network has 3 Dense layers'],
    ],
    [
      'a dropout list of the wrong length',
      { dropout: [0.1, 0.1, 0.1] },
      ['INVALID_OPTION', 'dropout has 3 values but the network has 2 hidden layers'],
    ],
    ['a dropout rate of 1', { dropout: 1 }, ['INVALID_OPTION', 'dropout rate must be in [0, 1)']],
    [
      'an unknown optimizer',
      { optimizer: 'lbfgs' as 'adam' },
      ['INVALID_OPTION', 'optimizer must be one of sgd'],
    ],
    [
      'an unknown activation',
      { activation: 'selu' as 'relu' },
      ['INVALID_OPTION', 'activation must be one of relu, sigmoid, tanh, leaky_relu'],
    ],
    [
      'an unknown task',
      { task: 'ranking' as 'regression' },
      ['INVALID_OPTION', 'task must be one of classification'],
    ],
    [
      'a hidden layer of no neurons',
      { hidden: [4, 0] },
      ['INVALID_OPTION', 'hidden[1] must be an integer >= 1'],
    ],
    ['a misspelt field', { dropuot: 0.1 }, ['UNKNOWN_OPTION', 'buildNetwork has no option "dropuot"']],
  ];
  for (const [name, spec, [code, message]] of cases) {
    test(name, () => {
      const rng = new RandomState(0);
      assert.throws(() => buildNetwork({ ...SMALL, ...spec }, rng), withCode(code, message));
      assert.equal(rng.random(), new RandomState(0).random(), 'the generator was not drawn from');
    });
  }
});

test('a float64 network, trained a few steps with Model.train, passes the gradient check', () => {
  const rng = new RandomState(0);
  const data = spiralData(10, 3, rng);
  const X = data.X.clone('float64');
  const model = buildNetwork(
    {
      ...SMALL,
      hidden: [8],
      l1w: 1e-3,
      l2w: 5e-4,
      l1b: 1e-3,
      dropout: 0.2,
      learningRate: 0.02,
      dtype: 'float64',
    },
    rng,
  );
  model.train(X, data.y, { epochs: 20 });
  const result = gradientCheck({
    layers: model.layers.slice(0, -1),
    loss: new SoftmaxCategoricalCrossentropy(),
    inputs: X,
    targets: data.y,
  });
  assert.equal(result.comparisons.length, 5);
  assert.ok(result.maxRelativeError < 1e-6, `relative error ${result.maxRelativeError}`);
});
