import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertValues, withCode } from '../../test/assertions.ts';
import { chapter15Model, smallModel } from '../../test/model-helpers.ts';
import { spiralData } from '../data/spiral.ts';
import { Linear, ReLU, Sigmoid, Softmax } from '../layers/activations.ts';
import { Dense } from '../layers/dense.ts';
import { Dropout } from '../layers/dropout.ts';
import { BinaryCrossentropy } from '../losses/binary-crossentropy.ts';
import { CategoricalCrossentropy } from '../losses/categorical-crossentropy.ts';
import { MeanSquaredError } from '../losses/mean-squared-error.ts';
import { Matrix } from '../tensor/matrix.ts';
import { RandomState } from '../tensor/random.ts';
import { chooseLossHead } from './loss-head.ts';
import { Model } from './model.ts';
import type { ModelParameters } from './model-parameters.ts';

describe('finalize', () => {
  test('names the layers as the book numbers them; parameter names follow', () => {
    const model = chapter15Model(new RandomState(0));
    assert.deepEqual(
      model.layers.map((layer) => layer.name),
      ['dense1', 'relu1', 'dropout1', 'dense2', 'softmax1'],
    );
    assert.deepEqual(Object.keys(model.getParameters()), [
      'dense1.weights',
      'dense1.biases',
      'dense2.weights',
      'dense2.biases',
    ]);
    const dense2 = model.layers[3] as Dense;
    assert.equal(dense2.weightParameter.name, 'dense2.weights');
  });

  test('keeps names the user chose, and their parameter names; numbers the rest by kind', () => {
    const rng = new RandomState(0);
    const model = new Model({ rng })
      .add(new Dense(2, 4, { rng, name: 'hidden' }))
      .add(new ReLU())
      .add(new Dense(4, 4, { rng }))
      .add(new ReLU())
      .finalize();
    assert.deepEqual(
      model.layers.map((layer) => layer.name),
      ['hidden', 'relu1', 'dense2', 'relu2'],
    );
    assert.deepEqual(Object.keys(model.getParameters()), [
      'hidden.weights',
      'hidden.biases',
      'dense2.weights',
      'dense2.biases',
    ]);
  });

  test('two layers of one name, or one layer added twice → BAD_STATE', () => {
    const rng = new RandomState(0);
    const twin = new Model()
      .add(new Dense(2, 2, { rng, name: 'a' }))
      .add(new Dense(2, 2, { rng, name: 'a' }));
    assert.throws(() => twin.finalize(), withCode('BAD_STATE', 'two layers are named "a"'));
    const relu = new ReLU();
    assert.throws(() => new Model().add(relu).add(relu).finalize(), withCode('BAD_STATE', 'added twice'));
    assert.throws(() => new Model().finalize(), withCode('BAD_STATE', 'no layers'));
  });

  test('a Dense layer whose inputs do not match the previous one’s outputs → SHAPE_MISMATCH naming both', () => {
    const rng = new RandomState(0);
    const model = new Model()
      .add(new Dense(2, 64, { rng }))
      .add(new ReLU())
      .add(new Dense(32, 3, { rng }));
    assert.throws(
      () => model.finalize(),
      withCode('SHAPE_MISMATCH', 'dense2 takes 32 inputs but dense1 before it gives 64 outputs'),
    );
  });

  test('the fused softmax + cross-entropy backward is chosen exactly for Softmax last with categorical cross-entropy', () => {
    const softmax = [new ReLU(), new Softmax()];
    assert.equal(chooseLossHead(softmax, new CategoricalCrossentropy()).fused, true);
    assert.equal(chooseLossHead(softmax, new CategoricalCrossentropy()).backwardFrom, 0);
    assert.equal(chooseLossHead(softmax, new MeanSquaredError()).fused, false);
    assert.equal(chooseLossHead([new Sigmoid()], new BinaryCrossentropy()).fused, false);
    assert.equal(chooseLossHead([new Softmax(), new Linear()], new CategoricalCrossentropy()).fused, false);
  });
});

