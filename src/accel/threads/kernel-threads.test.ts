// Kernel threads: the work split between the main thread and helper threads gives the very bits of
// one thread (every output element is computed whole, by the same code), and a whole training run
// is the same run.
import assert from 'node:assert/strict';
import { availableParallelism } from 'node:os';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { spiralData } from '../../data/spiral.ts';
import { ScratchnetError } from '../../errors/scratchnet-error.ts';
import { ReLU, Softmax } from '../../layers/activations.ts';
import { Dense } from '../../layers/dense.ts';
import { Dropout } from '../../layers/dropout.ts';
import { CategoricalCrossentropy } from '../../losses/categorical-crossentropy.ts';
import { CategoricalAccuracy } from '../../metrics/accuracy.ts';
import { Model } from '../../model/model.ts';
import { Adam } from '../../optimizers/adam.ts';
import { type DType, Matrix } from '../../tensor/matrix.ts';
import { matmul, matmulTransA, matmulTransB, sumColumns } from '../../tensor/ops.ts';
import { RandomState } from '../../tensor/random.ts';
import { reluDropoutBackwardWasm, reluDropoutForwardWasm } from '../elementwise/relu-dropout-wasm.ts';
import { crossEntropyLabelsWasm, softmaxRowsWasm } from '../elementwise/softmax-loss-wasm.ts';
import { installAcceleration } from '../install.ts';
import { installNodeThreads } from '../install-node.ts';
import { setMatmulPrecision } from '../matmul/matmul-precision.ts';
import { setAdaptivePacing } from './helper-pace.ts';
import { Job } from './kernel-jobs.ts';
import { availableCores, kernelHelpers, kernelThreads, partStart, setKernelThreads } from './kernel-team.ts';

// the helpers must do their parts here, however late (kernel-take-back.test.ts covers parts taken back)
before(() => setAdaptivePacing(false));

installAcceleration();
installNodeThreads();

after(async () => {
  setAdaptivePacing(true);
  await setKernelThreads(1);
});

const bitsOf = (a: Float32Array | Float64Array): string =>
  Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('hex');

test('setKernelThreads refuses counts that are not whole numbers from 1 to 64', async () => {
  for (const bad of [0, -1, 1.5, Number.NaN, 65, Number.POSITIVE_INFINITY]) {
    await assert.rejects(setKernelThreads(bad), (error: unknown) => {
      assert.ok(error instanceof ScratchnetError);
      assert.equal(error.code, 'INVALID_OPTION');
      assert.match(error.message, /kernel threads must be a whole number/);
      return true;
    });
  }
});

test('setKernelThreads starts and stops helper threads (Node: the memory is shared)', async () => {
  assert.equal(await setKernelThreads(2), 2);
  assert.equal(kernelThreads(), 2);
  assert.equal(kernelHelpers().length, 1);
  // what the CLI compares --threads with, known to the library too
  assert.equal(availableCores(), availableParallelism());
  assert.equal(await setKernelThreads(3), 3);
  assert.equal(await setKernelThreads(1), 1);
  assert.equal(kernelHelpers().length, 0);
});

test('partStart splits [0, count) into ordered parts on multiples of the grain', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 10000 }),
      fc.integer({ min: 1, max: 8 }),
      fc.integer({ min: 1, max: 16 }),
      (count, parts, grain) => {
        assert.equal(partStart(count, parts, 0, grain), 0);
        assert.equal(partStart(count, parts, parts, grain), count);
        for (let p = 0; p < parts; p++) {
          const start = partStart(count, parts, p, grain);
          const end = partStart(count, parts, p + 1, grain);
          assert.ok(start <= end);
          assert.ok(start % grain === 0 || start === count);
        }
      },
    ),
    { seed: 7, numRuns: 300 },
  );
});

