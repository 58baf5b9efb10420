// The book's chapter-19 Model with batches on shuffled spiral data (test/fixtures/reference/
// model_variants.py) run with scratchnet's Model and a BookModelReporter, and the comparison with a
// fixture's lines and numbers. Shared by the model-variant test and the by-hand sweep
// (scripts/numpy-sweep.ts).
import { isDeepStrictEqual } from 'node:util';
import {
  Adagrad,
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

export interface ModelCase {
  classes: number;
  batchSize: number | null;
  optimizer: {
    name: 'adam' | 'sgd' | 'rmsprop' | 'adagrad';
    learning_rate: number;
    decay: number;
    momentum?: number;
    rho?: number;
  };
  dropout: number | null;
  lines: string[];
  record: unknown[][];
}

/** model-variants.json: the constants every case shares, and the cases. */
export interface ModelFixture {
  samples: number;
  validationSamples: number;
  hidden: number;
  epochs: number;
  regularizers: Record<
    'weight_regularizer_l1' | 'weight_regularizer_l2' | 'bias_regularizer_l1' | 'bias_regularizer_l2',
    number
  >;
  cases: ModelCase[];
}

function optimizerOf(o: ModelCase['optimizer']): Optimizer {
  const common = { learningRate: o.learning_rate, decay: o.decay };
  if (o.name === 'adam') return new Adam(common);
  if (o.name === 'sgd') return new SGD({ ...common, momentum: o.momentum ?? 0 });
  if (o.name === 'adagrad') return new Adagrad(common);
  return new RMSprop({ ...common, rho: o.rho ?? 0.9 });
}

/** The training set shuffled once, as `keys = np.array(range(N)); np.random.shuffle(keys)`. */
function shuffledSpiral(rng: RandomState, samples: number, classes: number) {
  const data = spiralData(samples, classes, rng);
  const keys = Int32Array.from({ length: data.X.rows }, (_, i) => i);
  rng.shuffle(keys);
  const X = Matrix.zeros(data.X.rows, 2);
  for (const [row, key] of keys.entries()) X.data.set(data.X.data.subarray(2 * key, 2 * key + 2), 2 * row);
  return { X, y: Int32Array.from(keys, (key) => data.y[key]) };
}

/** The printed lines and the recorded numbers of the case, in the fixture's `record` layout. */
export function runModelCase(fixture: ModelFixture, c: ModelCase) {
  const r = fixture.regularizers;
  const regularizers = {
    weightRegularizerL1: r.weight_regularizer_l1,
    weightRegularizerL2: r.weight_regularizer_l2,
    biasRegularizerL1: r.bias_regularizer_l1,
    biasRegularizerL2: r.bias_regularizer_l2,
  };
  const rng = new RandomState(0);
  const { X, y } = shuffledSpiral(rng, fixture.samples, c.classes);
  const model = new Model({ rng });
  model.add(new Dense(2, fixture.hidden, { rng, ...regularizers }));
  model.add(new ReLU());
  if (c.dropout !== null) model.add(new Dropout(c.dropout, { rng }));
  model.add(new Dense(fixture.hidden, c.classes, { rng, ...regularizers }));
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
  const record = numbers.flatMap((l) =>
    'epochTime' in l
      ? [
          ['training', l.epoch, null, l.accuracy, l.loss, l.dataLoss, l.regularizationLoss, l.learningRate],
          ['validation', null, null, l.valAccuracy, null, l.valDataLoss, null, null],
        ]
      : [['step', l.epoch, l.step, l.accuracy, l.loss, l.dataLoss, l.regularizationLoss, l.learningRate]],
  );
  return { lines, record };
}

export function describeModelCase(c: ModelCase): string {
  return `${c.classes} classes, batch size ${c.batchSize ?? 'none'}, ${c.optimizer.name}, dropout ${c.dropout ?? 'none'}`;
}

/** The first different line, then the first different record, or null when all are identical. */
export function firstModelDifference(c: ModelCase, run: ReturnType<typeof runModelCase>): string | null {
  if (run.lines.length !== c.lines.length) return `${run.lines.length} lines, numpy ${c.lines.length}`;
  const line = run.lines.findIndex((l, i) => l !== c.lines[i]);
  if (line >= 0) return `line ${line}:\n  ${run.lines[line]}\n  ${c.lines[line]} (numpy)`;
  if (run.record.length !== c.record.length) return `${run.record.length} records, numpy ${c.record.length}`;
  const record = run.record.findIndex((r, i) => !isDeepStrictEqual(r, c.record[i]));
  if (record < 0) return null;
  return `record ${record}: ${JSON.stringify(run.record[record])}, numpy ${JSON.stringify(c.record[record])}`;
}