describe('summary', () => {
  test('the chapter-15 network, exactly', () => {
    const expected = [
      'Layer     Kind     Output shape  Params  Regularizers        Dropout',
      '--------------------------------------------------------------------',
      'dense1    Dense    (batch, 64)      192  L2w 5e-4, L2b 5e-4',
      'relu1     ReLU     (batch, 64)        0',
      'dropout1  Dropout  (batch, 64)        0                      0.1',
      'dense2    Dense    (batch, 3)       195',
      'softmax1  Softmax  (batch, 3)         0',
      '--------------------------------------------------------------------',
      // 2·64 + 64 and 64·3 + 3
      'Total params: 387',
      'Loss: categoricalCrossentropy (backward fused with softmax1); optimizer: adam (learning rate 0.05, decay 5e-5); accuracy: categorical',
      '',
    ].join('\n');
    assert.equal(chapter15Model(new RandomState(0)).summary(), expected);
  });

  test('every regularizer, L1 before L2, weights before biases; no loss line before set()', () => {
    const rng = new RandomState(0);
    const dense = new Dense(3, 2, {
      rng,
      weightRegularizerL1: 1e-3,
      weightRegularizerL2: 0.05,
      biasRegularizerL1: 2e-5,
      biasRegularizerL2: 0.5,
    });
    const text = new Model().add(dense).finalize().summary();
    assert.ok(
      text.includes('\ndense1  Dense  (batch, 2)         8  L1w 1e-3, L2w 0.05, L1b 2e-5, L2b 0.5\n'),
      text,
    );
    assert.ok(text.endsWith('Total params: 8\n'), text);
  });
});

describe('getParameters / setParameters', () => {
  test('round trip: values out, the model changed, values back in → the same predictions', () => {
    const rng = new RandomState(0);
    const { X, y } = spiralData(20, 3, rng);
    const model = smallModel(rng);
    const saved = JSON.parse(JSON.stringify(model.getParameters()));
    const before = model.predict(X);
    model.train(X, y, { epochs: 3 });
    assert.notDeepEqual(model.predict(X).data, before.data);
    model.setParameters(saved);
    assert.deepEqual(model.predict(X).data, before.data);
    assert.deepEqual(saved['dense1.weights'].shape, [2, 16]);
    assert.deepEqual(saved['dense2.biases'].shape, [1, 3]);
  });

  test('missing or unknown names → BAD_STATE; a wrong shape → SHAPE_MISMATCH; nothing written on error', () => {
    const model = smallModel(new RandomState(0));
    const good = model.getParameters();
    const { 'dense2.biases': _, ...missing } = good;
    assert.throws(() => model.setParameters(missing), withCode('BAD_STATE', 'dense2.biases'));
    assert.throws(
      () => model.setParameters({ ...good, 'dense3.weights': good['dense2.weights'] }),
      withCode('BAD_STATE', 'no parameter "dense3.weights"'),
    );
    const wrong = {
      ...good,
      'dense1.weights': { shape: [16, 2] as [number, number], values: good['dense1.weights'].values },
    };
    assert.throws(() => model.setParameters(wrong), withCode('SHAPE_MISMATCH', 'dense1.weights is 2x16'));
    const short: ModelParameters = {
      ...good,
      'dense1.biases': { shape: [1, 16], values: new Array(16).fill(7) },
      'dense2.biases': { shape: [1, 3], values: [1, 2] },
    };
    assert.throws(() => model.setParameters(short), withCode('SHAPE_MISMATCH', 'dense2.biases'));
    assert.deepEqual(
      model.getParameters(),
      good,
      'the valid dense1.biases before the bad one were not written',
    );
  });
});

