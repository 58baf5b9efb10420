// The Keras layer configs of a TensorFlow.js layers model, written and read.
// The field names and values are those tfjs-layers' getConfig() methods produce (snake_cased by
// convertTsToPythonic on save), as in tensorflow/tfjs:
//   tfjs-layers/src/layers/core.ts        Dense.getConfig, Dropout.getConfig, Activation.getConfig
//   tfjs-layers/src/engine/topology.ts    Layer.getConfig (name, trainable, batch_input_shape, dtype)
//   tfjs-layers/src/regularizers.ts       L1L2 (className 'L1L2', config {l1, l2})
//   tfjs-layers/src/initializers.ts       RandomNormal {mean, stddev, seed}, Zeros
//   tfjs-layers/src/engine/input_layer.ts InputLayer {batch_input_shape, dtype, sparse, name}
//   tfjs-layers/src/layers/advanced_activations.ts LeakyReLU {alpha} (default 0.3); 'tanh' is one of
//     tfjs-layers/src/activations.ts's names, so it folds into Dense like relu and sigmoid
import type {
  ActivationDescription,
  ActivationName,
  DenseDescription,
  DropoutDescription,
} from '../model/model-description.ts';
import {
  corrupt,
  type JsonObject,
  type JsonValue,
  requireAbsent,
  requireArray,
  requireCount,
  requireNonNegativeField,
  requireObject,
  requireOneOf,
  requireString,
} from './json-fields.ts';

export interface KerasLayerJson {
  class_name: string;
  config: { [key: string]: JsonValue };
}

export const ACTIVATION_NAMES: readonly ActivationName[] = [
  'relu',
  'softmax',
  'sigmoid',
  'linear',
  'tanh',
  'leaky_relu',
];
/** The activations Keras names as a string (a Dense layer's `activation`); LeakyReLU is a layer of its own. */
const KERAS_ACTIVATION_NAMES: readonly ActivationName[] = ['relu', 'softmax', 'sigmoid', 'linear', 'tanh'];
/** Keras's own default slope, for a LeakyReLU config that does not give one. */
const KERAS_LEAKY_ALPHA = 0.3;
/** scratchnet's default slope, for a description that does not give one. */
const LEAKY_ALPHA = 0.01;

/** Whether a Dense layer can carry this activation as its `activation` string. */
export function foldsIntoDense(activation: ActivationName): boolean {
  return activation !== 'linear' && KERAS_ACTIVATION_NAMES.includes(activation);
}
const SUPPORTED_HINT =
  'scratchnet reads Sequential models of Dense, Dropout, Activation and LeakyReLU layers only';

/** batch_input_shape and dtype, which Keras puts on the first layer of a Sequential model only. */
function inputFields(inputWidth: number | null): { [key: string]: JsonValue } {
  return inputWidth === null ? {} : { batch_input_shape: [null, inputWidth], dtype: 'float32' };
}

function regularizerJson(l1: number, l2: number): JsonValue {
  return l1 === 0 && l2 === 0 ? null : { class_name: 'L1L2', config: { l1, l2 } };
}

/** A Dense layer; `activation` is the following activation layer folded in ('linear' if none). */
export function denseJson(
  dense: DenseDescription,
  tfName: string,
  activation: ActivationName,
  inputWidth: number | null,
): KerasLayerJson {
  return {
    class_name: 'Dense',
    config: {
      units: dense.nNeurons,
      activation,
      use_bias: true,
      // the book's initialization, 0.01 · randn, and zero biases (used only if TF.js re-initializes)
      kernel_initializer: { class_name: 'RandomNormal', config: { mean: 0, stddev: 0.01, seed: null } },
      bias_initializer: { class_name: 'Zeros', config: {} },
      kernel_regularizer: regularizerJson(dense.weightRegularizerL1, dense.weightRegularizerL2),
      bias_regularizer: regularizerJson(dense.biasRegularizerL1, dense.biasRegularizerL2),
      activity_regularizer: null,
      kernel_constraint: null,
      bias_constraint: null,
      name: tfName,
      trainable: true,
      ...inputFields(inputWidth),
    },
  };
}

export function dropoutJson(
  dropout: DropoutDescription,
  tfName: string,
  inputWidth: number | null,
): KerasLayerJson {
  return {
    class_name: 'Dropout',
    config: {
      rate: dropout.rate,
      noise_shape: null,
      seed: null,
      name: tfName,
      trainable: true,
      ...inputFields(inputWidth),
    },
  };
}

export function activationJson(
  activation: ActivationName,
  tfName: string,
  inputWidth: number | null,
  alpha?: number,
): KerasLayerJson {
  if (activation === 'leaky_relu') {
    return {
      class_name: 'LeakyReLU',
      config: { alpha: alpha ?? LEAKY_ALPHA, name: tfName, trainable: true, ...inputFields(inputWidth) },
    };
  }
  return {
    class_name: 'Activation',
    config: { activation, name: tfName, trainable: true, ...inputFields(inputWidth) },
  };
}

/** One Keras layer as read back, before its weights are attached. */
export type ParsedLayer =
  | {
      kind: 'dense';
      tfName: string;
      units: number;
      activation: ActivationName;
      kernelL1: number;
      kernelL2: number;
      biasL1: number;
      biasL2: number;
    }
  | { kind: 'dropout'; tfName: string; rate: number }
  | { kind: 'activation'; tfName: string; activation: ActivationName; alpha?: number };

/** An activation layer as read, as scratchnet describes it (LeakyReLU with its alpha). */
export function activationDescription(
  layer: Extract<ParsedLayer, { kind: 'activation' }>,
): ActivationDescription {
  const { tfName: name, activation, alpha } = layer;
  return alpha === undefined
    ? { kind: 'activation', name, activation }
    : { kind: 'activation', name, activation, alpha };
}

