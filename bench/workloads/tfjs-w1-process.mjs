// W1 as a whole process, TF.js: the spiral network of bench/workloads/tfjs-w1.ts trained by
// model.fit, full batch, no shuffling, validated every epoch as `scratchnet train` validates, from the
// start of a process to its end. Plain JavaScript, so that the process loads TF.js and nothing else
// (no TypeScript loader, no scratchnet): the bench times it from outside, as a user waits for it.
// The data are CSV files written by `scratchnet data spiral` (the same points as scratchnet's).
// Run: node bench/workloads/tfjs-w1-process.mjs --train train.csv --validation val.csv --epochs 1000
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

const backend = arg('backend', 'wasm');
const epochs = Number(arg('epochs', '1000'));

const tf = await import('@tensorflow/tfjs');
if (backend === 'wasm') {
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  const require = createRequire(import.meta.url);
  const dist = path.join(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');
  wasm.setWasmPaths(`${dist}${path.sep}`);
}
if (!(await tf.setBackend(backend))) throw new Error(`TF.js backend ${backend} failed to start`);
await tf.ready();

/** x0,x1,label rows after a header → [inputs, one-hot labels]. */
function readSpiral(file) {
  const rows = readFileSync(file, 'utf8').trim().split('\n').slice(1);
  const xs = new Float32Array(rows.length * 2);
  const labels = new Int32Array(rows.length);
  rows.forEach((row, i) => {
    const [x0, x1, label] = row.split(',');
    xs[2 * i] = Number(x0);
    xs[2 * i + 1] = Number(x1);
    labels[i] = Number(label);
  });
  return [tf.tensor2d(xs, [rows.length, 2]), tf.oneHot(tf.tensor1d(labels, 'int32'), 3).toFloat()];
}

const [xs, ys] = readSpiral(arg('train', ''));
const validationData = readSpiral(arg('validation', ''));
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
const t0 = performance.now();
const history = await model.fit(xs, ys, {
  batchSize: 3000,
  shuffle: false,
  verbose: 0,
  epochs,
  validationData,
});
const ms = performance.now() - t0;
const acc = history.history.acc ?? history.history.accuracy;
process.stdout.write(
  `${JSON.stringify({ system: `tfjs-${backend}`, workload: 'W1 process', epochs, msPerEpoch: ms / epochs, accuracy: Number(acc[acc.length - 1]) })}\n`,
);