describe('describe / fromDescription', () => {
  test('round trip: the same layers, names, settings and bit-identical predictions; the generator is not drawn from', () => {
    const rng = new RandomState(0);
    const { X, y } = spiralData(30, 3, rng);
    const model = chapter15Model(rng);
    model.train(X, y, { epochs: 5 });
    const description = model.describe();
    const fresh = new RandomState(7);
    const rebuilt = Model.fromDescription(description, fresh);
    assert.deepEqual(fresh.getState(), new RandomState(7).getState());
    assert.deepEqual(rebuilt.describe(), description);
    assert.equal(rebuilt.summary(), model.summary());
    assert.deepEqual(rebuilt.predict(X).data, model.predict(X).data);
    assert.deepEqual(rebuilt.evaluate(X, y), model.evaluate(X, y));
    assert.deepEqual(description.optimizer, {
      name: 'adam',
      learningRate: 0.05,
      decay: 5e-5,
      epsilon: 1e-7,
      beta1: 0.9,
      beta2: 0.999,
    });
    assert.equal(description.loss, 'categoricalCrossentropy');
    assert.equal(description.accuracy, 'categorical');
  });

  test('a description without loss and optimizer gives a model that predicts; train → BAD_STATE', () => {
    const rng = new RandomState(0);
    const model = new Model()
      .add(new Dense(2, 3, { rng }))
      .add(new Softmax())
      .finalize();
    const description = model.describe();
    assert.equal(description.loss, null);
    const rebuilt = Model.fromDescription(description, rng);
    const X = Matrix.fromRows([[0.5, -0.25]]);
    assert.deepEqual(rebuilt.predict(X).data, model.predict(X).data);
    assert.throws(
      () => rebuilt.train(X, Int32Array.of(0)),
      withCode('BAD_STATE', 'loss, optimizer, accuracy'),
    );
  });

  test('weights of the wrong length or an unknown kind → errors', () => {
    const rng = new RandomState(0);
    const description = smallModel(rng).describe();
    const dense = description.layers[0];
    if (dense.kind !== 'dense') throw new Error('dense1 first');
    const short = {
      ...description,
      layers: [{ ...dense, weights: new Float32Array(3) }, ...description.layers.slice(1)],
    };
    assert.throws(
      () => Model.fromDescription(short, rng),
      withCode('SHAPE_MISMATCH', 'dense1 has 3 weights'),
    );
    const odd = JSON.parse(JSON.stringify({ ...description, layers: [{ kind: 'conv', name: 'c' }] }));
    assert.throws(() => Model.fromDescription(odd, rng), withCode('BAD_STATE', 'unknown layer kind "conv"'));
  });
});

describe('predict and evaluate', () => {
  test('predict is inference: dropout off, the same outputs in batches or at once, a fresh Matrix', () => {
    const rng = new RandomState(0);
    const { X, y } = spiralData(20, 3, rng);
    const model = smallModel(rng, { dropout: 0.5 });
    model.train(X, y, { epochs: 2 });
    const whole = model.predict(X);
    assert.deepEqual(model.predict(X, { batchSize: 7 }).data, whole.data);
    assert.notEqual(model.predict(X), whole);
    assert.deepEqual(model.predict(X).data, whole.data, 'no dropout mask at inference');
    const evaluation = model.evaluate(X, y);
    // two float32 numbers, added in float32 as numpy adds them
    assert.equal(evaluation.loss, Math.fround(evaluation.dataLoss + evaluation.regularizationLoss));
    const batched = model.evaluate(X, y, { batchSize: 60 });
    assert.deepEqual(batched, evaluation);
    assertValues([model.evaluate(X, y, { batchSize: 7 }).dataLoss], [evaluation.dataLoss], 1e-6);
  });

  test('a Dropout rate, Dense kinds: Model accepts any Layer in order', () => {
    const rng = new RandomState(0);
    const model = new Model({ rng })
      .add(new Dense(2, 2, { rng }))
      .add(new Dropout(0.2, { rng }))
      .finalize();
    assert.equal(model.predict(Matrix.fromRows([[1, 2]])).cols, 2);
  });
});
