import { ScratchnetError } from '../errors/scratchnet-error.ts';
import type { Layer } from '../layers/layer.ts';
import { layerKind } from './layer-kind.ts';

/**
 * Gives every layer that still carries its kind's default name ('dense', 'relu', 'dropout', …) the
 * book's numbered name: the n-th Dense is `dense<n>`, the n-th ReLU `relu<n>`, and so on. Names a
 * user chose are kept. Parameter names follow their layer (`dense1.weights`), because optimizer
 * state, saved files and `getParameters()` are keyed by them. Throws BAD_STATE when two layers end
 * up with the same name or one layer object was added twice.
 */
export function assignLayerNames(layers: readonly Layer[]): void {
  const counts = new Map<string, number>();
  for (const layer of layers) {
    const kind = layerKind(layer);
    if (kind === null) continue;
    const n = (counts.get(kind) ?? 0) + 1;
    counts.set(kind, n);
    if (layer.name === kind) layer.name = `${kind}${n}`;
  }
  for (const layer of layers) {
    for (const parameter of layer.parameters()) {
      const suffix = parameter.name.slice(parameter.name.lastIndexOf('.') + 1);
      parameter.name = `${layer.name}.${suffix}`;
    }
  }
  requireUnique(layers);
}

function requireUnique(layers: readonly Layer[]): void {
  const seen = new Map<string, number>();
  for (const [i, layer] of layers.entries()) {
    if (layers.indexOf(layer) !== i) {
      throw new ScratchnetError(
        'BAD_STATE',
        `layer ${layer.name} was added twice (positions ${layers.indexOf(layer)} and ${i})`,
        'a layer keeps the buffers of one place in the network: create a new layer for each position',
      );
    }
    const before = seen.get(layer.name);
    if (before !== undefined) {
      throw new ScratchnetError(
        'BAD_STATE',
        `two layers are named ${JSON.stringify(layer.name)} (positions ${before} and ${i})`,
        'give each layer a unique name, or leave the default name and let finalize() number it',
      );
    }
    seen.set(layer.name, i);
  }
}
