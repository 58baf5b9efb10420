import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { withCode } from '../../test/assertions.ts';
import { bytesOf, chapter15Description, randomDense } from '../../test/model-descriptions.ts';
import type { ActivationName, LayerDescription, ModelDescription } from '../model/model-description.ts';
import { RandomState } from '../tensor/random.ts';
import { fromLayersModelArtifacts, toLayersModelArtifacts } from './tfjs-artifacts.ts';

/** Save and load through JSON text, as the files do. */
function roundTrip(description: ModelDescription): ModelDescription {
  const { modelJson, weightData } = toLayersModelArtifacts(description);
  return fromLayersModelArtifacts(JSON.parse(JSON.stringify(modelJson)), weightData);
}

/** Weights as their bytes, so that deepEqual compares them bit for bit. */
function comparable(description: ModelDescription): unknown {
  return {
    ...description,
    layers: description.layers.map((layer) =>
      layer.kind === 'dense'
        ? { ...layer, weights: Array.from(bytesOf(layer.weights)), biases: Array.from(bytesOf(layer.biases)) }
        : layer,
    ),
  };
}

// leaky_relu carries its alpha: it has its own round-trip test below
const ACTIVATIONS: ActivationName[] = ['relu', 'softmax', 'sigmoid', 'linear', 'tanh'];
// `+ 0` turns −0 into +0: JSON has no −0 for a rate or a λ (weights keep theirs, in binary)
const lambda = fc.oneof(
  fc.constant(0),
  fc.double({ min: 0, max: 10, noNaN: true }).map((x) => x + 0),
);
const name = fc.string({ maxLength: 6 });
const step = fc.oneof(
  fc.record({
    kind: fc.constant('dense' as const),
    name,
    nNeurons: fc.integer({ min: 1, max: 4 }),
    lambdas: fc.tuple(lambda, lambda, lambda, lambda),
  }),
  fc.record({
    kind: fc.constant('dropout' as const),
    name,
    rate: fc.double({ min: 0, max: 0.99, noNaN: true }).map((x) => x + 0),
  }),
  fc.record({ kind: fc.constant('activation' as const), name, activation: fc.constantFrom(...ACTIVATIONS) }),
);
const plan = fc
  .record({
    nInputs: fc.integer({ min: 1, max: 4 }),
    steps: fc.array(step, { minLength: 1, maxLength: 7 }),
    loss: fc.constantFrom('categoricalCrossentropy', 'meanSquaredError', null),
    accuracy: fc.constantFrom('categorical', 'regression', null),
  })
  .filter((p) => p.steps.some((s) => s.kind === 'dense'));
const floats = (n: number) =>
  fc.float32Array({ minLength: n, maxLength: n, noNaN: true, noDefaultInfinity: true });

/** Random layer stacks whose weights include −0, subnormals and the largest float32 values. */
const descriptions: fc.Arbitrary<ModelDescription> = plan.chain((p) => {
  let width = p.nInputs;
  const shapes: [number, number][] = [];
  for (const s of p.steps) {
    if (s.kind !== 'dense') continue;
    shapes.push([width, s.nNeurons]);
    width = s.nNeurons;
  }
  return fc
    .tuple(...shapes.map(([rows, cols]) => fc.tuple(floats(rows * cols), floats(cols))))
    .map((weights) => {
      let d = 0;
      const layers: LayerDescription[] = p.steps.map((s) => {
        if (s.kind === 'dropout' || s.kind === 'activation') return { ...s }; // fc.record objects have no prototype
        const [[nInputs, nNeurons], [w, b]] = [shapes[d], weights[d++]];
        const [weightRegularizerL1, weightRegularizerL2, biasRegularizerL1, biasRegularizerL2] = s.lambdas;
        return {
          kind: 'dense',
          name: s.name,
          nInputs,
          nNeurons,
          weightRegularizerL1,
          weightRegularizerL2,
          biasRegularizerL1,
          biasRegularizerL2,
          weights: w,
          biases: b,
        };
      });
      return {
        layers,
        loss: p.loss,
        optimizer: { name: 'sgd', learningRate: 1, decay: 1e-3, momentum: 0.9 },
        accuracy: p.accuracy,
      };
    });
});

