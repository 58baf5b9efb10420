// What train(), evaluate() and predict() refuse, and the errors they give.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { withCode } from '../../test/assertions.ts';
import { smallModel } from '../../test/model-helpers.ts';
import { spiralData } from '../data/spiral.ts';
import { Linear, Softmax } from '../layers/activations.ts';
import { Dense } from '../layers/dense.ts';
import { CategoricalCrossentropy } from '../losses/categorical-crossentropy.ts';
import { MeanSquaredError } from '../losses/mean-squared-error.ts';
import { CategoricalAccuracy, RegressionAccuracy } from '../metrics/accuracy.ts';
import { Adam } from '../optimizers/adam.ts';
import { SGD } from '../optimizers/sgd.ts';
import { seed } from '../tensor/default-generator.ts';
import { Matrix } from '../tensor/matrix.ts';
import { RandomState } from '../tensor/random.ts';
import { Model } from './model.ts';

describe('bad input', () => {
  const rng = new RandomState(0);
  const { X, y } = spiralData(10, 3, rng);
  const model = smallModel(rng);

  test('unknown train option → UNKNOWN_OPTION; epochs 0, batchSize 0, validationSplit 1 → INVALID_OPTION', () => {
    assert.throws(() => model.train(X, y, { epoch: 3 } as never), withCode('UNKNOWN_OPTION', '"epoch"'));
    assert.throws(() => model.train(X, y, { epochs: 0 }), withCode('INVALID_OPTION', 'epochs'));
    assert.throws(() => model.train(X, y, { batchSize: 0 }), withCode('INVALID_OPTION', 'batchSize'));
    assert.throws(
      () => model.train(X, y, { validationSplit: 1 }),
      withCode('INVALID_OPTION', 'validationSplit'),
    );
    assert.throws(
      () => model.train(X, y, { validationSplit: 0.99 }),
      withCode('INVALID_OPTION', 'leaves 0 for training and 30 for validation'),
    );
    assert.throws(
      () => model.train(X, y, { validationSplit: 1e-17 }),
      withCode('INVALID_OPTION', 'leaves 30 for training and 0 for validation'),
    );
    assert.throws(() => model.train(X, y, { shuffle: 1 } as never), withCode('INVALID_OPTION', 'shuffle'));
    assert.throws(
      () => model.train(X, y, { validationSplit: 0.2, validationData: [X, y] }),
      withCode('INVALID_OPTION', 'both'),
    );
    assert.throws(
      () => model.train(X, y, { earlyStopping: {} }),
      withCode('INVALID_OPTION', 'no validation data'),
    );
    assert.throws(
      () => model.train(X, y, { earlyStopping: { monitor: 'loss', patience: -1 } }),
      withCode('INVALID_OPTION', 'patience'),
    );
    assert.throws(
      () => model.train(X, y, { earlyStopping: { monitor: 'los' } as never }),
      withCode('INVALID_OPTION', 'monitor'),
    );
    assert.throws(
      () => model.train(X, y, { callbacks: [{ onEpochEnd: 1 }] as never }),
      withCode('INVALID_OPTION', 'callbacks[0]'),
    );
    assert.throws(() => model.evaluate(X, y, { batchSize: -1 }), withCode('INVALID_OPTION', 'batchSize'));
    assert.throws(() => model.predict(X, { batch: 2 } as never), withCode('UNKNOWN_OPTION', '"batch"'));
  });

  test('X and y of different row counts, or X of the wrong width → SHAPE_MISMATCH', () => {
    assert.throws(
      () => model.train(X, y.subarray(1)),
      withCode('SHAPE_MISMATCH', 'X has 30 rows but y has 29 labels'),
    );
    const wide = Matrix.zeros(30, 3);
    assert.throws(() => model.train(wide, y), withCode('SHAPE_MISMATCH', 'takes 2 inputs'));
    assert.throws(() => model.predict(wide), withCode('SHAPE_MISMATCH', 'takes 2 inputs'));
  });

  test('NaN in X → NON_FINITE_INPUT naming where', () => {
    const bad = X.clone();
    bad.data[5] = Number.NaN;
    assert.throws(() => model.train(bad, y), withCode('NON_FINITE_INPUT', 'row 2, column 1'));
    assert.throws(() => model.predict(bad), withCode('NON_FINITE_INPUT', 'row 2'));
  });

  test('a label the output layer cannot predict → BAD_LABEL saying so, for training and validation data', () => {
    const labels = Int32Array.from(y);
    labels[4] = 3;
    assert.throws(() => model.train(X, labels), withCode('BAD_LABEL', 'dense2 has 3 outputs (classes 0..2)'));
    assert.throws(
      () => model.train(X, y, { validationData: [X, labels] }),
      withCode('BAD_LABEL', 'validation data: label 3 at index 4'),
    );
    labels[4] = -1;
    assert.throws(() => model.train(X, labels), withCode('BAD_LABEL', 'not a class index'));
  });

  test('training before finalize or before set → BAD_STATE; labels for a regression loss → BAD_DATA', () => {
    const r = new RandomState(0);
    const unfinalized = new Model().add(new Dense(2, 3, { rng: r })).add(new Softmax());
    unfinalized.set({
      loss: new CategoricalCrossentropy(),
      optimizer: new SGD(),
      accuracy: new CategoricalAccuracy(),
    });
    assert.throws(() => unfinalized.train(X, y), withCode('BAD_STATE', 'finalized'));
    const unset = new Model().add(new Dense(2, 3, { rng: r })).finalize();
    assert.throws(() => unset.train(X, y), withCode('BAD_STATE', 'loss, optimizer, accuracy'));
    unset.set({ loss: new CategoricalCrossentropy(), accuracy: new CategoricalAccuracy() });
    assert.throws(() => unset.train(X, y), withCode('BAD_STATE', 'finalized'));
    unset.finalize();
    assert.throws(() => unset.train(X, y), withCode('BAD_STATE', 'optimizer'));
    assert.ok(unset.evaluate(X, y).loss > 0, 'evaluate needs no optimizer');
    const regression = new Model().add(new Dense(2, 1, { rng: r })).add(new Linear());
    regression.set({
      loss: new MeanSquaredError(),
      optimizer: new Adam(),
      accuracy: new RegressionAccuracy(),
    });
    regression.finalize();
    assert.throws(
      () => regression.train(X, y),
      withCode('BAD_DATA', 'meanSquaredError needs targets as a Matrix'),
    );
    assert.throws(
      () => regression.train(X, Matrix.zeros(30, 2)),
      withCode('SHAPE_MISMATCH', 'y has 2 columns'),
    );
  });

  test('shuffle without a model generator draws from the default one (seed), as numpy shuffles', () => {
    const build = (rng?: RandomState): Model => {
      const model = new Model(rng === undefined ? {} : { rng }).add(
        new Dense(2, 3, { rng: new RandomState(0) }),
      );
      model.add(new Softmax()).set({
        loss: new CategoricalCrossentropy(),
        optimizer: new SGD(),
        accuracy: new CategoricalAccuracy(),
      });
      return model.finalize();
    };
    const explicit = build(new RandomState(5));
    const implicit = build();
    seed(5);
    const a = explicit.train(X, y, { shuffle: true, batchSize: 2, epochs: 2 }).toJSON();
    const b = implicit.train(X, y, { shuffle: true, batchSize: 2, epochs: 2 }).toJSON();
    assert.deepEqual(b.loss, a.loss);
    assert.deepEqual(implicit.getParameters(), explicit.getParameters());
  });
});

test('set() with something that is not a loss, optimizer or accuracy → INVALID_OPTION; a typo → UNKNOWN_OPTION', () => {
  const model = new Model();
  assert.throws(() => model.set({ loss: 'mse' } as never), withCode('INVALID_OPTION', 'loss must be a Loss'));
  assert.throws(() => model.set({ optimizer: {} } as never), withCode('INVALID_OPTION', 'optimizer must be'));
  assert.throws(() => model.set({ accuracy: 1 } as never), withCode('INVALID_OPTION', 'accuracy must be'));
  assert.throws(() => model.set({ metric: 1 } as never), withCode('UNKNOWN_OPTION', '"metric"'));
  assert.throws(() => model.add({} as never), withCode('INVALID_OPTION', 'add() takes a layer'));
});
