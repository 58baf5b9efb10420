// The book's chapter-19 Model with batches on shuffled spiral data (test/fixtures/reference/
// model_variants.py) run with scratchnet's Model and a BookModelReporter, and the comparison with a
// fixture's lines and numbers. Shared by the model-variant test and the by-hand sweep
// (scripts/numpy-sweep.ts).
import { isDeepStrictEqual } from 'node:util';
import {
  type BatchLogs,
  BookModelReporter,
  CategoricalAccuracy,
  CategoricalCrossentropy,
  Dense,
  Dropout,
  type EpochLogs,
  Matrix,
  Model,
  RandomState,
  ReLU,
  Softmax,
  spiralData,
} from 'scratchnet';
import { denseOptions, type NumpyOptimizer, optimizerOf, type Regularizers } from './variant-runner.ts';

export interface ModelCase {
  classes: number;
  batchSize: number | null;
  optimizer: NumpyOptimizer;
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
  regularizers: Regularizers;
  cases: ModelCase[];
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
  const rng = new RandomState(0);
  const { X, y } = shuffledSpiral(rng, fixture.samples, c.classes);
  const model = new Model({ rng });
  model.add(new Dense(2, fixture.hidden, denseOptions(rng, fixture.regularizers)));
  model.add(new ReLU());
  if (c.dropout !== null) model.add(new Dropout(c.dropout, { rng }));
  model.add(new Dense(fixture.hidden, c.classes, denseOptions(rng, fixture.regularizers)));
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