test('a helper thread that fails reports it instead of hanging', async () => {
  assert.equal(await setKernelThreads(2), 2);
  const helper = kernelHelpers()[0];
  // an address past the end of the memory: the kernel traps on the helper thread
  helper.post(Job.reluDropoutForward, 2 ** 31, 2 ** 31, 2 ** 31, 2 ** 31, 64, 1);
  assert.throws(() => helper.wait(), /failed on a helper thread/);
  // and the helper serves the next job
  const n = 20000;
  const x = new Float32Array(n).fill(1.5);
  const mask = new Int32Array(n).fill(1);
  const a = new Float32Array(n);
  const o = new Float64Array(n);
  assert.ok(reluDropoutForwardWasm(x, mask, a, o, 2));
  assert.ok(o.every((v) => v === 3));
  await setKernelThreads(1);
});

function reluDropoutRun(n: number, seed: number): string {
  const rng = new RandomState(seed);
  const x = new Float32Array(n);
  const d = new Float32Array(n);
  const mask = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = rng.gauss();
    d[i] = rng.gauss();
    mask[i] = rng.random() < 0.8 ? 1 : 0;
  }
  const a = new Float32Array(n);
  const o = new Float64Array(n);
  const g = new Float64Array(n);
  const dx = new Float64Array(n);
  assert.ok(reluDropoutForwardWasm(x, mask, a, o, 1.25));
  assert.ok(reluDropoutBackwardWasm(d, mask, x, g, dx, 1.25));
  return [a, o, g, dx].map(bitsOf).join('|');
}

test('ReLU + Dropout passes split across threads give the bits of one thread', async () => {
  for (const n of [1, 7, 16384, 16387, 50001, 192000]) {
    await setKernelThreads(1);
    const one = reluDropoutRun(n, n);
    for (const threads of [2, 3]) {
      assert.equal(await setKernelThreads(threads), threads);
      assert.equal(reluDropoutRun(n, n), one, `n=${n}, ${threads} threads`);
    }
  }
  await setKernelThreads(1);
});

test('double column sums split across threads (by columns) give the bits of one thread', async () => {
  // widths that split into pairs of columns, an odd width, and ones too narrow to split
  for (const [rows, cols] of [
    [3000, 64],
    [1000, 37],
    [20000, 2],
    [9000, 3],
    [700, 130],
    [5, 4000],
  ] as const) {
    const rng = new RandomState(rows + cols);
    const a = Matrix.zeros(rows, cols, 'float64');
    for (let i = 0; i < a.data.length; i++)
      a.data[i] = (rng.random() - 0.5) * 10 ** Math.floor(rng.random() * 12 - 6);
    a.data[3] = -0;
    a.data[cols + 1] = Number.NaN;
    const sums = (): string => bitsOf(sumColumns(new Float64Array(cols), a) as Float64Array);
    await setKernelThreads(1);
    const one = sums();
    for (const threads of [2, 3]) {
      assert.equal(await setKernelThreads(threads), threads);
      assert.equal(sums(), one, `${rows}x${cols}, ${threads} threads`);
    }
  }
  await setKernelThreads(1);
});

function trainSpiral(epochs: number): string {
  const rng = new RandomState(0);
  const { X, y } = spiralData(1000, 3, rng);
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
  model.finalize();
  const history = model.train(X, y, { epochs, printEvery: epochs });
  const layers = model.layers.filter((l): l is Dense => l instanceof Dense);
  return [
    ...layers.flatMap((l) => [bitsOf(l.weights.data), bitsOf(l.biases.data)]),
    JSON.stringify(history.loss),
  ].join('|');
}

test("the book's spiral network trains to the same bits on 1 and 2 threads", async () => {
  await setKernelThreads(1);
  const one = trainSpiral(30);
  assert.equal(await setKernelThreads(2), 2);
  assert.equal(trainSpiral(30), one);
  await setKernelThreads(1);
});

function randomMatrix(rows: number, cols: number, dtype: DType, rng: RandomState, resident: boolean): Matrix {
  const m = resident ? Matrix.resident(rows, cols, dtype) : Matrix.zeros(rows, cols, dtype);
  for (let i = 0; i < m.data.length; i++) m.data[i] = rng.gauss();
  return m;
}

