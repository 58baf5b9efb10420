// Networks and probes shared by the Model tests.
import {
  Adam,
  CategoricalAccuracy,
  CategoricalCrossentropy,
  Dense,
  Dropout,
  type Layer,
  type Matrix,
  Model,
  type Optimizer,
  type Parameter,
  type RandomState,
  ReLU,
  Softmax,
} from 'scratchnet';

/** The book's chapter-15 network (L2 5e-4 on dense1, dropout 0.1, Adam lr 0.05 decay 5e-5), finalized. */
export function chapter15Model(rng: RandomState, clock?: () => number): Model {
  const model = new Model(clock === undefined ? { rng } : { rng, clock });
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

export interface SmallOptions {
  dropout?: number;
  optimizer?: Optimizer;
  clock?: () => number;
  /** Layers to put first (probes). */
  before?: Layer[];
}

/** A small classifier for 2-D points and 3 classes: Dense(2, 16) ReLU [Dropout] Dense(16, 3) Softmax. */
export function smallModel(rng: RandomState, options: SmallOptions = {}): Model {
  const model = new Model(options.clock === undefined ? { rng } : { rng, clock: options.clock });
  for (const layer of options.before ?? []) model.add(layer);
  model.add(new Dense(2, 16, { rng, weightRegularizerL2: 5e-4, biasRegularizerL2: 5e-4 }));
  model.add(new ReLU());
  if (options.dropout) model.add(new Dropout(options.dropout, { rng }));
  model.add(new Dense(16, 3, { rng }));
  model.add(new Softmax());
  model.set({
    loss: new CategoricalCrossentropy(),
    optimizer: options.optimizer ?? new Adam({ learningRate: 0.02, decay: 5e-7 }),
    accuracy: new CategoricalAccuracy(),
  });
  return model.finalize();
}

/** An identity layer that remembers what it was given: the batches the model fed in. */
export class Probe implements Layer {
  name = 'probe';
  /** Each forward's inputs (the object) and a copy of their values at the time. */
  readonly seen: { inputs: Matrix; values: number[]; training: boolean }[] = [];
  private last: Matrix | null = null;
  get output(): Matrix {
    return this.last as Matrix;
  }
  get dInputs(): Matrix {
    return this.last as Matrix;
  }
  forward(inputs: Matrix, training = true): Matrix {
    this.seen.push({ inputs, values: Array.from(inputs.data), training });
    this.last = inputs;
    return inputs;
  }
  backward(dOutput: Matrix): Matrix {
    return dOutput;
  }
  parameters(): readonly Parameter[] {
    return [];
  }
}

/** Every parameter value of a model, flattened, for exact comparisons. */
export function allValues(model: Model): Record<string, number[]> {
  return Object.fromEntries(Object.entries(model.getParameters()).map(([name, p]) => [name, p.values]));
}