export interface ParsedTopology {
  /** From an InputLayer or the first layer's batch_input_shape; null when the file does not say. */
  inputWidth: number | null;
  layers: ParsedLayer[];
}

/** Reads the `layers` array of a Sequential config. */
export function parseKerasLayers(layersJson: readonly unknown[], where: string): ParsedTopology {
  let inputWidth: number | null = null;
  const layers: ParsedLayer[] = [];
  layersJson.forEach((entry, i) => {
    const at = `${where}[${i}]`;
    const layer = requireObject(entry, at);
    const className = requireString(layer.class_name, `${at}.class_name`);
    const config = requireObject(layer.config, `${at}.config`);
    const tfName = requireString(config.name, `${at}.config.name`);
    const named = `${at} ("${tfName}")`;
    if (config.dtype !== undefined && config.dtype !== null) {
      requireOneOf(config.dtype, ['float32'], `${named}.config.dtype`, 'scratchnet models are float32');
    }
    const shape = config.batch_input_shape ?? config.batch_shape;
    if (i === 0 && shape !== undefined && shape !== null) inputWidth = parseBatchShape(shape, named);
    if (className === 'InputLayer') {
      if (i !== 0) throw corrupt(`model.json: ${named} is an InputLayer but not the first layer`);
      if (inputWidth === null) throw corrupt(`model.json: ${named} has no batch_input_shape`);
      return;
    }
    layers.push(parseLayer(className, config, tfName, named));
  });
  return { inputWidth, layers };
}

function parseBatchShape(value: unknown, named: string): number {
  const where = `${named}.config.batch_input_shape`;
  const shape = requireArray(value, where);
  if (shape.length !== 2 || shape[0] !== null) {
    throw corrupt(
      `model.json: ${where} must be [null, nInputs] (a batch of feature vectors), got ${JSON.stringify(shape)}`,
      SUPPORTED_HINT,
    );
  }
  return requireCount(shape[1], `${where}[1]`, 1);
}

function parseLayer(className: string, config: JsonObject, tfName: string, named: string): ParsedLayer {
  const at = `${named}.config`;
  switch (className) {
    case 'Dense': {
      if (config.use_bias !== undefined && config.use_bias !== true) {
        throw corrupt(
          `model.json: ${at}.use_bias is ${String(config.use_bias)}; scratchnet's Dense always has biases`,
          SUPPORTED_HINT,
        );
      }
      for (const key of ['activity_regularizer', 'kernel_constraint', 'bias_constraint']) {
        requireAbsent(config, key, at, SUPPORTED_HINT);
      }
      const kernel = parseRegularizer(config.kernel_regularizer, `${at}.kernel_regularizer`);
      const bias = parseRegularizer(config.bias_regularizer, `${at}.bias_regularizer`);
      return {
        kind: 'dense',
        tfName,
        units: requireCount(config.units, `${at}.units`, 1),
        activation: parseActivation(
          config.activation ?? 'linear',
          `${at}.activation`,
          KERAS_ACTIVATION_NAMES,
        ),
        kernelL1: kernel.l1,
        kernelL2: kernel.l2,
        biasL1: bias.l1,
        biasL2: bias.l2,
      };
    }
    case 'Dropout': {
      requireAbsent(config, 'noise_shape', at, SUPPORTED_HINT);
      const rate = requireNonNegativeField(config.rate, `${at}.rate`);
      if (rate >= 1) throw corrupt(`model.json: ${at}.rate must be in [0, 1), got ${rate}`);
      return { kind: 'dropout', tfName, rate };
    }
    case 'Activation':
      return {
        kind: 'activation',
        tfName,
        activation: parseActivation(config.activation, `${at}.activation`, KERAS_ACTIVATION_NAMES),
      };
    case 'LeakyReLU':
      return {
        kind: 'activation',
        tfName,
        activation: 'leaky_relu',
        alpha:
          config.alpha === undefined
            ? KERAS_LEAKY_ALPHA
            : requireNonNegativeField(config.alpha, `${at}.alpha`),
      };
    default:
      throw corrupt(
        `model.json: ${named} has class_name ${JSON.stringify(className)}, which scratchnet cannot load`,
        SUPPORTED_HINT,
      );
  }
}

function parseActivation(value: unknown, where: string, names: readonly ActivationName[]): ActivationName {
  return requireOneOf(
    value,
    names,
    where,
    'scratchnet has the relu, softmax, sigmoid, linear and tanh activations (and LeakyReLU layers)',
  );
}

/** L1L2 as TF.js writes it; Keras' own L1 and L2 classes are read too. null means no penalty. */
function parseRegularizer(value: unknown, where: string): { l1: number; l2: number } {
  if (value === undefined || value === null) return { l1: 0, l2: 0 };
  const regularizer = requireObject(value, where);
  const kind = requireOneOf(
    regularizer.class_name,
    ['L1L2', 'L1', 'L2'],
    `${where}.class_name`,
    SUPPORTED_HINT,
  );
  const config = requireObject(regularizer.config, `${where}.config`);
  const read = (key: 'l1' | 'l2', required: boolean) =>
    config[key] === undefined && !required
      ? 0
      : requireNonNegativeField(config[key], `${where}.config.${key}`);
  if (kind === 'L1') return { l1: read('l1', true), l2: 0 };
  if (kind === 'L2') return { l1: 0, l2: read('l2', true) };
  return { l1: read('l1', false), l2: read('l2', false) };
}
