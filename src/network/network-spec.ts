import { ScratchnetError } from '../errors/scratchnet-error.ts';
import { requireUnitInterval } from '../errors/validate.ts';
import { ReLU, Sigmoid } from '../layers/activations.ts';
import { Dense } from '../layers/dense.ts';
import { Dropout } from '../layers/dropout.ts';
import type { Layer } from '../layers/layer.ts';
import { SoftmaxCategoricalCrossentropy } from '../losses/softmax-crossentropy.ts';
import { Adagrad } from '../optimizers/adagrad.ts';
import { Adam } from '../optimizers/adam.ts';
import type { Optimizer } from '../optimizers/optimizer.ts';
import { RMSprop } from '../optimizers/rmsprop.ts';
import { SGD } from '../optimizers/sgd.ts';
import type { DType } from '../tensor/matrix.ts';
import type { RandomState } from '../tensor/random.ts';

export type OptimizerName = 'sgd' | 'adagrad' | 'rmsprop' | 'adam';
export type HiddenActivation = 'relu' | 'sigmoid';

/** A classifier in the book's shape: Dense → activation → (Dropout) per hidden layer, then Dense → softmax. */
export interface ClassifierSpec {
  inputs: number;
  hidden: readonly number[];
  classes: number;
  activation: HiddenActivation;
  /**
   * Penalties per Dense layer. One value applies to every hidden layer (the book regularizes only
   * its hidden layer); a list gives one value per Dense layer, output layer last.
   */
  l1w: readonly number[];
  l2w: readonly number[];
  l1b: readonly number[];
  l2b: readonly number[];
  /** Dropout rate after each hidden layer: one value for all, or one per hidden layer. */
  dropout: readonly number[];
  optimizer: OptimizerName;
  learningRate: number;
  decay: number;
  momentum: number;
  dtype?: DType;
}

export interface Classifier {
  /** Every layer in forward order, softmax excluded (it sits inside `head`). */
  layers: Layer[];
  dense: Dense[];
  head: SoftmaxCategoricalCrossentropy;
  optimizer: Optimizer;
}

/**
 * Builds the layers in the book's order, so the generator is drawn as the book draws it:
 * each Dense layer's weights in turn; the dropout masks later, during training.
 */
export function buildClassifier(spec: ClassifierSpec, rng: RandomState): Classifier {
  const sizes = [spec.inputs, ...spec.hidden, spec.classes];
  const denseCount = sizes.length - 1;
  const layers: Layer[] = [];
  const dense: Dense[] = [];
  for (let i = 0; i < denseCount; i++) {
    const name = `dense${i + 1}`;
    const layer = new Dense(sizes[i], sizes[i + 1], {
      rng,
      name,
      dtype: spec.dtype ?? 'float32',
      weightRegularizerL1: perLayer('l1w', spec.l1w, i, denseCount),
      weightRegularizerL2: perLayer('l2w', spec.l2w, i, denseCount),
      biasRegularizerL1: perLayer('l1b', spec.l1b, i, denseCount),
      biasRegularizerL2: perLayer('l2b', spec.l2b, i, denseCount),
    });
    layers.push(layer);
    dense.push(layer);
    if (i === denseCount - 1) break;
    const activation = spec.activation === 'relu' ? new ReLU() : new Sigmoid();
    activation.name = `${spec.activation}${i + 1}`;
    layers.push(activation);
    const rate = perHidden('dropout', spec.dropout, i, spec.hidden.length);
    requireUnitInterval('dropout rate', rate);
    if (rate > 0) layers.push(new Dropout(rate, { rng, name: `dropout${i + 1}` }));
  }
  return { layers, dense, head: new SoftmaxCategoricalCrossentropy(), optimizer: makeOptimizer(spec) };
}

function makeOptimizer(spec: ClassifierSpec): Optimizer {
  const { learningRate, decay } = spec;
  switch (spec.optimizer) {
    case 'sgd':
      return new SGD({ learningRate, decay, momentum: spec.momentum });
    case 'adagrad':
      return new Adagrad({ learningRate, decay });
    case 'rmsprop':
      return new RMSprop({ learningRate, decay });
    case 'adam':
      return new Adam({ learningRate, decay });
    default:
      throw new ScratchnetError(
        'INVALID_OPTION',
        `unknown optimizer ${JSON.stringify(spec.optimizer)}`,
        'use one of sgd, adagrad, rmsprop, adam',
      );
  }
}

export function perLayer(what: string, values: readonly number[], index: number, denseCount: number): number {
  if (values.length === 1) return index < denseCount - 1 ? values[0] : 0;
  if (values.length !== denseCount) {
    throw new ScratchnetError(
      'INVALID_OPTION',
      `${what} has ${values.length} values but the network has ${denseCount} Dense layers`,
      `give one value (for every hidden layer) or ${denseCount} values (one per Dense layer, output last)`,
    );
  }
  return values[index];
}

export function perHidden(
  what: string,
  values: readonly number[],
  index: number,
  hiddenCount: number,
): number {
  if (values.length === 1) return values[0];
  if (values.length !== hiddenCount) {
    throw new ScratchnetError(
      'INVALID_OPTION',
      `${what} has ${values.length} values but the network has ${hiddenCount} hidden layers`,
      `give one value for all hidden layers or ${hiddenCount} values`,
    );
  }
  return values[index];
}

/** The book's chapter-14 network and optimizer (its chapter-15 run adds dropout 0.1, lr 0.05, decay 5e-5). */
export const CHAPTER_14_SPEC: ClassifierSpec = {
  inputs: 2,
  hidden: [64],
  classes: 3,
  activation: 'relu',
  l1w: [0],
  l2w: [5e-4],
  l1b: [0],
  l2b: [5e-4],
  dropout: [0],
  optimizer: 'adam',
  learningRate: 0.02,
  decay: 5e-7,
  momentum: 0,
};
