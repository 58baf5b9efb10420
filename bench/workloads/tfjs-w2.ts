// W2, TF.js: the same 784-128-128-10 MLP with model.fit (batch 128, no shuffling), then model.predict.
// Run: npx tsx bench/workloads/tfjs-w2.ts --backend wasm --epochs 3 --singles 1000
import { arg, emit, loadTf, numArg } from './common.ts';
import { W2_CLASSES, W2_FEATURES, W2_SAMPLES, w2Data } from './w2-data.ts';

const backend = arg('backend', 'cpu');
const epochs = numArg('epochs', 3);
const singles = numArg('singles', 1000);
const singleWarmup = numArg('single-warmup', 500);
const samples = numArg('samples', W2_SAMPLES);
const tf = await loadTf(backend);
const { X, y } = w2Data(samples);
const xs = tf.tensor2d(X.data as Float32Array, [samples, W2_FEATURES]);
const ys = tf.oneHot(tf.tensor1d(y, 'int32'), W2_CLASSES).toFloat();

function build() {
  const model = tf.sequential();
  model.add(
    tf.layers.dense({
      inputShape: [W2_FEATURES],
      units: 128,
      activation: 'relu',
      kernelRegularizer: tf.regularizers.l2({ l2: 5e-4 }),
    }),
  );
  model.add(tf.layers.dropout({ rate: 0.2 }));
  model.add(tf.layers.dense({ units: 128, activation: 'relu' }));
  model.add(tf.layers.dropout({ rate: 0.2 }));
  model.add(tf.layers.dense({ units: W2_CLASSES, activation: 'softmax' }));
  model.compile({ optimizer: tf.train.adam(1e-3), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}

const fitOptions = { batchSize: 128, shuffle: false, verbose: 0 as const };
const warm = build();
const wx = xs.slice([0, 0], [1280, W2_FEATURES]);
const wy = ys.slice([0, 0], [1280, W2_CLASSES]);
await warm.fit(wx, wy, { ...fitOptions, epochs: 1 });
(warm.predict(wx) as import('@tensorflow/tfjs').Tensor).dataSync();
warm.dispose();

const model = build();
let t0 = performance.now();
const history = await model.fit(xs, ys, { ...fitOptions, epochs });
const trainMs = performance.now() - t0;

const predict = (x: import('@tensorflow/tfjs').Tensor) =>
  tf.tidy(() => (model.predict(x) as import('@tensorflow/tfjs').Tensor).dataSync());
t0 = performance.now();
predict(xs);
const batchMs = performance.now() - t0;

// single predictions from plain arrays, as an application would call it
const rows = Array.from({ length: singles }, (_, i) =>
  (X.data as Float32Array).subarray(i * W2_FEATURES, (i + 1) * W2_FEATURES),
);
const one = (row: Float32Array) => tf.tidy(() => predict(tf.tensor2d(row, [1, W2_FEATURES])));
// warm-up long enough for the JIT to settle (50 calls left part of the timed loop unoptimized)
for (let i = 0; i < singleWarmup; i++) one(rows[i % singles]);
t0 = performance.now();
for (const row of rows) one(row);
const singleMs = performance.now() - t0;

const acc = history.history.acc ?? history.history.accuracy;
emit({
  system: `tfjs-${backend}`,
  workload: 'W2',
  epochs,
  trainSamplesPerSec: (epochs * samples) / (trainMs / 1000),
  inferBatchSamplesPerSec: samples / (batchMs / 1000),
  inferSingleSamplesPerSec: singles / (singleMs / 1000),
  samples,
  accuracy: Number(acc[acc.length - 1]),
});
