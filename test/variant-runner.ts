// The chapter-14/15 loop of test/fixtures/reference/spiral_variants.py run with scratchnet's Model, and
// the comparison of its numbers with a fixture's. Shared by the variant tests and by the by-hand sweep
// (scripts/numpy-sweep.ts), so both compare in one way.
import {
  Adagrad,
  Adam,
  CategoricalAccuracy,
  CategoricalCrossentropy,
  Dense,
  type DenseOptions,
  Dropout,
  type EpochLogs,
  formatEpochLine,
  formatValidationLine,
  Model,
  type Optimizer,
  RandomState,
  ReLU,
  RMSprop,
  SGD,
  Softmax,
  spiralData,
} from 'scratchnet';

/** A layer's penalties as the numpy scripts name them (a missing one is 0). */
export type Regularizers = Partial<
  Record<
    'weight_regularizer_l1' | 'weight_regularizer_l2' | 'bias_regularizer_l1' | 'bias_regularizer_l2',
    number
  >
>;

/** An optimizer as the numpy scripts' JSON gives it (a missing setting is the book's default). */
export interface NumpyOptimizer {
  name: 'adam' | 'sgd' | 'adagrad' | 'rmsprop';
  learning_rate: number;
  decay: number;
  momentum?: number;
  rho?: number;
  beta_1?: number;
  beta_2?: number;
}

export interface Variant {
  case: string;
  config: {
    samples: number;
    classes: number;
    hidden: number;
    dropout: number | null;
    dense1: Regularizers;
    dense2: Regularizers;
    optimizer: NumpyOptimizer;
    epochs: number;
  };
  epochs: Record<'epoch' | 'accuracy' | 'dataLoss' | 'regularizationLoss' | 'loss' | 'lr', number[]> & {
    lines: string[];
  };
  validation: { accuracy: number; loss: number; line: string };
}

export function denseOptions(rng: RandomState, r: Regularizers): DenseOptions {
  return {
    rng,
    weightRegularizerL1: r.weight_regularizer_l1 ?? 0,
    weightRegularizerL2: r.weight_regularizer_l2 ?? 0,
    biasRegularizerL1: r.bias_regularizer_l1 ?? 0,
    biasRegularizerL2: r.bias_regularizer_l2 ?? 0,
  };
}

export function optimizerOf(o: NumpyOptimizer): Optimizer {
  const common = { learningRate: o.learning_rate, decay: o.decay };
  if (o.name === 'adam') return new Adam({ ...common, beta1: o.beta_1 ?? 0.9, beta2: o.beta_2 ?? 0.999 });
  if (o.name === 'sgd') return new SGD({ ...common, momentum: o.momentum ?? 0 });
  if (o.name === 'adagrad') return new Adagrad(common);
  return new RMSprop({ ...common, rho: o.rho ?? 0.9 });
}

/** The script's run with scratchnet's Model: the same draws in the same order (data, weights, masks, validation). */
export function runVariant(v: Variant) {
  const c = v.config;
  const rng = new RandomState(0);
  const { X, y } = spiralData(c.samples, c.classes, rng);
  const model = new Model({ rng });
  model.add(new Dense(2, c.hidden, denseOptions(rng, c.dense1)));
  model.add(new ReLU());
  if (c.dropout !== null) model.add(new Dropout(c.dropout, { rng }));
  model.add(new Dense(c.hidden, c.classes, denseOptions(rng, c.dense2)));
  model.add(new Softmax());
  model.set({
    loss: new CategoricalCrossentropy(),
    optimizer: optimizerOf(c.optimizer),
    accuracy: new CategoricalAccuracy(),
  });
  model.finalize();
  const logs: EpochLogs[] = [];
  model.train(X, y, { epochs: c.epochs, callbacks: [{ onEpochEnd: (l) => logs.push(l) }] });
  const test = spiralData(100, c.classes, rng);
  return { logs, validation: model.evaluate(test.X, test.y) };
}

/**
 * The first difference between a run and the fixture (a line, then a number of a recorded epoch, then
 * validation), or null when every line and number is identical.
 */
export function firstDifference(v: Variant, run: ReturnType<typeof runVariant>): string | null {
  const { logs, validation } = run;
  if (logs.length !== v.config.epochs) return `${logs.length} epochs, not ${v.config.epochs}`;
  const e = v.epochs;
  // the script prints epoch k before its update; the Model reports epoch k + 1 after it, and the
  // rate of update k (the one the script prints at epoch k) in its epoch k's logs
  const learningRate = (k: number) => (k === 0 ? v.config.optimizer.learning_rate : logs[k - 1].learningRate);
  for (let i = 0; i < e.epoch.length; i++) {
    const k = e.epoch[i];
    const line = formatEpochLine({ ...logs[k], epoch: k, learningRate: learningRate(k) });
    if (line !== e.lines[i]) return `line of epoch ${k}:\n  ${line}\n  ${e.lines[i]} (numpy)`;
  }
  for (let i = 0; i < e.epoch.length; i++) {
    const k = e.epoch[i];
    const after = logs[k];
    const pairs = [
      ['data loss', after.dataLoss, e.dataLoss[i]],
      ['regularization loss', after.regularizationLoss, e.regularizationLoss[i]],
      ['loss', after.loss, e.loss[i]],
      ['accuracy', after.accuracy, e.accuracy[i]],
      ['learning rate', learningRate(k), e.lr[i]],
    ] as const;
    for (const [what, ours, theirs] of pairs) {
      if (!Object.is(ours, theirs)) return `epoch ${k}, ${what}: ${ours}, numpy ${theirs}`;
    }
  }
  if (validation.dataLoss !== v.validation.loss)
    return `validation loss ${validation.dataLoss}, numpy ${v.validation.loss}`;
  if (validation.accuracy !== v.validation.accuracy) {
    return `validation accuracy ${validation.accuracy}, numpy ${v.validation.accuracy}`;
  }
  const line = formatValidationLine(validation.accuracy, validation.dataLoss);
  return line === v.validation.line ? null : `validation line:\n  ${line}\n  ${v.validation.line} (numpy)`;
}
