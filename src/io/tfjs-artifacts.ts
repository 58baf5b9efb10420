// A ModelDescription as TensorFlow.js "layers-model" artifacts (model.json + weight bytes), and back.
// Pure and browser-safe: no node: imports; src/io/model-files.ts puts the artifacts on disk.
//
// The format is TF.js's own, as written by LayersModel.save and read by tf.loadLayersModel, in
// tensorflow/tfjs:
//   tfjs-core/src/io/types.ts            ModelJSON (modelTopology, format, generatedBy, convertedBy,
//                                        weightsManifest, userDefinedMetadata), ModelArtifacts
//   tfjs-layers/src/engine/training.ts   LayersModel.save: format 'layers-model', weight specs in
//                                        layer order, named `<layer name>/kernel`, `<layer name>/bias`
//   tfjs-layers/src/engine/container.ts  toJSON: {class_name, config, keras_version, backend};
//                                        loadWeights matches manifest names to layers' weights
//   tfjs-layers/src/models.ts            Sequential.getConfig {name, layers}; fromConfig also takes the
//                                        legacy bare array; a 'model_config' wrapper is unwrapped
//   tfjs-node/src/io/file_system.ts      model.json + weights.bin, manifest paths ['weights.bin']
//
// Decisions: a Dense followed by a non-linear activation layer is saved as one Dense with that
// `activation` (what a TF.js user writes) and split again on load; scratchnet's own layer names (TF.js
// allows only /^[A-Za-z0-9][-A-Za-z0-9._]*$/, unique) travel in userDefinedMetadata.scratchnet.
import type { ActivationName, LayerDescription, ModelDescription } from '../model/model-description.ts';
import { SCRATCHNET_VERSION } from '../version.ts';
import { checkDescription } from './check-description.ts';
import { corrupt, type JsonObject, requireArray, requireObject, requireString } from './json-fields.ts';
import {
  activationDescription,
  activationJson,
  denseJson,
  dropoutJson,
  foldsIntoDense,
  type KerasLayerJson,
  type ParsedTopology,
  parseKerasLayers,
} from './keras-layer-configs.ts';
import { metadataFor, parseScratchnetMetadata, type ScratchnetMetadata } from './scratchnet-metadata.ts';
import {
  type ManifestEntry,
  type ParsedManifest,
  packFloat32,
  parseWeightsManifest,
  readFloat32,
  requireByteLength,
  requireShape,
  type WeightSpecJson,
  type WeightsManifestGroupJson,
} from './weights-manifest.ts';

export const WEIGHTS_FILE_NAME = 'weights.bin';
const GENERATED_BY = `scratchnet ${SCRATCHNET_VERSION}`;
const SUPPORTED_HINT = 'scratchnet reads Sequential models of Dense, Dropout and Activation layers only';

export interface LayersModelJson {
  modelTopology: {
    class_name: 'Sequential';
    config: { name: string; layers: KerasLayerJson[] };
    keras_version: string;
    backend: string;
  };
  format: 'layers-model';
  generatedBy: string;
  convertedBy: null;
  weightsManifest: WeightsManifestGroupJson[];
  userDefinedMetadata: { scratchnet: ScratchnetMetadata };
}

export interface LayersModelArtifacts {
  modelJson: LayersModelJson;
  /** Float32 little-endian, in the manifest's order: the content of weights.bin. */
  weightData: Uint8Array;
}

