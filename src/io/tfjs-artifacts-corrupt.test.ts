// Refusing a damaged model.json or weight data with CORRUPT_MODEL_FILE, naming what is wrong.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { withCode } from '../../test/assertions.ts';
import { edited } from '../../test/json-paths.ts';
import { chapter15Description } from '../../test/model-descriptions.ts';
import { isObject } from './json-fields.ts';
import { fromLayersModelArtifacts, toLayersModelArtifacts } from './tfjs-artifacts.ts';

const saved = toLayersModelArtifacts(chapter15Description());

/** A fresh copy of our model.json, as JSON.parse gives it. */
function ourJson(): unknown {
  return JSON.parse(JSON.stringify(saved.modelJson));
}

const bytes = saved.weightData.byteLength; // (2·64 + 64 + 64·3 + 3) · 4 = 1548
const withNaN = Uint8Array.from(saved.weightData);
new DataView(withNaN.buffer).setFloat32(4 * 5, Number.NaN, true);
const cases: [string, [string, unknown][], Uint8Array, string][] = [
  [
    'weights.bin one byte short',
    [],
    saved.weightData.subarray(0, bytes - 1),
    `expected ${bytes} bytes (the sum of the weights manifest's shapes × 4), got ${bytes - 1}; it is missing bytes`,
  ],
  [
    'weights.bin with one extra byte',
    [],
    Uint8Array.from([...saved.weightData, 0]),
    `expected ${bytes} bytes (the sum of the weights manifest's shapes × 4), got ${bytes + 1}; it has extra bytes`,
  ],
  ['an empty weights.bin', [], new Uint8Array(0), 'got 0'],
  ['a NaN weight', [], withNaN, 'weight "dense1/kernel" element 5 is NaN'],
  ['not an object', [['modelTopology', 'x']], saved.weightData, 'modelTopology must be an object, got "x"'],
  ['a graph model', [['format', 'graph-model']], saved.weightData, 'format is "graph-model"'],
  [
    'a functional model',
    [['modelTopology.class_name', 'Model']],
    saved.weightData,
    'class_name is "Model", not "Sequential"',
  ],
  [
    'an unknown layer class',
    [['modelTopology.config.layers.1.class_name', 'Conv2D']],
    saved.weightData,
    'layers[1] ("dropout1") has class_name "Conv2D", which scratchnet cannot load',
  ],
  [
    'an unknown activation',
    [['modelTopology.config.layers.0.config.activation', 'selu']],
    saved.weightData,
    'activation must be one of "relu", "softmax", "sigmoid", "linear", "tanh", got "selu"',
  ],
  [
    'a Dense without bias',
    [['modelTopology.config.layers.2.config.use_bias', false]],
    saved.weightData,
    'use_bias is false',
  ],
  [
    'a dropout rate of 1',
    [['modelTopology.config.layers.1.config.rate', 1]],
    saved.weightData,
    'rate must be in [0, 1), got 1',
  ],
  [
    'a negative λ',
    [['modelTopology.config.layers.0.config.kernel_regularizer.config.l2', -1]],
    saved.weightData,
    'kernel_regularizer.config.l2 must be >= 0, got -1',
  ],
  [
    'a float64 layer',
    [['modelTopology.config.layers.0.config.dtype', 'float64']],
    saved.weightData,
    'dtype must be one of "float32", got "float64"',
  ],
  [
    'a wrong dtype in the manifest',
    [['weightsManifest.0.weights.1.dtype', 'int32']],
    saved.weightData,
    'weights[1] ("dense1/bias").dtype must be one of "float32", got "int32"',
  ],
  [
    'a quantized weight',
    [['weightsManifest.0.weights.0.quantization', { dtype: 'uint8', scale: 1, min: 0 }]],
    saved.weightData,
    'quantized',
  ],
  [
    'units that disagree with the kernel',
    [['modelTopology.config.layers.2.config.units', 4]],
    saved.weightData,
    'weight "dense2/kernel" has shape [64,3] in the weights manifest, but Dense "dense2" with 64 inputs and 4 units needs [64,4]',
  ],
  [
    'an input shape that disagrees with the kernel',
    [['modelTopology.config.layers.0.config.batch_input_shape', [null, 3]]],
    saved.weightData,
    'shape [2,64] in the weights manifest, but Dense "dense1" with 3 inputs and 64 units needs [3,64]',
  ],
  [
    'a kernel of the wrong rank',
    [['weightsManifest.0.weights.0.shape', [128]]],
    saved.weightData,
    'has shape [128]',
  ],
  [
    'a missing kernel',
    [['weightsManifest.0.weights.0.name', 'dense9/kernel']],
    saved.weightData,
    'the weights manifest has no "dense1/kernel" for Dense layer "dense1"',
  ],
  [
    'a weight twice',
    [['weightsManifest.0.weights.2.name', 'dense1/kernel']],
    saved.weightData,
    'lists "dense1/kernel" twice',
  ],
  [
    'a negative dimension',
    [['weightsManifest.0.weights.1.shape', [-64]]],
    saved.weightData,
    'shape[0] must be an integer >= 0, got -64',
  ],
  [
    'layer names that do not fit the layers',
    [['userDefinedMetadata.scratchnet.layerNames', ['dense1', 'relu1', 'dropout1', 'dense2']]],
    saved.weightData,
    'layerNames has 4 names, but the topology holds 5',
  ],
  [
    'an unknown loss',
    [['userDefinedMetadata.scratchnet.loss', 'hinge']],
    saved.weightData,
    'scratchnet.loss must be one of',
  ],
];

describe('fromLayersModelArtifacts refuses a damaged file with CORRUPT_MODEL_FILE', () => {
  for (const [what, edits, weightData, named] of cases) {
    test(what, () => {
      const json = edited(ourJson(), edits);
      assert.throws(() => fromLayersModelArtifacts(json, weightData), withCode('CORRUPT_MODEL_FILE', named));
    });
  }

  test('every refusal carries a hint', () => {
    const json = edited(ourJson(), [['modelTopology.config.layers.1.class_name', 'Conv2D']]);
    assert.throws(
      () => fromLayersModelArtifacts(json, saved.weightData),
      (error: unknown) =>
        isObject(error) &&
        String(error.hint).includes('Dense, Dropout, Activation and LeakyReLU layers only'),
    );
    assert.throws(
      () => fromLayersModelArtifacts(ourJson(), saved.weightData.subarray(4)),
      (error: unknown) => isObject(error) && String(error.hint).includes('truncated'),
    );
  });
});
