// The real TensorFlow.js (a dev dependency only) loads what scratchnet saves, and scratchnet loads
// what TensorFlow.js saves. Without tfjs-node there are no file:// handlers in Node, so the two
// handlers below read and write model.json + weights.bin the way tfjs-node's
// src/io/file_system.ts does.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { loadModelFiles, saveModelFiles } from '../src/io/model-files.ts';
import { Model } from '../src/model/model.ts';
import type { DenseDescription, ModelDescription } from '../src/model/model-description.ts';
import { Matrix } from '../src/tensor/matrix.ts';
import { RandomState } from '../src/tensor/random.ts';
import { bytesOf, chapter15Description, referencePredict } from './model-descriptions.ts';

const folders: string[] = [];
async function freshFolder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'scratchnet-tfjs-'));
  folders.push(dir);
  return dir;
}

/** tf.loadLayersModel from a folder, as tfjs-node's file:// loader does it. */
function folderLoader(dir: string): tf.io.IOHandler {
  return {
    load: async () => {
      const modelJson: tf.io.ModelJSON = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
      return tf.io.getModelArtifactsForJSON(modelJson, async (manifest) => {
        const files = await Promise.all(
          manifest.flatMap((group) => group.paths).map((p) => readFile(join(dir, p))),
        );
        const data = Buffer.concat(files);
        const specs = manifest.flatMap((group) => group.weights);
        return [specs, data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength)];
      });
    },
  };
}

/** model.save into a folder, as tfjs-node's file:// saver does it. */
function folderSaver(dir: string): tf.io.IOHandler {
  return tf.io.withSaveHandler(async (artifacts) => {
    const json: tf.io.ModelJSON = {
      modelTopology: artifacts.modelTopology ?? {},
      weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs ?? [] }],
      format: artifacts.format,
      generatedBy: artifacts.generatedBy,
      convertedBy: artifacts.convertedBy,
    };
    if (artifacts.userDefinedMetadata != null) json.userDefinedMetadata = artifacts.userDefinedMetadata;
    await writeFile(join(dir, 'model.json'), JSON.stringify(json), 'utf8');
    const weights = tf.io.CompositeArrayBuffer.join(artifacts.weightData ?? new ArrayBuffer(0));
    await writeFile(join(dir, 'weights.bin'), new Uint8Array(weights));
    return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
  });
}

/** 40 gaussian points around the origin, where the spiral data lives. */
const inputs: number[][] = [];
const draws = new RandomState(7).randn(80);
for (let i = 0; i < 40; i++) inputs.push([Math.fround(draws[2 * i]), Math.fround(draws[2 * i + 1])]);

function tfjsPredict(model: tf.LayersModel): number[][] {
  return tf.tidy(() => (model.predict(tf.tensor2d(inputs)) as tf.Tensor2D).arraySync());
}

/** scratchnet's own Model built from the description, in inference mode (dropout off). */
function scratchnetPredict(description: ModelDescription): number[][] {
  const out = Model.fromDescription(description, new RandomState(0)).predict(Matrix.fromRows(inputs));
  return inputs.map((_, r) => Array.from(out.data.subarray(r * out.cols, (r + 1) * out.cols)));
}

function assertClose(actual: number[][], expected: number[][], tolerance: number): void {
  assert.equal(actual.length, expected.length);
  let worst = 0;
  actual.forEach((row, r) => {
    assert.equal(row.length, expected[r].length, `row ${r} width`);
    row.forEach((v, c) => {
      worst = Math.max(worst, Math.abs(v - expected[r][c]));
    });
  });
  assert.ok(worst <= tolerance, `largest difference ${worst} > ${tolerance}`);
}

before(async () => {
  tf.enableProdMode(); // also silences the "install tfjs-node" banner
  await tf.setBackend('cpu');
});
after(async () => {
  for (const dir of folders) await rm(dir, { recursive: true, force: true });
});

