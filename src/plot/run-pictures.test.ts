import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyFeatures } from '../data/features.ts';
import { Dense } from '../layers/dense.ts';
import { buildNetwork } from '../model/build-network.ts';
import { Matrix } from '../tensor/matrix.ts';
import { RandomState } from '../tensor/random.ts';
import { classRgb } from './palette.ts';
import { dataRange, dataToPixel, pixelToData } from './plot-range.ts';
import { valueColor } from './regression-surface.ts';
import { classIndices, planePredictor, renderRunPictures } from './run-pictures.ts';

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
  assert.equal(pictures.surface, null, 'one input: a curve, not a surface');
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

/** The class whose colour, paled towards white, is nearest to the pixel at (i, j). */
function pixelClass(
  image: { width: number; data: Uint8ClampedArray },
  i: number,
  j: number,
  classes: number,
) {
  const at = 4 * (j * image.width + i);
  const pixel = [image.data[at], image.data[at + 1], image.data[at + 2]].map((v) => 255 - v);
  let best = -1;
  let bestResidual = Number.POSITIVE_INFINITY;
  for (let k = 0; k < classes; k++) {
    const color = classRgb(k).map((v) => 255 - v);
    // least squares tint t of pixel ≈ t · color (both measured from white)
    const t =
      (pixel[0] * color[0] + pixel[1] * color[1] + pixel[2] * color[2]) /
      color.reduce((s, v) => s + v * v, 0);
    const residual = pixel.reduce((s, v, c) => s + (v - t * color[c]) ** 2, 0);
    if (residual < bestResidual) [best, bestResidual] = [k, residual];
  }
  return best;
}

test('a model trained on features gets a boundary over x1, x2: each pixel the class the model predicts there', () => {
  const features = ['x1', 'x2', 'x1^2', 'x2^2', 'x1x2', 'sin_x1'] as const;
  const model = buildNetwork(
    { inputs: features.length, hidden: [8], outputs: 3, activation: 'tanh' },
    new RandomState(1),
  );
  // the initial weights (0.01·randn) predict near chance everywhere: make them decisive
  for (const layer of model.layers)
    if (layer instanceof Dense)
      layer.weights.data.forEach((w, k, a) => {
        a[k] = w * 200;
      });
  const corners = Matrix.fromRows([
    [-1.5, -1.5],
    [1.5, 1.5],
  ]);
  const size = 64;
  const pictures = renderRunPictures({
    predict: (X) => model.predict(X),
    inputs: features.length,
    features,
    outputs: 3,
    task: 'classification',
    train: { X: corners, y: Int32Array.from([0, 1]) },
    width: size,
    height: size,
  });
  assert.equal(pictures.notes.filter((n) => n.includes('boundary')).length, 0);
  const image = pictures.decisionBoundary;
  assert.ok(image !== null);
  // each pixel centre through the transform by hand, one row at a time
  const range = dataRange([corners], { aspect: 1 });
  const predicted = (i: number, j: number) => {
    const [x, y] = pixelToData(range, image, i + 0.5, j + 0.5);
    const p = model.predict(applyFeatures(Matrix.fromRows([[x, y]]), features)).data;
    const order = [0, 1, 2].sort((a, b) => p[b] - p[a]);
    return { best: order[0], margin: p[order[0]] - p[order[1]] };
  };
  const drawn = [0, 1].map((r) => dataToPixel(range, image, corners.data[2 * r], corners.data[2 * r + 1]));
  const nearPoint = (i: number, j: number) => drawn.some(([px, py]) => Math.hypot(i - px, j - py) < 6);
  let checked = 0;
  const seen = new Set<number>();
  for (let j = 0; j < size - 1; j += 3) {
    for (let i = 0; i < size - 1; i += 3) {
      const here = predicted(i, j);
      // away from borders (darkened) and from the two points drawn on top
      if (here.margin < 0.02 || predicted(i + 1, j).best !== here.best) continue;
      if (predicted(i, j + 1).best !== here.best || nearPoint(i, j)) continue;
      assert.equal(pixelClass(image, i, j, 3), here.best, `pixel ${i},${j}`);
      seen.add(here.best);
      checked++;
    }
  }
  assert.ok(checked > 200, `checked ${checked} pixels`);
  assert.ok(seen.size >= 2, 'the picture has a boundary to get wrong');
});

