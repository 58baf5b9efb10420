// Checks a ModelDescription before it is written, so that scratchnet never saves a file that it or
// TensorFlow.js would refuse to load.
import { describeValue, ScratchnetError } from '../errors/scratchnet-error.ts';
import { requireInteger, requireNonNegative, requireUnitInterval } from '../errors/validate.ts';
import type { DenseDescription, ModelDescription } from '../model/model-description.ts';
import { ACTIVATION_NAMES } from './keras-layer-configs.ts';

export function checkDescription(description: ModelDescription): void {
  const layers = description.layers;
  if (!layers.some((layer) => layer.kind === 'dense')) {
    throw new ScratchnetError(
      'BAD_STATE',
      `cannot save a model without a dense layer (it has ${layers.length} layers)`,
      'add at least one Dense layer: the saved file records the input width from it',
    );
  }
  let width: number | null = null;
  for (const [i, layer] of layers.entries()) {
    const where = `layers[${i}] ("${layer.name}")`;
    if (typeof layer.name !== 'string') {
      throw new ScratchnetError(
        'INVALID_OPTION',
        `layers[${i}].name must be a string, got ${describeValue(layer.name)}`,
      );
    }
    if (layer.kind === 'dense') {
      checkDense(layer, where, width);
      width = layer.nNeurons;
    } else if (layer.kind === 'dropout') {
      requireUnitInterval(`${where} rate`, layer.rate);
    } else if (layer.kind === 'activation') {
      if (!ACTIVATION_NAMES.includes(layer.activation)) {
        throw new ScratchnetError(
          'INVALID_OPTION',
          `${where} activation must be one of ${ACTIVATION_NAMES.join(', ')}, got ${describeValue(layer.activation)}`,
        );
      }
      const { alpha } = layer;
      if (alpha !== undefined && !(Number.isFinite(alpha) && alpha >= 0)) {
        throw new ScratchnetError(
          'INVALID_OPTION',
          `${where} alpha must be a finite number ≥ 0, got ${describeValue(alpha)}`,
        );
      }
    } else {
      const kind: unknown = (layer as { kind: unknown }).kind;
      throw new ScratchnetError('INVALID_OPTION', `${where} has an unknown kind ${describeValue(kind)}`);
    }
  }
}

function checkDense(dense: DenseDescription, where: string, width: number | null): void {
  const nInputs = requireInteger(`${where} nInputs`, dense.nInputs, 1);
  const nNeurons = requireInteger(`${where} nNeurons`, dense.nNeurons, 1);
  if (width !== null && nInputs !== width) {
    throw new ScratchnetError(
      'SHAPE_MISMATCH',
      `${where} takes ${nInputs} inputs, but the dense layer before it has ${width} neurons`,
      'each Dense layer takes as many inputs as the previous one has neurons',
    );
  }
  requireValues(`${where} weights`, dense.weights, nInputs * nNeurons, `[${nInputs}, ${nNeurons}]`);
  requireValues(`${where} biases`, dense.biases, nNeurons, `[${nNeurons}]`);
  requireNonNegative(`${where} weightRegularizerL1`, dense.weightRegularizerL1);
  requireNonNegative(`${where} weightRegularizerL2`, dense.weightRegularizerL2);
  requireNonNegative(`${where} biasRegularizerL1`, dense.biasRegularizerL1);
  requireNonNegative(`${where} biasRegularizerL2`, dense.biasRegularizerL2);
}

function requireValues(name: string, values: unknown, length: number, shape: string): void {
  if (!(values instanceof Float32Array) || values.length !== length) {
    const got = values instanceof Float32Array ? `${values.length} values` : describeValue(values);
    throw new ScratchnetError(
      'SHAPE_MISMATCH',
      `${name} must be a Float32Array of ${length} values ${shape}, got ${got}`,
    );
  }
  const bad = values.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) {
    throw new ScratchnetError(
      'DIVERGED',
      `cannot save: ${name}[${bad}] is ${values[bad]}`,
      'training diverged (NaN or Infinity in the weights); lower the learning rate and train again',
    );
  }
}