describe('toLayersModelArtifacts → fromLayersModelArtifacts', () => {
  test('gives back the same description, weights bit for bit (random layer stacks, seeded)', () => {
    fc.assert(
      fc.property(descriptions, (description) => {
        assert.deepEqual(comparable(roundTrip(description)), comparable(description));
      }),
      { seed: 20240615, numRuns: 300 },
    );
  });

  test('the chapter-15 network: relu and softmax folded into their Dense layers, split again on load', () => {
    const description = chapter15Description();
    const { modelJson, weightData } = toLayersModelArtifacts(description);
    const layers = modelJson.modelTopology.config.layers;
    assert.deepEqual(
      layers.map((l) => [l.class_name, l.config.name, l.config.activation ?? null]),
      [
        ['Dense', 'dense1', 'relu'],
        ['Dropout', 'dropout1', null],
        ['Dense', 'dense2', 'softmax'],
      ],
    );
    assert.deepEqual(layers[0].config.batch_input_shape, [null, 2]);
    assert.equal(layers[0].config.dtype, 'float32');
    assert.equal(layers[1].config.batch_input_shape, undefined, 'only the first layer has an input shape');
    assert.deepEqual(layers[0].config.kernel_regularizer, {
      class_name: 'L1L2',
      config: { l1: 0, l2: 5e-4 },
    });
    assert.deepEqual(layers[0].config.bias_regularizer, { class_name: 'L1L2', config: { l1: 0, l2: 5e-4 } });
    assert.equal(layers[2].config.kernel_regularizer, null, 'no penalty → null, as TF.js writes it');
    assert.equal(layers[1].config.rate, 0.1);
    assert.deepEqual(modelJson.weightsManifest, [
      {
        paths: ['weights.bin'],
        weights: [
          { name: 'dense1/kernel', shape: [2, 64], dtype: 'float32' },
          { name: 'dense1/bias', shape: [64], dtype: 'float32' },
          { name: 'dense2/kernel', shape: [64, 3], dtype: 'float32' },
          { name: 'dense2/bias', shape: [3], dtype: 'float32' },
        ],
      },
    ]);
    assert.equal(weightData.byteLength, (2 * 64 + 64 + 64 * 3 + 3) * 4);
    assert.equal(modelJson.format, 'layers-model');
    assert.equal(modelJson.generatedBy, 'scratchnet 0.1.0');
    assert.equal(modelJson.convertedBy, null);
    const meta = modelJson.userDefinedMetadata.scratchnet;
    assert.deepEqual(meta.layerNames, ['dense1', 'relu1', 'dropout1', 'dense2', 'softmax2']);
    assert.deepEqual(
      [meta.loss, meta.accuracy, meta.optimizer?.name],
      ['categoricalCrossentropy', 'categorical', 'adam'],
    );
    assert.deepEqual(comparable(roundTrip(description)), comparable(description));
  });

  test('the kernel is stored row-major [nInputs, nNeurons] as it is in memory: no transpose', () => {
    const description = chapter15Description();
    const { weightData } = toLayersModelArtifacts(description);
    const dense1 = description.layers[0];
    assert.ok(dense1.kind === 'dense');
    assert.deepEqual(weightData.subarray(0, 2 * 64 * 4), bytesOf(dense1.weights));
  });

  test('a linear activation layer, or one after a dropout, stays an Activation layer', () => {
    const rng = new RandomState(1);
    const description: ModelDescription = {
      layers: [
        { kind: 'dropout', name: 'in-drop', rate: 0.2 },
        randomDense('d', 3, 2, rng),
        { kind: 'activation', name: 'lin', activation: 'linear' },
        { kind: 'activation', name: 'sig', activation: 'sigmoid' },
      ],
      loss: null,
      optimizer: null,
      accuracy: null,
    };
    const layers = toLayersModelArtifacts(description).modelJson.modelTopology.config.layers;
    assert.deepEqual(
      layers.map((l) => [l.class_name, l.config.activation ?? null]),
      [
        ['Dropout', null],
        ['Dense', 'linear'],
        ['Activation', 'linear'],
        ['Activation', 'sigmoid'],
      ],
    );
    assert.deepEqual(
      layers[0].config.batch_input_shape,
      [null, 3],
      'the input shape goes on the first layer',
    );
    assert.deepEqual(comparable(roundTrip(description)), comparable(description));
  });

  test('tanh folds into its Dense layer; LeakyReLU is a layer of its own, with its alpha', () => {
    const rng = new RandomState(4);
    const description: ModelDescription = {
      layers: [
        randomDense('dense1', 2, 3, rng),
        { kind: 'activation', name: 'tanh1', activation: 'tanh' },
        randomDense('dense2', 3, 3, rng),
        { kind: 'activation', name: 'leaky_relu1', activation: 'leaky_relu', alpha: 0.2 },
        randomDense('dense3', 3, 2, rng),
      ],
      loss: null,
      optimizer: null,
      accuracy: null,
    };
    const layers = toLayersModelArtifacts(description).modelJson.modelTopology.config.layers;
    assert.deepEqual(
      layers.map((l) => [l.class_name, l.config.activation ?? l.config.alpha ?? null]),
      [
        ['Dense', 'tanh'],
        ['Dense', 'linear'],
        ['LeakyReLU', 0.2],
        ['Dense', 'linear'],
      ],
    );
    assert.deepEqual(comparable(roundTrip(description)), comparable(description));
  });

  test('names TF.js would refuse are made valid and unique; the originals come back on load', () => {
    const rng = new RandomState(2);
    const description: ModelDescription = {
      layers: [
        randomDense('my layer/1', 2, 2, rng),
        randomDense('my_layer_1', 2, 2, rng),
        randomDense('', 2, 1, rng),
        randomDense('_x', 1, 1, rng),
      ],
      loss: null,
      optimizer: null,
      accuracy: null,
    };
    const { modelJson } = toLayersModelArtifacts(description);
    const tfNames = modelJson.modelTopology.config.layers.map((l) => l.config.name);
    assert.deepEqual(tfNames, ['my_layer_1', 'my_layer_1_2', 'layer', 'layer_x']);
    assert.equal(modelJson.weightsManifest[0].weights[2].name, 'my_layer_1_2/kernel');
    assert.deepEqual(
      roundTrip(description).layers.map((l) => l.name),
      ['my layer/1', 'my_layer_1', '', '_x'],
    );
  });
});