describe('TensorFlow.js loads a model scratchnet saved', () => {
  const description = chapter15Description();
  let model: tf.LayersModel;
  before(async () => {
    const dir = await freshFolder();
    await saveModelFiles(dir, description);
    model = await tf.loadLayersModel(folderLoader(dir));
  });

  test('and predicts what scratchnet predicts (to 1e-5)', () => {
    const predictions = tfjsPredict(model);
    assertClose(predictions, referencePredict(description, inputs), 1e-5);
    assertClose(predictions, scratchnetPredict(description), 1e-5);
  });

  test('as Dense(relu, L1L2 on kernel and bias), Dropout(0.1), Dense(softmax), with our weights bit for bit', () => {
    assert.deepEqual(
      model.layers.map((l) => [l.getClassName(), l.name]),
      [
        ['Dense', 'dense1'],
        ['Dropout', 'dropout1'],
        ['Dense', 'dense2'],
      ],
    );
    const [dense1, dropout, dense2] = model.layers.map((l) => l.getConfig());
    assert.equal(dense1.activation, 'relu');
    assert.deepEqual(dense1.kernelRegularizer, { className: 'L1L2', config: { l1: 0, l2: 5e-4 } });
    assert.deepEqual(dense1.biasRegularizer, { className: 'L1L2', config: { l1: 0, l2: 5e-4 } });
    assert.equal(dropout.rate, 0.1);
    assert.equal(dense2.activation, 'softmax');
    assert.equal(dense2.kernelRegularizer, null);
    const ours = description.layers.filter((l): l is DenseDescription => l.kind === 'dense');
    const expected = ours.flatMap((d) => [bytesOf(d.weights), bytesOf(d.biases)]);
    const theirs = model.getWeights().map((w) => bytesOf(w.dataSync()));
    assert.deepEqual(theirs, expected);
  });

  // runs last in this group: it trains the shared model
  test('trained further and saved by TF.js, it loads back with scratchnet names and settings', async () => {
    model.compile({ optimizer: tf.train.sgd(0.5), loss: 'categoricalCrossentropy' });
    const targets = tf.oneHot(
      tf.tensor1d(
        inputs.map((_, i) => i % 3),
        'int32',
      ),
      3,
    );
    await model.fit(tf.tensor2d(inputs), targets, { epochs: 1, batchSize: inputs.length, verbose: 0 });
    const dir = await freshFolder();
    await model.save(folderSaver(dir));
    const resaved = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
    assert.match(resaved.generatedBy, /^TensorFlow\.js/);
    // the sha256 in the carried-over metadata is stale now: it applies only to files scratchnet wrote
    assert.equal(typeof resaved.userDefinedMetadata.scratchnet.weightsSha256, 'string');
    const loaded = await loadModelFiles(dir);
    assert.deepEqual(
      loaded.layers.map((l) => l.name),
      ['dense1', 'relu1', 'dropout1', 'dense2', 'softmax2'],
    );
    assert.deepEqual(
      [loaded.loss, loaded.optimizer, loaded.accuracy],
      [description.loss, description.optimizer, description.accuracy],
    );
    const dense = loaded.layers.filter((l): l is DenseDescription => l.kind === 'dense');
    const trained = model.getWeights().map((w) => bytesOf(w.dataSync()));
    assert.deepEqual(
      dense.flatMap((d) => [bytesOf(d.weights), bytesOf(d.biases)]),
      trained,
    );
    assert.notDeepEqual(
      trained[0],
      bytesOf((description.layers[0] as DenseDescription).weights),
      'training moved the weights',
    );
    assertClose(scratchnetPredict(loaded), tfjsPredict(model), 1e-5);
  });
});

describe('scratchnet loads a model TensorFlow.js saved', () => {
  let model: tf.Sequential;
  let loaded: ModelDescription;
  before(async () => {
    const l2 = () => tf.regularizers.l1l2({ l1: 0, l2: 5e-4 });
    const init = (seed: number, stddev: number) => tf.initializers.randomNormal({ seed, stddev });
    model = tf.sequential();
    model.add(
      tf.layers.dense({
        inputShape: [2],
        units: 64,
        activation: 'relu',
        kernelRegularizer: l2(),
        biasRegularizer: l2(),
        kernelInitializer: init(1, 0.5),
        biasInitializer: init(2, 0.1),
      }),
    );
    model.add(tf.layers.dropout({ rate: 0.1 }));
    model.add(tf.layers.dense({ units: 3, kernelInitializer: init(3, 0.5), biasInitializer: init(4, 0.1) }));
    model.add(tf.layers.activation({ activation: 'softmax' }));
    const dir = await freshFolder();
    await model.save(folderSaver(dir));
    loaded = await loadModelFiles(dir);
  });

  test("with TF.js's weights bit for bit, its layer names, its regularizers and dropout rate", () => {
    const dense = loaded.layers.filter((l): l is DenseDescription => l.kind === 'dense');
    const ours = dense.flatMap((d) => [bytesOf(d.weights), bytesOf(d.biases)]);
    assert.deepEqual(
      ours,
      model.getWeights().map((w) => bytesOf(w.dataSync())),
    );
    const [d1, d2, drop, act] = model.layers.map((l) => l.name);
    assert.match(d1, /^dense_Dense\d+$/);
    assert.deepEqual(
      loaded.layers.map((l) => [l.kind, l.name]),
      [
        ['dense', d1],
        ['activation', `${d1}_relu`],
        ['dropout', d2],
        ['dense', drop],
        ['activation', act],
      ],
    );
    assert.deepEqual(
      dense.map((d) => [
        d.nInputs,
        d.nNeurons,
        d.weightRegularizerL1,
        d.weightRegularizerL2,
        d.biasRegularizerL1,
        d.biasRegularizerL2,
      ]),
      [
        [2, 64, 0, 5e-4, 0, 5e-4],
        [64, 3, 0, 0, 0, 0],
      ],
    );
    assert.deepEqual(loaded.layers[2], { kind: 'dropout', name: d2, rate: 0.1 });
  });

  test('and predicts what TF.js predicts (to 1e-5)', () => {
    const expected = tfjsPredict(model);
    assertClose(scratchnetPredict(loaded), expected, 1e-5);
    assertClose(referencePredict(loaded, inputs), expected, 1e-5);
  });

  test('and saves it back in a form TF.js predicts identically from', async () => {
    const dir = await freshFolder();
    await saveModelFiles(dir, loaded);
    const again = await tf.loadLayersModel(folderLoader(dir));
    assert.deepEqual(tfjsPredict(again), tfjsPredict(model));
  });
});

