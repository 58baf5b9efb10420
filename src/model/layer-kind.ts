import { LeakyReLU, Linear, ReLU, Sigmoid, Softmax, Tanh } from '../layers/activations.ts';
import { Dense } from '../layers/dense.ts';
import { Dropout } from '../layers/dropout.ts';
import type { Layer } from '../layers/layer.ts';
import type { ActivationName } from './model-description.ts';

/** The layer kinds scratchnet knows how to name, summarize and describe. */
export type LayerKind = 'dense' | 'dropout' | ActivationName;

/** How each kind is shown in a summary (the class name a user wrote). */
export const KIND_TITLES: Readonly<Record<LayerKind, string>> = {
  dense: 'Dense',
  dropout: 'Dropout',
  relu: 'ReLU',
  softmax: 'Softmax',
  sigmoid: 'Sigmoid',
  linear: 'Linear',
  tanh: 'Tanh',
  leaky_relu: 'LeakyReLU',
};

/** The kind of a built-in layer, or null for a layer of the user's own. */
export function layerKind(layer: Layer): LayerKind | null {
  if (layer instanceof Dense) return 'dense';
  if (layer instanceof Dropout) return 'dropout';
  if (layer instanceof ReLU) return 'relu';
  if (layer instanceof Softmax) return 'softmax';
  if (layer instanceof Sigmoid) return 'sigmoid';
  if (layer instanceof Linear) return 'linear';
  if (layer instanceof Tanh) return 'tanh';
  if (layer instanceof LeakyReLU) return 'leaky_relu';
  return null;
}

/** The title shown for any layer: the kind's, or the class name of a custom layer. */
export function kindTitle(layer: Layer): string {
  const kind = layerKind(layer);
  return kind === null ? layer.constructor.name : KIND_TITLES[kind];
}
