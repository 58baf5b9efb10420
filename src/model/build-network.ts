import { describeValue, ScratchnetError } from '../errors/scratchnet-error.ts';
import { rejectUnknownOptions, requireInteger, requireUnitInterval } from '../errors/validate.ts';
import { LeakyReLU, Linear, ReLU, Sigmoid, Softmax, Tanh } from '../layers/activations.ts';
import { Dense } from '../layers/dense.ts';
import { Dropout } from '../layers/dropout.ts';
import { CategoricalCrossentropy } from '../losses/categorical-crossentropy.ts';
import { MeanSquaredError } from '../losses/mean-squared-error.ts';
import { CategoricalAccuracy, RegressionAccuracy } from '../metrics/accuracy.ts';
import { Adagrad } from '../optimizers/adagrad.ts';
import { Adam } from '../optimizers/adam.ts';
import type { Optimizer } from '../optimizers/optimizer.ts';
import { RMSprop } from '../optimizers/rmsprop.ts';
import { SGD } from '../optimizers/sgd.ts';
import type { DType } from '../tensor/matrix.ts';
import type { RandomState } from '../tensor/random.ts';
import { Model } from './model.ts';

export type HiddenActivation = 'relu' | 'sigmoid' | 'tanh' | 'leaky_relu';
export const HIDDEN_ACTIVATIONS: readonly HiddenActivation[] = ['relu', 'sigmoid', 'tanh', 'leaky_relu'];
export type OptimizerName = 'sgd' | 'adagrad' | 'rmsprop' | 'adam';
/** 'classification': Softmax, categorical cross-entropy, categorical accuracy; 'regression': Linear, mean squared error, regression accuracy. */
export type NetworkTask = 'classification' | 'regression';

/**
 * A λ for each Dense layer: one number (or a one-value list) for every hidden layer, the output
 * layer unregularized, as the book; or a list with one value per Dense layer, output layer last.
 */
export type PerDenseLayer = number | readonly number[];

/** A network in the book's shape: per hidden layer Dense → activation → (Dropout), then Dense → output. */
export interface NetworkSpec {
  /** Input features: the columns of X. */
  inputs: number;
  /** Neurons of each hidden layer, first layer first (empty: a single Dense layer). */
  hidden: readonly number[];
  /** Output columns: one per class, or per regression target. */
  outputs: number;
  /** @default 'classification' */
  task?: NetworkTask;
  /** The hidden layers' activation. @default 'relu' */
  activation?: HiddenActivation;
  /** λ of the weights' L1 penalty (Dense weightRegularizerL1). @default 0 */
  l1w?: PerDenseLayer;
  /** λ of the weights' L2 penalty (Dense weightRegularizerL2). @default 0 */
  l2w?: PerDenseLayer;
  /** λ of the biases' L1 penalty (Dense biasRegularizerL1). @default 0 */
  l1b?: PerDenseLayer;
  /** λ of the biases' L2 penalty (Dense biasRegularizerL2). @default 0 */
  l2b?: PerDenseLayer;
  /** Dropout rate after each hidden layer: one for all, or one per hidden layer; 0 adds no Dropout. @default 0 */
  dropout?: number | readonly number[];
  /** @default 'adam' */
  optimizer?: OptimizerName;
  /** @default the optimizer's own (Adam 0.001, SGD 1, …) */
  learningRate?: number;
  /** @default the optimizer's own (0) */
  decay?: number;
  /** SGD's momentum; the other optimizers have none. @default SGD's own (0) */
  momentum?: number;
  /** Storage of the parameters; float64 is for gradient checks. @default 'float32' */
  dtype?: DType;
}

const NETWORK_DEFAULTS = {
  task: 'classification',
  activation: 'relu',
  l1w: 0,
  l2w: 0,
  l1b: 0,
  l2b: 0,
  dropout: 0,
  optimizer: 'adam',
  dtype: 'float32',
} as const;

const SPEC_NAMES = [
  'inputs',
  'hidden',
  'outputs',
  ...Object.keys(NETWORK_DEFAULTS),
  'learningRate',
  'decay',
  'momentum',
];
const ACTIVATIONS = { relu: ReLU, sigmoid: Sigmoid, tanh: Tanh, leaky_relu: LeakyReLU } as const;
const PENALTIES = ['l1w', 'l2w', 'l1b', 'l2b'] as const;

/**
 * Builds and finalizes the network a spec describes: the one builder behind the command line, its
 * sweeps, the playground and the gradient check. Dense layers draw their initial weights from `rng`
 * in forward order, as the book's script does; the Dropout layers and shuffling draw from it later.
 *
 * ```ts
 * const model = buildNetwork({ inputs: 2, hidden: [64], outputs: 3, l2w: 5e-4, l2b: 5e-4, dropout: 0.1,
 *                              learningRate: 0.05, decay: 5e-5 }, rng); // the book's chapter 15
 * ```
 */