test('planePredictor puts the grid through the features: x1², x2² make a circle of a linear rule', () => {
  // class 1 where x1² + x2² > 0.5: linear in the features, a circle in the plane
  const linear = (F: Matrix) =>
    Matrix.fromRows(
      Array.from({ length: F.rows }, (_, r) => {
        const outside = F.data[2 * r] + F.data[2 * r + 1] > 0.5 ? 1 : 0;
        return [1 - outside, outside];
      }),
    );
  const predict = planePredictor(linear, ['x1^2', 'x2^2']);
  const points = Matrix.fromRows([
    [0.6, 0],
    [0.6, 0.6],
    [-0.8, 0],
    [0, -0.4],
  ]);
  assert.deepEqual(Array.from(classIndices(predict(points))), [0, 1, 1, 0]);
  assert.equal(planePredictor(linear, null), linear);
});

test('a regression of 3 inputs gets no surface, and a note saying why', () => {
  const pictures = renderRunPictures({ predict: identity, inputs: 3, outputs: 1, task: 'regression' });
  assert.deepEqual([pictures.surface, pictures.predictions, pictures.decisionBoundary], [null, null, null]);
  assert.ok(pictures.notes.includes('no regression surface: it needs 2 input columns, the model takes 3'));
});

test('a model trained on features gets a regression surface over x1, x2: each pixel valueColor of its prediction', () => {
  const features = ['x1', 'x2', 'x1^2', 'x2^2', 'x1x2', 'sin_x1'] as const;
  const model = buildNetwork(
    { inputs: features.length, hidden: [8], outputs: 1, activation: 'tanh', task: 'regression' },
    new RandomState(2),
  );
  // the initial weights (0.01·randn) predict near 0 everywhere, all white: make them bold, the
  // output layer's less so, or every pixel would be clamped to ±1
  const dense = model.layers.filter((layer) => layer instanceof Dense);
  dense.forEach((layer, n) => {
    layer.weights.data.forEach((w, k, a) => {
      a[k] = w * (n === 0 ? 100 : 40);
    });
  });
  const points = Matrix.fromRows([
    [-2, -1],
    [2.5, 1.5],
  ]);
  const size = 48;
  const pictures = renderRunPictures({
    predict: (X) => model.predict(X),
    inputs: features.length,
    features,
    outputs: 1,
    task: 'regression',
    train: { X: points, y: Matrix.fromRows([[0.3], [-0.8]]) },
    width: size,
    height: size,
  });
  assert.deepEqual([pictures.decisionBoundary, pictures.predictions], [null, null]);
  const image = pictures.surface;
  assert.ok(image !== null);
  const range = dataRange([points], { aspect: 1 });
  const drawn = [0, 1].map((r) => dataToPixel(range, image, points.data[2 * r], points.data[2 * r + 1]));
  let checked = 0;
  const colours = new Set<string>();
  for (let j = 0; j < size; j += 2) {
    for (let i = 0; i < size; i += 2) {
      if (drawn.some(([px, py]) => Math.hypot(i + 0.5 - px, j + 0.5 - py) < 5)) continue; // under a point
      const [x, y] = pixelToData(range, image, i + 0.5, j + 0.5);
      const expected = valueColor(model.predict(applyFeatures(Matrix.fromRows([[x, y]]), features)).data[0]);
      const at = 4 * (j * size + i);
      assert.deepEqual([image.data[at], image.data[at + 1], image.data[at + 2]], expected, `pixel ${i},${j}`);
      colours.add(expected.join());
      checked++;
    }
  }
  assert.ok(checked > 500, `checked ${checked} pixels`);
  assert.ok(colours.size > 50, `${colours.size} colours: the surface varies`);
});
