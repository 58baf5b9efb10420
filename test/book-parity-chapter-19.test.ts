// The book's chapter-19 script (the Model with batches on Fashion-MNIST: 784-128-128-10, Adam with
// decay, batch size 128, validation after each epoch) against our numpy reference of it
// (test/fixtures/reference/chapter19.py), on its fixed slice of the `fashion-mnist` package: 300
// training and 100 test images per class, 2 epochs of 24 steps (the last one short). scratchnet's
// Model with a BookModelReporter must print the reference's `epoch:`, `step:`, `training,` and
// `validation,` lines identically, and every printed number must be numpy's bit for bit: 10 classes
// (softmax rows summed pairwise), the book's one shuffle of the training set with the seeded
// generator, its chapter-19 accumulated epoch loss and accuracy.
import assert from 'node:assert/strict';
import { closeSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  Adam,
  type BatchLogs,
  BookModelReporter,
  CategoricalAccuracy,
  CategoricalCrossentropy,
  Dense,
  type EpochLogs,
  Matrix,
  Model,
  RandomState,
  ReLU,
  Softmax,
} from 'scratchnet';
import { fashionMnistDir } from '../src/io/fashion-mnist-package.ts';
import { readJson, readLog } from './book-parity.ts';

const SIDE = 28 * 28;

/** One printed line's numbers, as chapter19.py records them (null where the line has none). */
interface Row {
  kind: string;
  epoch: number | null;
  step: number | null;
  accuracy: number | undefined;
  loss: number | null;
  dataLoss: number | undefined;
  regularizationLoss: number | null;
  lr: number | null;
}

/** The first `count` non-empty images of one class file of the package: its start is enough. */
function firstImages(file: string, count: number): Uint8Array[] {
  const images: Uint8Array[] = [];
  const fd = openSync(file, 'r');
  try {
    for (let bytes = 1 << 20; images.length < count; bytes *= 2) {
      const buffer = Buffer.alloc(bytes);
      const read = readSync(fd, buffer, 0, bytes, 0);
      images.length = 0;
      // innermost arrays only: `[` followed by digits and commas up to `]` (an image, or an empty one)
      for (const match of buffer.toString('latin1', 0, read).matchAll(/\[([\d,]*)\]/g)) {
        if (match[1] === '') continue;
        images.push(Uint8Array.from(match[1].split(','), Number));
        if (images.length === count) break;
      }
      if (read < bytes) break;
    }
  } finally {
    closeSync(fd);
  }
  assert.equal(images.length, count, `${file} holds ${count} images`);
  for (const image of images) assert.equal(image.length, SIDE);
  return images;
}

/** The reference's slice, in the book's order: shuffled once with the seeded generator, then scaled. */
function fashionSlice(rng: RandomState, trainPerClass: number, testPerClass: number) {
  const dir = fashionMnistDir();
  const train: { image: Uint8Array; label: number }[] = [];
  const test: { image: Uint8Array; label: number }[] = [];
  for (let label = 0; label < 10; label++) {
    const images = firstImages(join(dir, 'src', 'clothes', `${label}.json`), trainPerClass + testPerClass);
    for (const [i, image] of images.entries()) (i < trainPerClass ? train : test).push({ image, label });
  }
  // keys = np.array(range(N)); np.random.shuffle(keys); X = X[keys]; y = y[keys]
  const keys = Int32Array.from({ length: train.length }, (_, i) => i);
  rng.shuffle(keys);
  const scaled = (set: typeof train) => {
    const X = Matrix.zeros(set.length, SIDE);
    // (X.astype(np.float32) - 127.5) / 127.5: an exact subtraction, a float32 division
    for (const [r, { image }] of set.entries())
      for (let c = 0; c < SIDE; c++) X.data[r * SIDE + c] = (image[c] - 127.5) / 127.5;
    return { X, y: Int32Array.from(set, (s) => s.label) };
  };
  return { train: scaled(Array.from(keys, (k) => train[k])), test: scaled(test), keys };
}

test('chapter 19 on a Fashion-MNIST slice: every line of the book’s Model log, every number as numpy', () => {
  const reference = readJson('chapter-19.json');
  const rng = new RandomState(0);
  const {
    train,
    test: validation,
    keys,
  } = fashionSlice(rng, reference.data.trainPerClass, reference.data.testPerClass);
  assert.deepEqual(Array.from(keys.subarray(0, 10)), reference.data.keysFirst10, 'the book’s shuffle');

  const model = new Model({ rng });
  model.add(new Dense(train.X.cols, 128, { rng }));
  model.add(new ReLU());
  model.add(new Dense(128, 128, { rng }));
  model.add(new ReLU());
  model.add(new Dense(128, 10, { rng }));
  model.add(new Softmax());
  model.set({
    loss: new CategoricalCrossentropy(),
    optimizer: new Adam({ decay: 1e-3 }),
    accuracy: new CategoricalAccuracy(),
  });
  model.finalize();

  const lines: string[] = [];
  const numbers: (BatchLogs | EpochLogs)[] = [];
  model.train(train.X, train.y, {
    validationData: [validation.X, validation.y],
    epochs: reference.train.epochs,
    batchSize: reference.train.batchSize,
    printEvery: reference.train.printEvery,
    callbacks: [
      new BookModelReporter({ write: (line) => lines.push(line) }),
      { onBatchEnd: (logs) => numbers.push(logs), onEpochEnd: (logs) => numbers.push(logs) },
    ],
  });
  assert.deepEqual(lines, readLog('chapter-19.log'));

  // every step line, each epoch's training line and its validation line, at full precision
  const ours = numbers.flatMap((logs): Row[] => {
    const line = {
      accuracy: logs.accuracy,
      loss: logs.loss,
      dataLoss: logs.dataLoss,
      regularizationLoss: logs.regularizationLoss,
      lr: logs.learningRate,
    };
    if (!('epochTime' in logs)) return [{ kind: 'step', epoch: logs.epoch, step: logs.step, ...line }];
    const validated = { accuracy: logs.valAccuracy, loss: null, dataLoss: logs.valDataLoss };
    return [
      { kind: 'training', epoch: logs.epoch, step: null, ...line },
      { kind: 'validation', epoch: null, step: null, ...validated, regularizationLoss: null, lr: null },
    ];
  });
  assert.deepEqual(ours, reference.lines);
});
