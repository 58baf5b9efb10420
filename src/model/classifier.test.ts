// The one-line classifier is the book's network on Model's own loop: the same bits as the
// chapter-15 model written layer by layer, plain arrays in and out.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withCode } from '../../test/assertions.ts';
import { allValues, chapter15Model } from '../../test/model-helpers.ts';
import { spiralData } from '../data/spiral.ts';
import { seed } from '../tensor/default-generator.ts';
import { RandomState } from '../tensor/random.ts';
import { classifier } from './classifier.ts';

test('classifier({ hidden: [64], l2: 5e-4, dropout: 0.1 }) trains the chapter-15 network bit for bit', () => {
  const rng = new RandomState(0);
  const { X, y } = spiralData(100, 3, rng);
  const model = chapter15Model(rng);
  const expected = model.train(X, y, { epochs: 30 }).toJSON();

  seed(0);
  const data = spiralData(100, 3);
  const net = classifier({ hidden: [64], l2: 5e-4, dropout: 0.1 });
  const history = net.fit(data.X.toRows(), Array.from(data.y), { epochs: 30 }).toJSON();
  assert.deepEqual(history.loss, expected.loss);
  assert.deepEqual(history.accuracy, expected.accuracy);
  assert.deepEqual(Object.values(allValues(net.model)), Object.values(allValues(model)));
});

test('predict gives class indices, predictProbabilities rows that sum to 1, evaluate the model', () => {
  const net = classifier({ rng: new RandomState(3), epochs: 200 });
  const X = [
    [0, 0],
    [0, 1],
    [1, 0],
    [1, 1],
  ];
  net.fit(X, [0, 1, 1, 0]);
  assert.equal(net.model.epoch, 200);
  assert.deepEqual(net.predict(X), [0, 1, 1, 0]);
  for (const row of net.predictProbabilities(X)) assert.ok(Math.abs(row[0] + row[1] - 1) < 1e-6);
  assert.equal(net.evaluate(X, [0, 1, 1, 0]).accuracy, 1);
});

test('the number of classes comes from the largest label, or from the classes option', () => {
  const X = [[0], [1]];
  const two = classifier({ rng: new RandomState(0), epochs: 1 });
  two.fit(X, [0, 1]);
  assert.equal(two.predictProbabilities(X)[0].length, 2);
  const five = classifier({ rng: new RandomState(0), epochs: 1, classes: 5 });
  five.fit(X, [0, 1]);
  assert.equal(five.predictProbabilities(X)[0].length, 5);
});

test('a misspelt option → UNKNOWN_OPTION; the model before fit → BAD_STATE', () => {
  // @ts-expect-error: a JavaScript caller can misspell
  assert.throws(() => classifier({ hiden: [8] }), withCode('UNKNOWN_OPTION', 'hiden'));
  assert.throws(() => classifier().predict([[0]]), withCode('BAD_STATE', 'before its first fit'));
});