describe('tanh and LeakyReLU between TensorFlow.js and scratchnet', () => {
  const rng = new RandomState(9);
  const dense = (name: string, nInputs: number, nNeurons: number): DenseDescription => ({
    kind: 'dense',
    name,
    nInputs,
    nNeurons,
    weightRegularizerL1: 0,
    weightRegularizerL2: 0,
    biasRegularizerL1: 0,
    biasRegularizerL2: 0,
    weights: Float32Array.from(rng.randn(nInputs * nNeurons)),
    biases: Float32Array.from(rng.randn(nNeurons)),
  });
  const description: ModelDescription = {
    layers: [
      dense('dense1', 2, 8),
      { kind: 'activation', name: 'tanh1', activation: 'tanh' },
      dense('dense2', 8, 6),
      { kind: 'activation', name: 'leaky_relu1', activation: 'leaky_relu', alpha: 0.2 },
      dense('dense3', 6, 3),
      { kind: 'activation', name: 'softmax3', activation: 'softmax' },
    ],
    loss: 'categoricalCrossentropy',
    optimizer: null,
    accuracy: 'categorical',
  };

  test('TF.js loads them as Dense(tanh) and LeakyReLU(alpha) and predicts what scratchnet predicts', async () => {
    const dir = await freshFolder();
    await saveModelFiles(dir, description);
    const model = await tf.loadLayersModel(folderLoader(dir));
    assert.deepEqual(
      model.layers.map((l) => l.getClassName()),
      ['Dense', 'Dense', 'LeakyReLU', 'Dense'],
    );
    assert.equal(model.layers[0].getConfig().activation, 'tanh');
    assert.equal(model.layers[2].getConfig().alpha, 0.2);
    const predictions = tfjsPredict(model);
    assertClose(scratchnetPredict(description), predictions, 1e-5);
    // and saved again by TF.js, scratchnet reads the same layers back, alpha included
    const again = await freshFolder();
    await model.save(folderSaver(again));
    const loaded = await loadModelFiles(again);
    assert.deepEqual(
      loaded.layers.map((l) =>
        l.kind === 'activation' ? [l.name, l.activation, l.alpha ?? null] : [l.name],
      ),
      [
        ['dense1'],
        ['tanh1', 'tanh', null],
        ['dense2'],
        ['leaky_relu1', 'leaky_relu', 0.2],
        ['dense3'],
        ['softmax3', 'softmax', null],
      ],
    );
    assertClose(scratchnetPredict(loaded), predictions, 1e-5);
  });

  test('a LeakyReLU TF.js made with its default alpha (0.3) loads with that alpha', async () => {
    const model = tf.sequential();
    model.add(tf.layers.dense({ inputShape: [2], units: 4 }));
    model.add(tf.layers.leakyReLU());
    model.add(tf.layers.dense({ units: 2, activation: 'tanh' }));
    const dir = await freshFolder();
    await model.save(folderSaver(dir));
    const loaded = await loadModelFiles(dir);
    const leaky = loaded.layers.find((l) => l.kind === 'activation' && l.activation === 'leaky_relu');
    assert.equal(leaky?.kind === 'activation' ? leaky.alpha : null, 0.3);
    assertClose(scratchnetPredict(loaded), tfjsPredict(model), 1e-5);
  });
});
