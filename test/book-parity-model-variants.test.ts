// The book's Model with batches where chapter 19's script shows less (fixtures from
// test/fixtures/reference/model_variants.py): every penalty on both layers (the `training,` line takes
// the penalty after the epoch's last update), dropout drawn per batch, batches of 37 and 64 that do not
// divide the data, 3 and 10 classes, and no batch size (one step of every row). scratchnet's Model with
// a BookModelReporter must print the same lines and report every number bit for bit. (A one-off sweep
// of 64 such cases, 4 optimizers, batch sizes 37, 64, 128 and none, dropout on and off, gave 64 of 64.)
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  Adam,
  type BatchLogs,
  BookModelReporter,
  CategoricalAccuracy,
  CategoricalCrossentropy,
  Dense,
  Dropout,
  type EpochLogs,
  Matrix,
  Model,
  type Optimizer,
  RandomState,
  ReLU,
  RMSprop,
  SGD,
  Softmax,
  spiralData,
} from 'scratchnet';
import { readJson } from './book-parity.ts';

interface Case {
  classes: number;
  batchSize: number | null;
  optimizer: {
    name: 'adam' | 'sgd' | 'rmsprop';
    learning_rate: number;
    decay: number;
    momentum?: number;
    rho?: number;
  };
  dropout: number | null;
  lines: string[];
  record: unknown[][];
}

const fixture = readJson('model-variants.json');
const r = fixture.regularizers;
const REGULARIZERS = {
  weightRegularizerL1: r.weight_regularizer_l1,
  weightRegularizerL2: r.weight_regularizer_l2,
  biasRegularizerL1: r.bias_regularizer_l1,
  biasRegularizerL2: r.bias_regularizer_l2,
};

function optimizerOf(o: Case['optimizer']): Optimizer {
  const common = { learningRate: o.learning_rate, decay: o.decay };
  if (o.name === 'adam') return new Adam(common);
  if (o.name === 'sgd') return new SGD({ ...common, momentum: o.momentum ?? 0 });
  return new RMSprop({ ...common, rho: o.rho ?? 0.9 });
}

/** The training set shuffled once, as `keys = np.array(range(N)); np.random.shuffle(keys)`. */
function shuffledSpiral(rng: RandomState, classes: number) {
  const data = spiralData(fixture.samples, classes, rng);
  const keys = Int32Array.from({ length: data.X.rows }, (_, i) => i);
  rng.shuffle(keys);
  const X = Matrix.zeros(data.X.rows, 2);
  for (const [row, key] of keys.entries()) X.data.set(data.X.data.subarray(2 * key, 2 * key + 2), 2 * row);
  return { X, y: Int32Array.from(keys, (key) => data.y[key]) };
}

for (const c of fixture.cases as Case[]) {
  const what = `${c.classes} classes, batch size ${c.batchSize ?? 'none'}, ${c.optimizer.name}, dropout ${c.dropout ?? 'none'}`;
  test(`the book’s Model, ${what}: every line and number as numpy`, () => {
    const rng = new RandomState(0);
    const { X, y } = shuffledSpiral(rng, c.classes);
    const model = new Model({ rng });
    model.add(new Dense(2, fixture.hidden, { rng, ...REGULARIZERS }));
    model.add(new ReLU());
    if (c.dropout !== null) model.add(new Dropout(c.dropout, { rng }));
    model.add(new Dense(fixture.hidden, c.classes, { rng, ...REGULARIZERS }));
    model.add(new Softmax());
    model.set({
      loss: new CategoricalCrossentropy(),
      optimizer: optimizerOf(c.optimizer),
      accuracy: new CategoricalAccuracy(),
    });
    model.finalize();
    const validation = spiralData(fixture.validationSamples, c.classes, rng);
    const lines: string[] = [];
    const numbers: (BatchLogs | EpochLogs)[] = [];
    model.train(X, y, {
      epochs: fixture.epochs,
      // the book's batch_size=None: one step of every row
      batchSize: c.batchSize ?? X.rows,
      printEvery: 1,
      validationData: [validation.X, validation.y],
      callbacks: [
        new BookModelReporter({ write: (line) => lines.push(line) }),
        { onBatchEnd: (logs) => numbers.push(logs), onEpochEnd: (logs) => numbers.push(logs) },
      ],
    });
    assert.deepEqual(lines, c.lines);
    const ours = numbers.flatMap((l) =>
      'epochTime' in l
        ? [
            ['training', l.epoch, null, l.accuracy, l.loss, l.dataLoss, l.regularizationLoss, l.learningRate],
            ['validation', null, null, l.valAccuracy, null, l.valDataLoss, null, null],
          ]
        : [['step', l.epoch, l.step, l.accuracy, l.loss, l.dataLoss, l.regularizationLoss, l.learningRate]],
    );
    assert.deepEqual(ours, c.record);
  });
}