// [m, k, n]: the spiral network's products, W2's, batch-1 inference's (too small to split: they check
// that nothing goes wrong there), a few rows split by columns (in float32 too), odd sizes
const SHAPES: readonly (readonly [number, number, number])[] = [
  [3000, 2, 64],
  [3000, 64, 3],
  [3000, 3, 64],
  [128, 784, 128],
  [1, 784, 128],
  [1, 128, 128],
  [128, 128, 10],
  [16, 784, 130],
  [2, 3000, 64],
  [257, 65, 33],
  [9, 1000, 21],
  [5, 3, 7],
];

function products(seed: number): string {
  const rng = new RandomState(seed);
  const results: string[] = [];
  for (const [m, k, n] of SHAPES) {
    for (const [da, db, dout] of [
      ['float32', 'float32', 'float32'],
      ['float64', 'float32', 'float64'],
    ] as const) {
      const resident = results.length % 2 === 0;
      const a = randomMatrix(m, k, da, rng, resident);
      const b = randomMatrix(k, n, db, rng, resident);
      const bias = randomMatrix(1, n, 'float32', rng, false).data;
      const out = Matrix.zeros(m, n, dout);
      results.push(bitsOf(matmul(out, a, b, bias).data));
      // aᵀ·b with a [k, m] and a·bᵀ with b [n, k]
      const at = randomMatrix(k, m, da, rng, resident);
      results.push(bitsOf(matmulTransA(Matrix.zeros(m, n, dout), at, b).data));
      const bt = randomMatrix(n, k, db, rng, !resident);
      results.push(bitsOf(matmulTransB(Matrix.zeros(m, n, dout), a, bt).data));
    }
  }
  return results.join('|');
}

test('matrix products split across threads (by rows or by columns) give the bits of one thread', async () => {
  await setKernelThreads(1);
  const one = products(3);
  for (const threads of [2, 3]) {
    assert.equal(await setKernelThreads(threads), threads);
    assert.equal(products(3), one, `${threads} threads`);
  }
  await setKernelThreads(1);
});

test('float32-accumulating products split across threads give the bits of one thread', async () => {
  const exact = products(4);
  setMatmulPrecision('float32');
  try {
    await setKernelThreads(1);
    const one = products(4);
    assert.notEqual(one, exact, 'float32 accumulation rounds differently from the exact products');
    for (const threads of [2, 3]) {
      assert.equal(await setKernelThreads(threads), threads);
      assert.equal(products(4), one, `${threads} threads`);
    }
  } finally {
    setMatmulPrecision('exact');
    await setKernelThreads(1);
  }
});

function softmaxAndLoss(rows: number, cols: number, seed: number): string {
  const rng = new RandomState(seed);
  const x = new Float32Array(rows * cols);
  for (let i = 0; i < x.length; i++) x[i] = 4 * rng.gauss();
  const labels = new Int32Array(rows);
  for (let r = 0; r < rows; r++) labels[r] = Math.floor(rng.random() * cols);
  const probabilities = new Float32Array(rows * cols);
  const losses = new Float32Array(rows);
  assert.ok(softmaxRowsWasm(x, probabilities, rows, cols));
  assert.ok(
    crossEntropyLabelsWasm(probabilities, labels, losses, cols, Math.fround(1e-7), Math.fround(1 - 1e-7)),
  );
  return `${bitsOf(probabilities)}|${bitsOf(losses)}`;
}

test('softmax and the cross-entropy of labels split across threads give the bits of one thread', async () => {
  for (const [rows, cols] of [
    [3000, 3],
    [1025, 10],
    [4097, 1],
  ]) {
    await setKernelThreads(1);
    const one = softmaxAndLoss(rows, cols, rows);
    for (const threads of [2, 3]) {
      assert.equal(await setKernelThreads(threads), threads);
      assert.equal(softmaxAndLoss(rows, cols, rows), one, `${rows}x${cols}, ${threads} threads`);
    }
  }
  await setKernelThreads(1);
});
