// Reading model.json files TensorFlow.js wrote (no scratchnet metadata, TF.js layer names, variants).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { edited, getAt, setAt } from '../../test/json-paths.ts';
import { bytesOf, chapter15Description } from '../../test/model-descriptions.ts';
import type { DenseDescription } from '../model/model-description.ts';
import type { JsonObject } from './json-fields.ts';
import { fromLayersModelArtifacts, toLayersModelArtifacts } from './tfjs-artifacts.ts';

const description = chapter15Description();
const dense1 = description.layers[0] as DenseDescription;
const dense2 = description.layers[3] as DenseDescription;
const saved = toLayersModelArtifacts(description);

/** What TensorFlow.js 4.22 writes for the same network built with tf.sequential (abridged). */
function tfjsJson(): JsonObject {
  const l2 = { class_name: 'L1L2', config: { l1: 0, l2: 0.0005 } };
  const dense = (name: string, units: number, activation: string, extra: JsonObject) => ({
    class_name: 'Dense',
    config: {
      units,
      activation,
      use_bias: true,
      kernel_initializer: {
        class_name: 'VarianceScaling',
        config: { scale: 1, mode: 'fan_avg', distribution: 'normal', seed: null },
      },
      bias_initializer: { class_name: 'Zeros', config: {} },
      activity_regularizer: null,
      kernel_constraint: null,
      bias_constraint: null,
      name,
      trainable: true,
      ...extra,
    },
  });
  return {
    modelTopology: {
      class_name: 'Sequential',
      config: {
        name: 'sequential_1',
        layers: [
          dense('dense_Dense1', 64, 'relu', {
            kernel_regularizer: l2,
            bias_regularizer: l2,
            batch_input_shape: [null, 2],
            dtype: 'float32',
          }),
          {
            class_name: 'Dropout',
            config: { rate: 0.1, noise_shape: null, seed: null, name: 'dropout_Dropout1', trainable: true },
          },
          dense('dense_Dense2', 3, 'linear', { kernel_regularizer: null, bias_regularizer: null }),
          {
            class_name: 'Activation',
            config: { activation: 'softmax', name: 'activation_Activation1', trainable: true },
          },
        ],
      },
      keras_version: 'tfjs-layers 4.22.0',
      backend: 'tensor_flow.js',
    },
    format: 'layers-model',
    generatedBy: 'TensorFlow.js tfjs-layers v4.22.0',
    convertedBy: null,
    weightsManifest: [
      {
        paths: ['weights.bin'],
        weights: [
          { name: 'dense_Dense1/kernel', shape: [2, 64], dtype: 'float32' },
          { name: 'dense_Dense1/bias', shape: [64], dtype: 'float32' },
          { name: 'dense_Dense2/kernel', shape: [64, 3], dtype: 'float32' },
          { name: 'dense_Dense2/bias', shape: [3], dtype: 'float32' },
        ],
      },
    ],
  };
}

function summary(json: unknown, weightData = saved.weightData) {
  return fromLayersModelArtifacts(json, weightData).layers.map((l) =>
    l.kind === 'dense'
      ? [
          l.name,
          l.nInputs,
          l.nNeurons,
          l.weightRegularizerL2,
          l.biasRegularizerL2,
          Array.from(bytesOf(l.biases)),
        ]
      : [l.name, l.kind === 'dropout' ? l.rate : l.activation],
  );
}

const expectedFromTfjs = [
  ['dense_Dense1', 2, 64, 5e-4, 5e-4, Array.from(bytesOf(dense1.biases))],
  ['dense_Dense1_relu', 'relu'],
  ['dropout_Dropout1', 0.1],
  ['dense_Dense2', 64, 3, 0, 0, Array.from(bytesOf(dense2.biases))],
  ['activation_Activation1', 'softmax'],
];

describe('fromLayersModelArtifacts reads what TensorFlow.js writes', () => {
  test('a tf.sequential file: weights by name, relu split off its Dense, TF.js names kept', () => {
    const loaded = fromLayersModelArtifacts(tfjsJson(), saved.weightData);
    assert.deepEqual(summary(tfjsJson()), expectedFromTfjs);
    assert.deepEqual(bytesOf((loaded.layers[0] as DenseDescription).weights), bytesOf(dense1.weights));
    assert.deepEqual([loaded.loss, loaded.optimizer, loaded.accuracy], [null, null, null]);
  });

  test('an InputLayer first, a bare layer array (legacy), a model_config wrapper, Keras L2 classes', () => {
    const withInput = edited(tfjsJson(), [
      ['modelTopology.config.layers.0.config.batch_input_shape', undefined],
    ]);
    const layers = getAt(withInput, 'modelTopology.config.layers');
    assert.ok(Array.isArray(layers));
    layers.unshift({
      class_name: 'InputLayer',
      config: { batch_input_shape: [null, 2], dtype: 'float32', sparse: false, name: 'input1' },
    });
    assert.deepEqual(summary(withInput), expectedFromTfjs);
    const legacy = tfjsJson();
    setAt(legacy, 'modelTopology.config', getAt(legacy, 'modelTopology.config.layers'));
    assert.deepEqual(summary(legacy), expectedFromTfjs);
    const wrapped = tfjsJson();
    setAt(wrapped, 'modelTopology', {
      keras_version: '2.15.0',
      backend: 'tensorflow',
      model_config: wrapped.modelTopology,
    });
    setAt(wrapped, 'modelTopology.model_config.config.layers.0.config.kernel_regularizer', {
      class_name: 'L2',
      config: { l2: 0.0005 },
    });
    assert.deepEqual(summary(wrapped), expectedFromTfjs);
  });

  test('manifest order does not matter (names do); optimizer weights are skipped but counted', () => {
    const json = tfjsJson();
    const entry = (i: number) => getAt(json, `weightsManifest.0.weights.${i}`);
    setAt(json, 'weightsManifest', [
      { paths: ['group1-shard1of1.bin'], weights: [entry(1), entry(0)] },
      {
        paths: ['group2-shard1of1.bin'],
        weights: [{ name: 'iter', shape: [], dtype: 'int32', group: 'optimizer' }, entry(2), entry(3)],
      },
    ]);
    const data = Uint8Array.from([
      ...bytesOf(dense1.biases),
      ...bytesOf(dense1.weights),
      0,
      0,
      0,
      0,
      ...bytesOf(dense2.weights),
      ...bytesOf(dense2.biases),
    ]);
    assert.deepEqual(summary(json, data), expectedFromTfjs);
  });
});
