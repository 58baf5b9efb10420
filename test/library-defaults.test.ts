// The library used as a newcomer uses it: no `{ rng }` anywhere (the default generator, seeded like
// nnfs.init()) and plain arrays in and out. Both must give the numbers of the explicit form exactly.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  Adam,
  CategoricalAccuracy,
  CategoricalCrossentropy,
  Dense,
  Dropout,
  defaultGenerator,
  Model,
  RandomState,
  ReLU,
  Softmax,
  seed,
  setDefaultGenerator,
  spiralData,
} from 'scratchnet';
import { withCode } from './assertions.ts';
import { allValues, chapter15Model } from './model-helpers.ts';

/** The chapter-15 network written without a single rng. */
function chapter15WithDefaults(): Model {
  const model = new Model();
  model.add(new Dense(2, 64, { weightRegularizerL2: 5e-4, biasRegularizerL2: 5e-4 }));
  model.add(new ReLU());
  model.add(new Dropout(0.1));
  model.add(new Dense(64, 3));
  model.add(new Softmax());
  model.set({
    loss: new CategoricalCrossentropy(),
    optimizer: new Adam({ learningRate: 0.05, decay: 5e-5 }),
    accuracy: new CategoricalAccuracy(),
  });
  return model.finalize();
}

test('seed(0) and no rng give the bits of an explicit RandomState(0): data, weights, masks, training', () => {
  const rng = new RandomState(0);
  const explicitData = spiralData(100, 3, rng);
  const explicit = chapter15Model(rng);
  explicit.train(explicitData.X, explicitData.y, { epochs: 20 });

  seed(0);
  const data = spiralData(100, 3);
  const implicit = chapter15WithDefaults();
  implicit.train(data.X, data.y, { epochs: 20 });

  assert.deepEqual(data.X.data, explicitData.X.data);
  assert.deepEqual(allValues(implicit), allValues(explicit));
});

test('the default generator starts seeded with 0, as nnfs.init() seeds numpy', () => {
  setDefaultGenerator(new RandomState(0));
  const first = defaultGenerator().random();
  assert.equal(first, new RandomState(0).random());
  assert.equal(seed(0).random(), first);
});

test('an explicit { rng } takes precedence over the default generator', () => {
  seed(123);
  const a = new Dense(3, 4, { rng: new RandomState(0) });
  const b = new Dense(3, 4, { rng: new RandomState(0) });
  assert.deepEqual(a.weights.data, b.weights.data);
  const fromDefault = new Dense(3, 4);
  assert.notDeepEqual(fromDefault.weights.data, a.weights.data);
});

test('seed(n) reseeds in place: layers built before it draw the new sequence', () => {
  const dropout = new Dropout(0.5);
  seed(7);
  assert.equal(defaultGenerator().random(), new RandomState(7).random());
  assert.ok(dropout);
});

test('setDefaultGenerator refuses what is not a RandomState', () => {
  // @ts-expect-error: a JavaScript caller can pass anything
  assert.throws(() => setDefaultGenerator({ seed: 0 }), withCode('INVALID_OPTION', 'needs a RandomState'));
});

test('train, evaluate and predict on number[][] and number[] give the Matrix results exactly', () => {
  const { X, y } = spiralData(50, 3, new RandomState(0));
  const rows = X.toRows();
  const labels = Array.from(y);
  const withMatrix = chapter15Model(new RandomState(1));
  const withArrays = chapter15Model(new RandomState(1));
  const h1 = withMatrix.train(X, y, { epochs: 10, validationData: [X, y] });
  const h2 = withArrays.train(rows, labels, { epochs: 10, validationData: [rows, labels] });
  const { epochTime: _t2, ...numbers2 } = h2.toJSON();
  const { epochTime: _t1, ...numbers1 } = h1.toJSON();
  assert.deepEqual(numbers2, numbers1);
  assert.deepEqual(withArrays.evaluate(rows, labels), withMatrix.evaluate(X, y));
  const flat = { data: X.data, shape: [X.rows, X.cols] as const };
  assert.deepEqual(withArrays.predict(flat).data, withMatrix.predict(X).data);
  assert.deepEqual(withArrays.predict([[0.1, 0.2]]).toRows(), withMatrix.predict([[0.1, 0.2]]).toRows());
});

test('bad arrays at the boundary are one clear error naming the place', () => {
  const model = chapter15Model(new RandomState(0));
  assert.throws(
    () => model.predict([[0.1, 0.2], [0.3]]),
    withCode('SHAPE_MISMATCH', 'prediction data X: row 1 has 1 values'),
  );
  assert.throws(
    () => model.train([[0.1, Number.NaN]], [0]),
    withCode('NON_FINITE_INPUT', 'training data X[0][1] is NaN'),
  );
  assert.throws(
    () => model.evaluate([[0.1, 0.2]], [1.5]),
    withCode('BAD_LABEL', 'evaluation data y[0] is 1.5'),
  );
  assert.throws(() => model.train([[0.1, 0.2]], [7]), withCode('BAD_LABEL', 'label 7'));
});
