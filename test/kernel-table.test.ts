// The speed wing is an optimization, never a change of result: the book's chapter-15 network trained
// with only the TypeScript reference kernels in the kernel table ends with the very bits it ends with
// when the speed wing's kernels are installed (WebAssembly, resident arrays, masks drawn ahead).
import assert from 'node:assert/strict';
import { test } from 'node:test';
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
} from 'scratchnet';
import { installAcceleration } from '../src/accel/install.ts';
import { kernels, useReferenceKernels } from '../src/tensor/kernel-table.ts';
import { chapter15Model } from './model-helpers.ts';

function trainedBits(
  classes = 3,
  build: (rng: RandomState) => Model = chapter15Model,
): { weights: string; loss: number } {
  const rng = new RandomState(0);
  const { X, y } = spiralData(100, classes, rng);
  const model = build(rng);
  const history = model.train(X, y, { epochs: 30 });
  const parameters = model.getParameters();
  const weights = Object.values(parameters)
    .map((p) => Buffer.from(new Float64Array(p.values).buffer).toString('base64'))
    .join('|');
  return { weights, loss: history.dataLoss.at(-1) ?? Number.NaN };
}

test('the reference kernels and the speed wing train the chapter-15 network to the same bits', () => {
  installAcceleration();
  const fast = trainedBits();
  try {
    useReferenceKernels();
    assert.equal(kernels.arrays.float32(4).buffer instanceof SharedArrayBuffer, false, 'reference arrays');
    const reference = trainedBits();
    assert.ok(Number.isFinite(reference.loss));
    assert.equal(reference.loss, fast.loss);
    assert.equal(reference.weights, fast.weights);
  } finally {
    installAcceleration();
  }
});

/** 10 classes (softmax rows summed pairwise) behind a hidden layer of one neuron (an (N, 1) bias gradient). */
function narrowModel(dropout: boolean): (rng: RandomState) => Model {
  return (rng) => {
    const model = new Model({ rng });
    model.add(new Dense(2, 1, { rng, weightRegularizerL2: 5e-4, biasRegularizerL2: 5e-4 }));
    model.add(new ReLU());
    if (dropout) model.add(new Dropout(0.1, { rng }));
    model.add(new Dense(1, 10, { rng, weightRegularizerL1: 1e-3 }));
    model.add(new Softmax());
    model.set({
      loss: new CategoricalCrossentropy(),
      optimizer: new Adam({ learningRate: 0.05, decay: 5e-5 }),
      accuracy: new CategoricalAccuracy(),
    });
    return model.finalize();
  };
}

test('and a 10-class network behind one hidden neuron, with and without dropout, to the same bits', () => {
  for (const dropout of [false, true]) {
    installAcceleration();
    const fast = trainedBits(10, narrowModel(dropout));
    try {
      useReferenceKernels();
      const reference = trainedBits(10, narrowModel(dropout));
      assert.equal(reference.loss, fast.loss, `dropout ${dropout}`);
      assert.equal(reference.weights, fast.weights, `dropout ${dropout}`);
    } finally {
      installAcceleration();
    }
  }
});

test('installing the speed wing replaces the reference slots', () => {
  useReferenceKernels();
  const referenceMatmul = kernels.matmul;
  installAcceleration();
  assert.notEqual(kernels.matmul, referenceMatmul);
  assert.equal(
    kernels.arrays.float32(4).buffer instanceof SharedArrayBuffer,
    true,
    'resident arrays in Node',
  );
});