export function toLayersModelArtifacts(description: ModelDescription): LayersModelArtifacts {
  checkDescription(description);
  const source = description.layers;
  const firstDense = source.find((layer) => layer.kind === 'dense');
  const taken = new Set<string>();
  const layers: KerasLayerJson[] = [];
  const specs: WeightSpecJson[] = [];
  const arrays: Float32Array[] = [];
  for (let i = 0; i < source.length; i++) {
    const layer = source[i];
    const inputWidth = layers.length === 0 && firstDense !== undefined ? firstDense.nInputs : null;
    const tfName = tfjsLayerName(layer.name, taken);
    if (layer.kind === 'dense') {
      const next = source[i + 1];
      const folded: ActivationName =
        next?.kind === 'activation' && foldsIntoDense(next.activation) ? next.activation : 'linear';
      if (folded !== 'linear') i++;
      layers.push(denseJson(layer, tfName, folded, inputWidth));
      specs.push({ name: `${tfName}/kernel`, shape: [layer.nInputs, layer.nNeurons], dtype: 'float32' });
      specs.push({ name: `${tfName}/bias`, shape: [layer.nNeurons], dtype: 'float32' });
      arrays.push(layer.weights, layer.biases);
    } else if (layer.kind === 'dropout') {
      layers.push(dropoutJson(layer, tfName, inputWidth));
    } else {
      layers.push(activationJson(layer.activation, tfName, inputWidth, layer.alpha));
    }
  }
  const modelJson: LayersModelJson = {
    modelTopology: {
      class_name: 'Sequential',
      config: { name: 'scratchnet', layers },
      keras_version: GENERATED_BY,
      backend: 'tensor_flow.js',
    },
    format: 'layers-model',
    generatedBy: GENERATED_BY,
    convertedBy: null,
    weightsManifest: [{ paths: [WEIGHTS_FILE_NAME], weights: specs }],
    userDefinedMetadata: { scratchnet: metadataFor(description) },
  };
  return { modelJson, weightData: packFloat32(arrays) };
}

/** A name TF.js accepts for a layer (and for `<name>/kernel`), unique among `taken`. */
function tfjsLayerName(name: string, taken: Set<string>): string {
  let base = name.replace(/[^-A-Za-z0-9._]/g, '_');
  if (!/^[A-Za-z0-9]/.test(base)) base = `layer${base}`;
  let candidate = base;
  for (let k = 2; taken.has(candidate); k++) candidate = `${base}_${k}`;
  taken.add(candidate);
  return candidate;
}

/** What loading a model.json gives: the description, and what the Node loader checks beside it. */
export interface LoadedLayersModel {
  description: ModelDescription;
  /** The sha256 scratchnet recorded of the weight data; null when TF.js (or anyone else) wrote the file. */
  weightsSha256: string | null;
  /** What the saver stored under userDefinedMetadata.scratchnet.extras ({} if nothing). */
  extras: JsonObject;
}

/** Reads our files and TF.js's own for an equivalent Sequential network; refuses anything else. */
export function fromLayersModelArtifacts(modelJson: unknown, weightData: Uint8Array): ModelDescription {
  return readLayersModel(modelJson, weightData).description;
}

export function readLayersModel(modelJson: unknown, weightData: Uint8Array): LoadedLayersModel {
  const root = requireObject(modelJson, 'the top level');
  if (root.format !== undefined && root.format !== 'layers-model') {
    throw corrupt(
      `model.json: format is ${JSON.stringify(root.format)}; scratchnet loads "layers-model" files only`,
      'save the model with LayersModel.save in TensorFlow.js (a converted graph model has no layers to read)',
    );
  }
  const topology = parseKerasLayers(sequentialLayers(root.modelTopology), 'modelTopology.config.layers');
  const manifest = parseWeightsManifest(root.weightsManifest);
  requireByteLength(manifest, weightData);
  const layers = attachWeights(topology, manifest, weightData);
  const fromScratchnet = typeof root.generatedBy === 'string' && root.generatedBy.startsWith('scratchnet ');
  const meta = parseScratchnetMetadata(root.userDefinedMetadata);
  if (meta !== null && meta.layerNames.length === layers.length) {
    layers.forEach((layer, i) => {
      layer.name = meta.layerNames[i];
    });
  } else if (meta !== null && fromScratchnet) {
    throw corrupt(
      `model.json: userDefinedMetadata.scratchnet.layerNames has ${meta.layerNames.length} names, ` +
        `but the topology holds ${layers.length} scratchnet layers`,
    );
  }
  return {
    description: {
      layers,
      loss: meta?.loss ?? null,
      optimizer: meta?.optimizer ?? null,
      accuracy: meta?.accuracy ?? null,
    },
    // a TF.js user may load our file, train and save it again: the metadata survives, the sha is stale
    weightsSha256: fromScratchnet ? (meta?.weightsSha256 ?? null) : null,
    extras: meta?.extras ?? {},
  };
}

