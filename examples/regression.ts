// The book's chapter 17, "Regression", written with the Model API (chapters 18-19).
// Run: npx tsx examples/regression.ts
import {
  Adam,
  ConsoleReporter,
  Dense,
  type History,
  Linear,
  type Matrix,
  MeanSquaredError,
  Model,
  RandomState,
  RegressionAccuracy,
  ReLU,
  sineData,
} from 'scratchnet';
// glibc's sine (LGPL-2.1, kept out of the MIT package): numpy's np.sin bit for bit, so the float64
// targets, and with them every printed number, are the book's
import { glibcSin } from '../extras/glibc-sin/glibc-sin.ts';

export interface RegressionRun {
  lines: string[];
  history: History;
  model: Model;
}

/**
 * @param data what to learn: the book's sine data by default (float64, as `sine_data()` is, and
 * numpy's values bit for bit)
 */
export function regression(
  epochs = 10000,
  print: (line: string) => void = console.log,
  data: { X: Matrix; y: Matrix } = sineData(1000, { dtype: 'float64', sin: glibcSin }),
): RegressionRun {
  const lines: string[] = [];
  const emit = (line: string) => {
    lines.push(line);
    print(line);
  };

  // nnfs.init(): the sine data draw nothing; the generator gives the initial weights. The book's
  // sine data are float64, and so are the loss and its gradient (the rest of the network is float32)
  const rng = new RandomState(0);
  const { X, y } = data;

  // The book raises the initial weights to 0.1·randn here: with 0.01 this deeper network does not learn
  const model = new Model({ rng });
  model.add(new Dense(1, 64, { rng, weightScale: 0.1 }));
  model.add(new ReLU());
  model.add(new Dense(64, 64, { rng, weightScale: 0.1 }));
  model.add(new ReLU());
  model.add(new Dense(64, 1, { rng, weightScale: 0.1 }));
  // A linear output: the network predicts the value itself
  model.add(new Linear());
  model.set({
    loss: new MeanSquaredError(),
    optimizer: new Adam({ learningRate: 0.005, decay: 1e-3 }),
    // A prediction counts as right within std(y) / 250 of the target
    accuracy: new RegressionAccuracy(),
  });
  model.finalize();

  const history = model.train(X, y, {
    epochs,
    printEvery: 100,
    callbacks: [new ConsoleReporter({ printEvery: 100, write: emit })],
  });
  return { lines, history, model };
}

if (import.meta.url === `file://${process.argv[1]}`) regression();
