// The book's chapter 16, "Binary Logistic Regression", written with the Model API (chapters 18-19).
// Run: npx tsx examples/binary-logistic.ts
import {
  Adam,
  BinaryAccuracy,
  BinaryCrossentropy,
  ConsoleReporter,
  Dense,
  type Evaluation,
  formatValidationLine,
  type History,
  Matrix,
  Model,
  RandomState,
  ReLU,
  Sigmoid,
  spiralData,
} from 'scratchnet';

export interface BinaryLogisticRun {
  lines: string[];
  history: History;
  validation: Evaluation;
  model: Model;
}

/** Class labels 0/1 as a column: the book's `y.reshape(-1, 1)`, the targets binary cross-entropy takes. */
function labelColumn(labels: Int32Array): Matrix {
  return new Matrix(labels.length, 1, Float32Array.from(labels));
}

export function binaryLogistic(
  epochs = 10000,
  print: (line: string) => void = console.log,
): BinaryLogisticRun {
  const lines: string[] = [];
  const emit = (line: string) => {
    lines.push(line);
    print(line);
  };

  // nnfs.init()
  const rng = new RandomState(0);

  // Two classes this time, the labels a column of 0s and 1s: one sigmoid output per sample
  const train = spiralData(100, 2, rng);
  const X = train.X;
  const y = labelColumn(train.y);

  const model = new Model({ rng });
  model.add(new Dense(2, 64, { rng, weightRegularizerL2: 5e-4, biasRegularizerL2: 5e-4 }));
  model.add(new ReLU());
  // One output neuron: the probability of class 1
  model.add(new Dense(64, 1, { rng }));
  model.add(new Sigmoid());
  model.set({
    loss: new BinaryCrossentropy(),
    optimizer: new Adam({ decay: 5e-7 }),
    accuracy: new BinaryAccuracy(),
  });
  model.finalize();

  const history = model.train(X, y, {
    epochs,
    printEvery: 100,
    callbacks: [new ConsoleReporter({ printEvery: 100, write: emit })],
  });

  // Validate the model on a fresh spiral set, drawn after training as the book does
  const test = spiralData(100, 2, rng);
  const validation = model.evaluate(test.X, labelColumn(test.y));
  emit(formatValidationLine(validation.accuracy, validation.dataLoss));

  return { lines, history, validation, model };
}

if (import.meta.url === `file://${process.argv[1]}`) binaryLogistic();
