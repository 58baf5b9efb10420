// W1, scratchnet: the book's chapter-15 spiral network through the public Model API, full batch.
// Run: node --expose-gc --import tsx bench/workloads/scratchnet-w1.ts --epochs 1000 --warmup 20
import {
  Adam,
  CategoricalAccuracy,
  CategoricalCrossentropy,
  Dense,
  Dropout,
  Model,
  RandomState,
  ReLU,
  Softmax,
  spiralData,
} from '../../src/node.ts';
import { emit, numArg } from './common.ts';
import { chooseKernels, choosePrecision, chooseThreads } from './kernel-choice.ts';

const kernels = chooseKernels();
const precision = choosePrecision();
const threads = await chooseThreads();
const epochs = numArg('epochs', 1000);
const warmup = numArg('warmup', 20);

function heapMB(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

function build(rng: RandomState): Model {
  const model = new Model({ rng });
  model.add(new Dense(2, 64, { rng, weightRegularizerL2: 5e-4, biasRegularizerL2: 5e-4 }));
  model.add(new ReLU());
  model.add(new Dropout(0.1, { rng }));
  model.add(new Dense(64, 3, { rng }));
  model.add(new Softmax());
  model.set({
    loss: new CategoricalCrossentropy(),
    optimizer: new Adam({ learningRate: 0.05, decay: 5e-5 }),
    accuracy: new CategoricalAccuracy(),
  });
  return model.finalize();
}

// Warm-up on a throw-away model (JIT), then the timed run from nnfs.init()'s seed.
if (warmup > 0) {
  const rng = new RandomState(0);
  const { X, y } = spiralData(1000, 3, rng);
  build(rng).train(X, y, { epochs: warmup, printEvery: warmup });
}

const rng = new RandomState(0);
const { X, y } = spiralData(1000, 3, rng);
const model = build(rng);
const heapBeforeMB = heapMB();
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const history = model.train(X, y, { epochs, printEvery: epochs });
const ms = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
const heapAfterMB = heapMB();
emit({
  system: precision === 'exact' ? 'scratchnet' : `scratchnet ${precision}`,
  precision,
  threads,
  workload: 'W1',
  kernels,
  epochs,
  msPerEpoch: ms / epochs,
  // process CPU time (all threads): steadier than wall time when the machine is shared
  cpuMsPerEpoch: (cpu.user + cpu.system) / 1000 / epochs,
  accuracy: history.accuracy[history.accuracy.length - 1],
  heapBeforeMB,
  heapAfterMB,
  generator: 'RandomState (numpy legacy MT19937, seed 0)',
});
