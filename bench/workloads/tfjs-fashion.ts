// Fashion-MNIST, TensorFlow.js: the same network with the same initial weights (copied from
// scratchnet's seeded model), the same split, batch 128, 10 epochs, shuffled each epoch by a seeded
// permutation, Adam with the book's decay: TF.js's Adam has none, so before each step the optimizer's
// learning rate is set to lr / (1 + decay · step), step counting from 0, as scratchnet's Adam does.
// Run: npx tsx bench/workloads/tfjs-fashion.ts --backend wasm --epochs 10
import type * as TF from '@tensorflow/tfjs';
import { Dense } from '../../src/layers/dense.ts';
import { RandomState } from '../../src/tensor/random.ts';
import { arg, emit, loadTf } from './common.ts';
import { buildFashionModel, fashionData, fashionSettings } from './fashion-common.ts';

const backend = arg('backend', 'wasm');
const settings = fashionSettings();
const tf = await loadTf(backend);
const data = await fashionData(settings);
const n = data.X.rows;
const xs = tf.tensor2d(data.X.data as Float32Array, [n, 784]);
const ys = tf.oneHot(tf.tensor1d(data.y, 'int32'), 10).toFloat();
const testXs = tf.tensor2d(data.testX.data as Float32Array, [data.testX.rows, 784]);
const testYs = tf.oneHot(tf.tensor1d(data.testY, 'int32'), 10).toFloat();

const source = buildFashionModel(settings).layers.filter((layer) => layer instanceof Dense);
const model = tf.sequential();
const l2 = settings.l2 > 0 ? tf.regularizers.l2({ l2: settings.l2 }) : undefined;
for (const [i, units] of [128, 128, 10].entries()) {
  const hidden = i < 2;
  model.add(
    tf.layers.dense({
      ...(i === 0 ? { inputShape: [784] } : {}),
      units,
      activation: hidden ? 'relu' : 'softmax',
      kernelRegularizer: hidden ? l2 : undefined,
      biasRegularizer: hidden ? l2 : undefined,
    }),
  );
  if (hidden && settings.dropout > 0) model.add(tf.layers.dropout({ rate: settings.dropout }));
}
const denseLayers = model.layers.filter((layer) => layer.getClassName() === 'Dense');
denseLayers.forEach((layer, i) => {
  const dense = source[i] as Dense;
  layer.setWeights([
    tf.tensor2d(dense.weights.data as Float32Array, [dense.weights.rows, dense.weights.cols]),
    tf.tensor1d(dense.biases.data as Float32Array),
  ]);
});
const optimizer = tf.train.adam(settings.learningRate);
model.compile({ optimizer, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });

let step = 0;
const schedule = {
  onBatchBegin: async () => {
    // AdamOptimizer reads its learningRate field at every applyGradients
    Reflect.set(optimizer, 'learningRate', settings.learningRate / (1 + settings.decay * step));
    step++;
  },
};
const rng = new RandomState([settings.seed, 2]);
const perEpoch: { epoch: number; seconds: number; accuracy: number }[] = [];
const t0 = performance.now();
for (let epoch = 1; epoch <= settings.epochs; epoch++) {
  const order = tf.tensor1d(rng.permutation(n), 'int32');
  const ex = tf.gather(xs, order);
  const ey = tf.gather(ys, order);
  const history = await model.fit(ex, ey, {
    batchSize: settings.batchSize,
    epochs: 1,
    shuffle: false,
    verbose: 0,
    callbacks: schedule,
  });
  tf.dispose([order, ex, ey]);
  const accuracy = Number((history.history.acc ?? history.history.accuracy)[0]);
  perEpoch.push({ epoch, seconds: (performance.now() - t0) / 1000, accuracy });
  process.stderr.write(
    `  tfjs-${backend} epoch ${epoch}: acc ${accuracy.toFixed(3)}, ${((performance.now() - t0) / 1000).toFixed(0)} s\n`,
  );
}
const trainSeconds = (performance.now() - t0) / 1000;

function score(x: TF.Tensor, y: TF.Tensor): { accuracy: number; loss: number } {
  const [loss, accuracy] = model.evaluate(x, y, { batchSize: 1000 }) as TF.Scalar[];
  return { accuracy: accuracy.dataSync()[0], loss: loss.dataSync()[0] };
}
const test = score(testXs, testYs);
const train = score(xs, ys);
emit({
  system: `tfjs-${backend}`,
  workload: 'fashion-mnist',
  ...settings,
  trainImages: n,
  trainSeconds,
  samplesPerSec: (settings.epochs * n) / trainSeconds,
  testAccuracy: test.accuracy,
  testLoss: test.loss,
  trainAccuracy: train.accuracy,
  trainLoss: train.loss,
  perEpoch,
});
