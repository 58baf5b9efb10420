import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Matrix } from '../tensor/matrix.ts';
import { classIndices, renderRunPictures } from './run-pictures.ts';

const identity = (X: Matrix) => X.clone();

test('a 1-D regression gets the data and model curves, and no boundary', () => {
  const X = Matrix.fromRows([[0], [0.5], [1]]);
  const pictures = renderRunPictures({
    predict: identity,
    inputs: 1,
    outputs: 1,
    task: 'regression',
    train: { X, y: Matrix.fromRows([[0], [1], [0]]) },
  });
  assert.equal(pictures.decisionBoundary, null);
  assert.equal(pictures.predictions?.match(/<path /g)?.length, 2);
  assert.deepEqual(pictures.notes, ['no training curves: the run has no history']);
});

test('a classifier of 3 inputs gets no boundary, and a note saying why', () => {
  const pictures = renderRunPictures({ predict: identity, inputs: 3, outputs: 3, task: 'classification' });
  assert.equal(pictures.decisionBoundary, null);
  assert.ok(pictures.notes.includes('no decision boundary: it needs 2 input columns, the model takes 3'));
});

test('a 2-D classifier gets a boundary of the requested size', () => {
  const pictures = renderRunPictures({
    predict: (X) => Matrix.zeros(X.rows, 3),
    inputs: 2,
    outputs: 3,
    task: 'classification',
    width: 30,
    height: 20,
  });
  assert.deepEqual([pictures.decisionBoundary?.width, pictures.decisionBoundary?.height], [30, 20]);
});

test('class indices from labels, one-hot rows and a 0/1 column', () => {
  const labels = Int32Array.from([2, 0]);
  assert.equal(classIndices(labels), labels);
  const oneHot = Matrix.fromRows([
    [0, 0, 1],
    [0, 1, 0],
  ]);
  assert.deepEqual(Array.from(classIndices(oneHot)), [2, 1]);
  assert.deepEqual(Array.from(classIndices(Matrix.fromRows([[1], [0]]))), [1, 0]);
});
