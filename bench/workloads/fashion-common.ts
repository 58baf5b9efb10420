// Shared by the Fashion-MNIST workloads: the data (the seeded split scratchnet train uses) and the
// book's chapter-19 network built with scratchnet, whose initial weights the TF.js run copies.

import { toInputs, toLabels } from '../../src/data/image-set.ts';
import { loadFashionMnist } from '../../src/io/fashion-mnist-package.ts';
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
} from '../../src/node.ts';
import type { Matrix } from '../../src/tensor/matrix.ts';
import { arg, numArg } from './common.ts';

export interface FashionSettings {
  epochs: number;
  seed: number;
  /** L2 on the hidden layers' weights (and biases), 0 for none. */
  l2: number;
  /** Dropout after each hidden layer, 0 for none. */
  dropout: number;
  /** Training images per class (6000 = all). */
  trainPerClass: number;
  batchSize: number;
  learningRate: number;
  decay: number;
}

export function fashionSettings(): FashionSettings {
  return {
    epochs: numArg('epochs', 10),
    seed: numArg('seed', 0),
    l2: numArg('l2', 0),
    dropout: numArg('dropout', 0),
    trainPerClass: numArg('train-per-class', 6000),
    batchSize: 128,
    learningRate: 0.001,
    decay: Number(arg('decay', '1e-3')),
  };
}

export interface FashionData {
  X: Matrix;
  y: Int32Array;
  testX: Matrix;
  testY: Int32Array;
  loadMs: number;
  source: string;
}

export async function fashionData(settings: FashionSettings): Promise<FashionData> {
  const split = await loadFashionMnist({ seed: settings.seed, trainPerClass: settings.trainPerClass });
  return {
    X: toInputs(split.train),
    y: toLabels(split.train),
    testX: toInputs(split.test),
    testY: toLabels(split.test),
    loadMs: split.loaded.ms,
    source: split.loaded.source,
  };
}

/** Dense 128 ReLU (Dropout), Dense 128 ReLU (Dropout), Dense 10 Softmax; Adam(lr, decay); seeded. */
export function buildFashionModel(settings: FashionSettings): Model {
  const rng = new RandomState(settings.seed);
  const model = new Model({ rng });
  const l2 = { weightRegularizerL2: settings.l2, biasRegularizerL2: settings.l2 };
  model.add(new Dense(784, 128, { rng, ...l2 }));
  model.add(new ReLU());
  if (settings.dropout > 0) model.add(new Dropout(settings.dropout, { rng }));
  model.add(new Dense(128, 128, { rng, ...l2 }));
  model.add(new ReLU());
  if (settings.dropout > 0) model.add(new Dropout(settings.dropout, { rng }));
  model.add(new Dense(128, 10, { rng }));
  model.add(new Softmax());
  model.set({
    loss: new CategoricalCrossentropy(),
    optimizer: new Adam({ learningRate: settings.learningRate, decay: settings.decay }),
    accuracy: new CategoricalAccuracy(),
  });
  return model.finalize();
}
