// W2, scratchnet: an MNIST-sized MLP 784-128-128-10, minibatch 128, Adam 1e-3, 3 epochs; then inference.
// Run: npx tsx bench/workloads/scratchnet-w2.ts --epochs 3 --singles 1000 [--precision exact|float32]
import {
  Adam,
  CategoricalAccuracy,
  CategoricalCrossentropy,
  Dense,
  Dropout,
  Matrix,
  Model,
  RandomState,
  ReLU,
  Softmax,
} from '../../src/node.ts';
import { emit, numArg } from './common.ts';
import { chooseKernels, choosePrecision, chooseThreads } from './kernel-choice.ts';
import { W2_FEATURES, W2_SAMPLES, w2Data } from './w2-data.ts';

const kernels = chooseKernels();
const precision = choosePrecision();
const threads = await chooseThreads();
const epochs = numArg('epochs', 3);
const singles = numArg('singles', 1000);
const singleWarmup = numArg('single-warmup', 500);
const samples = numArg('samples', W2_SAMPLES);
const { X, y } = w2Data(samples);

function build(): Model {
  const rng = new RandomState(0);
  const model = new Model({ rng });
  model.add(new Dense(784, 128, { rng, weightRegularizerL2: 5e-4 }));
  model.add(new ReLU());
  model.add(new Dropout(0.2, { rng }));
  model.add(new Dense(128, 128, { rng }));
  model.add(new ReLU());
  model.add(new Dropout(0.2, { rng }));
  model.add(new Dense(128, 10, { rng }));
  model.add(new Softmax());
  model.set({
    loss: new CategoricalCrossentropy(),
    optimizer: new Adam({ learningRate: 1e-3 }),
    accuracy: new CategoricalAccuracy(),
  });
  return model.finalize();
}

// warm-up: a few batches on a throw-away model
const warm = build();
const warmRows = new Matrix(1280, W2_FEATURES, X.data.subarray(0, 1280 * W2_FEATURES));
warm.train(warmRows, y.subarray(0, 1280), { epochs: 1, batchSize: 128, printEvery: 1000 });
warm.predict(warmRows);

const model = build();
let t0 = performance.now();
const history = model.train(X, y, { epochs, batchSize: 128, printEvery: 1000 });
const trainMs = performance.now() - t0;

t0 = performance.now();
model.predict(X);
const batchMs = performance.now() - t0;

const rows = Array.from(
  { length: singles },
  (_, i) => new Matrix(1, W2_FEATURES, X.data.subarray(i * W2_FEATURES, (i + 1) * W2_FEATURES)),
);
// warm-up long enough for the JIT to settle (50 calls left part of the timed loop unoptimized)
for (let i = 0; i < singleWarmup; i++) model.predict(rows[i % singles]);
t0 = performance.now();
for (const row of rows) model.predict(row);
const singleMs = performance.now() - t0;

emit({
  system: precision === 'exact' ? 'scratchnet' : `scratchnet ${precision}`,
  precision,
  threads,
  workload: 'W2',
  kernels,
  epochs,
  trainSamplesPerSec: (epochs * samples) / (trainMs / 1000),
  inferBatchSamplesPerSec: samples / (batchMs / 1000),
  inferSingleSamplesPerSec: singles / (singleMs / 1000),
  samples,
  accuracy: history.accuracy[history.accuracy.length - 1],
});
