// W1, TF.js: the same spiral network with tf.sequential and model.fit, full batch, no shuffling.
// TF.js's Adam has no learning-rate decay: it runs at a constant 0.05 (scratchnet decays 5e-5/step).
// Run: npx tsx bench/workloads/tfjs-w1.ts --backend wasm --epochs 1000 --warmup 20
import { RandomState, spiralData } from '../../src/node.ts';
import { arg, emit, loadTf, numArg } from './common.ts';

const backend = arg('backend', 'cpu');
const epochs = numArg('epochs', 1000);
const warmup = numArg('warmup', 20);
const tf = await loadTf(backend);

// scratchnet's spiral arrays, passed as they are
const { X, y } = spiralData(1000, 3, new RandomState(0));
const xs = tf.tensor2d(X.data as Float32Array, [X.rows, X.cols]);
const ys = tf.oneHot(tf.tensor1d(y, 'int32'), 3).toFloat();

function build() {
  const l2 = () => tf.regularizers.l2({ l2: 5e-4 });
  const model = tf.sequential();
  model.add(
    tf.layers.dense({
      inputShape: [2],
      units: 64,
      activation: 'relu',
      kernelRegularizer: l2(),
      biasRegularizer: l2(),
    }),
  );
  model.add(tf.layers.dropout({ rate: 0.1 }));
  model.add(tf.layers.dense({ units: 3, activation: 'softmax' }));
  model.compile({ optimizer: tf.train.adam(0.05), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}

const fitOptions = { batchSize: 3000, shuffle: false, verbose: 0 as const };
if (warmup > 0) {
  const m = build();
  await m.fit(xs, ys, { ...fitOptions, epochs: warmup });
  m.dispose();
}
const model = build();
const t0 = performance.now();
const history = await model.fit(xs, ys, { ...fitOptions, epochs });
const ms = performance.now() - t0;
const acc = history.history.acc ?? history.history.accuracy;
emit({
  system: `tfjs-${backend}`,
  workload: 'W1',
  epochs,
  msPerEpoch: ms / epochs,
  accuracy: Number(acc[acc.length - 1]),
});