export function buildNetwork(spec: NetworkSpec, rng: RandomState): Model {
  rejectUnknownOptions('buildNetwork', spec, SPEC_NAMES);
  const s = { ...NETWORK_DEFAULTS, ...spec };
  const Activation = choose('activation', s.activation, ACTIVATIONS);
  const classification = choose('task', s.task, { classification: true, regression: false });
  const optimizer = makeOptimizer(s);
  if (!Array.isArray(s.hidden)) throw notA('hidden', s.hidden, 'a list of layer sizes such as [64]');
  // every value is checked before the first layer draws its weights
  const sizes = [s.inputs, ...s.hidden, s.outputs].map((n, i, all) =>
    requireInteger(i === 0 ? 'inputs' : i === all.length - 1 ? 'outputs' : `hidden[${i - 1}]`, n, 1),
  );
  const denseCount = sizes.length - 1;
  const penalties = PENALTIES.map((key) => perDenseLayer(key, s[key], denseCount));
  const rates = perHiddenLayer('dropout', s.dropout, s.hidden.length);
  const model = new Model({ rng });
  for (let i = 0; i < denseCount; i++) {
    const [l1w, l2w, l1b, l2b] = penalties.map((values) => values[i]);
    model.add(
      new Dense(sizes[i], sizes[i + 1], {
        rng,
        dtype: s.dtype,
        weightRegularizerL1: l1w,
        weightRegularizerL2: l2w,
        biasRegularizerL1: l1b,
        biasRegularizerL2: l2b,
      }),
    );
    if (i === denseCount - 1) break;
    model.add(new Activation());
    if (rates[i] > 0) model.add(new Dropout(rates[i], { rng }));
  }
  model.add(classification ? new Softmax() : new Linear());
  model.set({
    loss: classification ? new CategoricalCrossentropy() : new MeanSquaredError(),
    optimizer,
    accuracy: classification ? new CategoricalAccuracy() : new RegressionAccuracy(),
  });
  return model.finalize();
}

function makeOptimizer(spec: NetworkSpec): Optimizer {
  // an option left out takes the optimizer's own default, which lives with the optimizer
  const common = definedOnly({ learningRate: spec.learningRate, decay: spec.decay });
  switch (spec.optimizer) {
    case 'sgd':
      return new SGD({ ...common, ...definedOnly({ momentum: spec.momentum }) });
    case 'adagrad':
      return new Adagrad(common);
    case 'rmsprop':
      return new RMSprop(common);
    case 'adam':
      return new Adam(common);
    default:
      throw notA('optimizer', spec.optimizer, 'one of sgd, adagrad, rmsprop, adam');
  }
}

function definedOnly<T extends object>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The λ of each Dense layer, output layer last. */
function perDenseLayer(what: string, value: PerDenseLayer, denseCount: number): number[] {
  const values = typeof value === 'number' ? [value] : value;
  if (!Array.isArray(values)) throw notA(what, value, 'a number, or a list with one per Dense layer');
  if (values.length === 1)
    return Array.from({ length: denseCount }, (_, i) => (i < denseCount - 1 ? values[0] : 0));
  if (values.length !== denseCount) {
    throw new ScratchnetError(
      'INVALID_OPTION',
      `${what} has ${values.length} values but the network has ${denseCount} Dense layers`,
      `give one value (for every hidden layer) or ${denseCount} values (one per Dense layer, output last)`,
    );
  }
  return [...values];
}

/** The dropout rate after each hidden layer, each checked to be in [0, 1). */
function perHiddenLayer(what: string, value: number | readonly number[], hiddenCount: number): number[] {
  const values = typeof value === 'number' ? [value] : value;
  if (!Array.isArray(values)) throw notA(what, value, 'a rate, or a list with one per hidden layer');
  if (values.length !== 1 && values.length !== hiddenCount) {
    throw new ScratchnetError(
      'INVALID_OPTION',
      `${what} has ${values.length} values but the network has ${hiddenCount} hidden layers`,
      `give one value for all hidden layers or ${hiddenCount} values`,
    );
  }
  const rates = values.length === 1 ? Array<number>(hiddenCount).fill(values[0]) : [...values];
  for (const rate of rates) requireUnitInterval(`${what} rate`, rate);
  return rates;
}

function choose<T>(what: string, name: string, table: { readonly [key: string]: T }): T {
  if (!Object.hasOwn(table, name)) throw notA(what, name, `one of ${Object.keys(table).join(', ')}`);
  return table[name];
}

function notA(what: string, value: unknown, expected: string): ScratchnetError {
  return new ScratchnetError(
    'INVALID_OPTION',
    `buildNetwork: ${what} must be ${expected}, got ${describeValue(value)}`,
    'see NetworkSpec for the fields and their defaults',
  );
}
