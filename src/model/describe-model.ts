import { describeValue, ScratchnetError } from '../errors/scratchnet-error.ts';
import { LeakyReLU } from '../layers/activations.ts';
import { Dense } from '../layers/dense.ts';
import { Dropout } from '../layers/dropout.ts';
import type { Layer } from '../layers/layer.ts';
import { BinaryCrossentropy } from '../losses/binary-crossentropy.ts';
import { CategoricalCrossentropy } from '../losses/categorical-crossentropy.ts';
import type { Loss } from '../losses/loss.ts';
import { MeanAbsoluteError } from '../losses/mean-absolute-error.ts';
import { MeanSquaredError } from '../losses/mean-squared-error.ts';
import {
  type Accuracy,
  BinaryAccuracy,
  CategoricalAccuracy,
  RegressionAccuracy,
} from '../metrics/accuracy.ts';
import { Adagrad } from '../optimizers/adagrad.ts';
import { Adam } from '../optimizers/adam.ts';
import type { Optimizer } from '../optimizers/optimizer.ts';
import { RMSprop } from '../optimizers/rmsprop.ts';
import { SGD } from '../optimizers/sgd.ts';
import { layerKind } from './layer-kind.ts';
import type {
  LayerDescription,
  LossName,
  ModelDescription,
  OptimizerDescription,
} from './model-description.ts';
import type { ModelTargets } from './model-targets.ts';

/** The plain-data description of finalized layers and whatever of loss, optimizer, accuracy is set. */
export function describeModel(
  layers: readonly Layer[],
  objective: { loss?: Loss<ModelTargets>; optimizer?: Optimizer; accuracy?: Accuracy<ModelTargets> },
): ModelDescription {
  return {
    layers: layers.map(describeLayer),
    loss: objective.loss === undefined ? null : lossName(objective.loss),
    optimizer: objective.optimizer === undefined ? null : describeOptimizer(objective.optimizer),
    accuracy: objective.accuracy === undefined ? null : accuracyName(objective.accuracy),
  };
}

function describeLayer(layer: Layer): LayerDescription {
  const kind = layerKind(layer);
  if (layer instanceof Dense) {
    if (layer.weights.dtype !== 'float32') throw cannotDescribe(`${layer.name} stores float64 values`);
    return {
      kind: 'dense',
      name: layer.name,
      nInputs: layer.nInputs,
      nNeurons: layer.nNeurons,
      weightRegularizerL1: layer.weightRegularizerL1,
      weightRegularizerL2: layer.weightRegularizerL2,
      biasRegularizerL1: layer.biasRegularizerL1,
      biasRegularizerL2: layer.biasRegularizerL2,
      weights: Float32Array.from(layer.weights.data),
      biases: Float32Array.from(layer.biases.data),
    };
  }
  if (layer instanceof Dropout) return { kind: 'dropout', name: layer.name, rate: layer.rate };
  if (kind === null || kind === 'dense' || kind === 'dropout') {
    throw cannotDescribe(`${layer.name} is a ${layer.constructor.name}, not a built-in layer`);
  }
  if (layer instanceof LeakyReLU)
    return { kind: 'activation', name: layer.name, activation: kind, alpha: layer.alpha };
  return { kind: 'activation', name: layer.name, activation: kind };
}

function lossName(loss: Loss<ModelTargets>): LossName {
  if (loss instanceof CategoricalCrossentropy) return 'categoricalCrossentropy';
  if (loss instanceof BinaryCrossentropy) return 'binaryCrossentropy';
  if (loss instanceof MeanSquaredError) return 'meanSquaredError';
  if (loss instanceof MeanAbsoluteError) return 'meanAbsoluteError';
  throw cannotDescribe(`the loss ${loss.name} is not a built-in loss`);
}

function accuracyName(accuracy: Accuracy<ModelTargets>): ModelDescription['accuracy'] {
  if (accuracy instanceof CategoricalAccuracy) return 'categorical';
  if (accuracy instanceof BinaryAccuracy) return 'binary';
  if (accuracy instanceof RegressionAccuracy) return 'regression';
  throw cannotDescribe(`the accuracy ${accuracy.name} is not a built-in accuracy`);
}

function describeOptimizer(optimizer: Optimizer): OptimizerDescription {
  const { learningRate, decay } = optimizer;
  if (optimizer instanceof SGD) return { name: 'sgd', learningRate, decay, momentum: optimizer.momentum };
  if (optimizer instanceof Adagrad)
    return { name: 'adagrad', learningRate, decay, epsilon: optimizer.epsilon };
  if (optimizer instanceof RMSprop) {
    return { name: 'rmsprop', learningRate, decay, epsilon: optimizer.epsilon, rho: optimizer.rho };
  }
  if (optimizer instanceof Adam) {
    const { epsilon, beta1, beta2 } = optimizer;
    return { name: 'adam', learningRate, decay, epsilon, beta1, beta2 };
  }
  throw cannotDescribe(`the optimizer ${optimizer.name} is not a built-in optimizer`);
}

function cannotDescribe(why: string): ScratchnetError {
  return new ScratchnetError(
    'BAD_STATE',
    `cannot describe the model: ${why}`,
    'describe() (and saving) covers float32 Dense, Dropout, ReLU, Softmax, Sigmoid, Linear, and the built-in losses, optimizers and accuracies',
  );
}

/** The optimizer a description names, with its options (omitted ones take the optimizer's defaults). */
export function buildOptimizer(description: OptimizerDescription): Optimizer {
  const { name, ...fields } = description;
  const options = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  switch (name) {
    case 'sgd':
      return new SGD(options);
    case 'adagrad':
      return new Adagrad(options);
    case 'rmsprop':
      return new RMSprop(options);
    case 'adam':
      return new Adam(options);
    default:
      throw unknownName('optimizer', name);
  }
}

export function buildLoss(name: LossName): Loss<ModelTargets> {
  switch (name) {
    case 'categoricalCrossentropy':
      return new CategoricalCrossentropy();
    case 'binaryCrossentropy':
      return new BinaryCrossentropy();
    case 'meanSquaredError':
      return new MeanSquaredError();
    case 'meanAbsoluteError':
      return new MeanAbsoluteError();
    default:
      throw unknownName('loss', name);
  }
}

export function buildAccuracy(name: NonNullable<ModelDescription['accuracy']>): Accuracy<ModelTargets> {
  switch (name) {
    case 'categorical':
      return new CategoricalAccuracy();
    case 'binary':
      return new BinaryAccuracy();
    case 'regression':
      return new RegressionAccuracy();
    default:
      throw unknownName('accuracy', name);
  }
}

export function unknownName(what: string, name: unknown): ScratchnetError {
  return new ScratchnetError(
    'BAD_STATE',
    `the model description has an unknown ${what} ${describeValue(name)}`,
    'pass a description made by model.describe() or read from a scratchnet model file',
  );
}