function sequentialLayers(value: unknown): readonly unknown[] {
  let topology = requireObject(value, 'modelTopology');
  // converted Keras files wrap the model as {keras_version, backend, model_config, training_config}
  if (topology.model_config !== undefined)
    topology = requireObject(topology.model_config, 'modelTopology.model_config');
  const className = requireString(topology.class_name, 'modelTopology.class_name');
  if (className !== 'Sequential') {
    throw corrupt(
      `model.json: modelTopology.class_name is ${JSON.stringify(className)}, not "Sequential"`,
      SUPPORTED_HINT,
    );
  }
  if (Array.isArray(topology.config)) return topology.config;
  return requireArray(
    requireObject(topology.config, 'modelTopology.config').layers,
    'modelTopology.config.layers',
  );
}

/** Pairs each Dense layer with its kernel and bias by name, checking shapes along the chain. */
function attachWeights(
  topology: ParsedTopology,
  manifest: ParsedManifest,
  weightData: Uint8Array,
): LayerDescription[] {
  const unclaimed = new Map<string, ManifestEntry>();
  for (const entry of manifest.entries) if (entry.group === 'model') unclaimed.set(entry.name, entry);
  const claim = (name: string, layer: string): ManifestEntry => {
    const entry = unclaimed.get(name);
    if (entry === undefined)
      throw corrupt(`model.json: the weights manifest has no "${name}" for Dense layer "${layer}"`);
    unclaimed.delete(name);
    return entry;
  };
  const layers: LayerDescription[] = [];
  let width = topology.inputWidth;
  for (const layer of topology.layers) {
    if (layer.kind === 'dropout') layers.push({ kind: 'dropout', name: layer.tfName, rate: layer.rate });
    if (layer.kind === 'activation') layers.push(activationDescription(layer));
    if (layer.kind !== 'dense') continue;
    const kernel = claim(`${layer.tfName}/kernel`, layer.tfName);
    const bias = claim(`${layer.tfName}/bias`, layer.tfName);
    // without a batch_input_shape (legacy files), the first kernel says how many inputs there are
    layers.push(denseLayer(layer, kernel, bias, width ?? kernel.shape[0], width !== null, weightData));
    if (layer.activation !== 'linear') {
      layers.push({
        kind: 'activation',
        name: `${layer.tfName}_${layer.activation}`,
        activation: layer.activation,
      });
    }
    width = layer.units;
  }
  const [stray] = unclaimed.keys();
  if (stray !== undefined)
    throw corrupt(`model.json: weight "${stray}" in the weights manifest belongs to no Dense layer`);
  if (!layers.some((layer) => layer.kind === 'dense')) {
    throw corrupt('model.json: the model has no Dense layer', SUPPORTED_HINT);
  }
  return layers;
}

/** A Dense layer's description from its kernel and bias entries, their shapes checked. */
function denseLayer(
  layer: Extract<ParsedTopology['layers'][number], { kind: 'dense' }>,
  kernel: ManifestEntry,
  bias: ManifestEntry,
  nInputs: number,
  inputsDeclared: boolean,
  weightData: Uint8Array,
): LayerDescription {
  const inputs = inputsDeclared ? `${nInputs} inputs and ` : '';
  requireShape(kernel, [nInputs, layer.units], `Dense "${layer.tfName}" with ${inputs}${layer.units} units`);
  if (!(nInputs >= 1)) throw corrupt(`model.json: weight "${kernel.name}" has no rows`);
  requireShape(bias, [layer.units], `Dense "${layer.tfName}" with ${layer.units} units`);
  return {
    kind: 'dense',
    name: layer.tfName,
    nInputs,
    nNeurons: layer.units,
    weightRegularizerL1: layer.kernelL1,
    weightRegularizerL2: layer.kernelL2,
    biasRegularizerL1: layer.biasL1,
    biasRegularizerL2: layer.biasL2,
    weights: readFloat32(kernel, weightData),
    biases: readFloat32(bias, weightData),
  };
}
