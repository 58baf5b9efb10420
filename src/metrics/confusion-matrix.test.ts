import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Matrix } from '../tensor/matrix.ts';
import { confusionMatrix, formatConfusionMatrix, predictedClasses } from './confusion-matrix.ts';

test('counts[true][predicted], and predictedClasses takes the first largest output', () => {
  const p = Matrix.fromRows([
    [0.1, 0.7, 0.2],
    [0.5, 0.5, 0],
    [0, 0.2, 0.8],
    [0.3, 0.3, 0.4],
  ]);
  const predicted = predictedClasses(p);
  assert.deepEqual(Array.from(predicted), [1, 0, 2, 2]);
  assert.deepEqual(confusionMatrix(predicted, [1, 1, 2, 0], 3), [
    [0, 0, 1],
    [1, 1, 0],
    [0, 0, 1],
  ]);
  assert.throws(() => confusionMatrix([0, 3], [0, 1], 3), /prediction 3/);
  const text = formatConfusionMatrix(
    [
      [5, 1],
      [0, 7],
    ],
    ['cat', 'dog'],
  ).split('\n');
  assert.equal(text.length, 3);
  assert.match(text[2], /^dog\s+0\s+7$/);
});