describe('toLayersModelArtifacts refuses a description it could not load back', () => {
  const rng = new RandomState(3);
  const model = (layers: LayerDescription[]): ModelDescription => ({
    layers,
    loss: null,
    optimizer: null,
    accuracy: null,
  });
  test('weights of the wrong length → SHAPE_MISMATCH', () => {
    const dense = { ...randomDense('d1', 2, 3, rng), weights: new Float32Array(5) };
    assert.throws(
      () => toLayersModelArtifacts(model([dense])),
      withCode('SHAPE_MISMATCH', 'Float32Array of 6 values [2, 3], got 5'),
    );
  });
  test('a chain that does not fit → SHAPE_MISMATCH', () => {
    const layers = [randomDense('d1', 2, 3, rng), randomDense('d2', 4, 1, rng)];
    assert.throws(
      () => toLayersModelArtifacts(model(layers)),
      withCode('SHAPE_MISMATCH', 'takes 4 inputs, but the dense layer before it has 3'),
    );
  });
  test('NaN weights → DIVERGED; no dense layer → BAD_STATE; a bad rate or λ → INVALID_OPTION', () => {
    const nan = randomDense('d1', 2, 2, rng);
    nan.biases[1] = Number.NaN;
    assert.throws(() => toLayersModelArtifacts(model([nan])), withCode('DIVERGED', 'biases[1] is NaN'));
    assert.throws(
      () => toLayersModelArtifacts(model([{ kind: 'dropout', name: 'd', rate: 0.5 }])),
      withCode('BAD_STATE', 'without a dense layer'),
    );
    const drop: LayerDescription = { kind: 'dropout', name: 'drop', rate: 1 };
    assert.throws(
      () => toLayersModelArtifacts(model([randomDense('d', 1, 1, rng), drop])),
      withCode('INVALID_OPTION', 'rate must be in [0, 1), got 1'),
    );
    const negative = { ...randomDense('d', 1, 1, rng), weightRegularizerL2: -1 };
    assert.throws(
      () => toLayersModelArtifacts(model([negative])),
      withCode('INVALID_OPTION', 'weightRegularizerL2'),
    );
  });
});
