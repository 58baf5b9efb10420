import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { bytesOf, chapter15Description } from '../../test/model-descriptions.ts';
import { ScratchnetError } from '../errors/scratchnet-error.ts';
import { Model } from '../model/model.ts';
import type { DenseDescription, ModelDescription } from '../model/model-description.ts';
import { Matrix } from '../tensor/matrix.ts';
import { RandomState } from '../tensor/random.ts';
import { loadModelFiles, readModelFiles, saveModelFiles } from './model-files.ts';

const folders: string[] = [];
async function freshFolder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'scratchnet-files-'));
  folders.push(dir);
  return dir;
}
after(async () => {
  for (const dir of folders) await rm(dir, { recursive: true, force: true });
});

/** Loading fails with this code, and the message names `named` (and, for a corrupt file, the folder). */
async function assertRefused(dir: string, code: ScratchnetError['code'], named: string): Promise<void> {
  await assert.rejects(loadModelFiles(dir), (error: unknown) => {
    assert.ok(error instanceof ScratchnetError, `expected a ScratchnetError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    assert.ok(error.message.includes(named), `${JSON.stringify(error.message)} should name ${named}`);
    assert.ok(error.message.includes(dir), `${JSON.stringify(error.message)} should name the folder`);
    assert.ok(error.hint.length > 0, 'a hint');
    return true;
  });
}

const description = chapter15Description();
const weightBytes = (2 * 64 + 64 + 64 * 3 + 3) * 4;

async function savedFolder(model: ModelDescription = description): Promise<string> {
  const dir = await freshFolder();
  await saveModelFiles(dir, model);
  return dir;
}

function denseLayers(model: ModelDescription): DenseDescription[] {
  return model.layers.filter((l): l is DenseDescription => l.kind === 'dense');
}

describe('saveModelFiles → loadModelFiles', () => {
  test('gives back the description bit for bit, and leaves exactly model.json and weights.bin', async () => {
    const dir = await savedFolder();
    assert.deepEqual((await readdir(dir)).sort(), ['model.json', 'weights.bin']);
    const loaded = await loadModelFiles(dir);
    assert.deepEqual(
      loaded.layers.map((l) => (l.kind === 'dense' ? { ...l, weights: null, biases: null } : l)),
      description.layers.map((l) => (l.kind === 'dense' ? { ...l, weights: null, biases: null } : l)),
    );
    const bits = (m: ModelDescription) => denseLayers(m).map((d) => [bytesOf(d.weights), bytesOf(d.biases)]);
    assert.deepEqual(bits(loaded), bits(description));
    assert.deepEqual(
      [loaded.loss, loaded.optimizer, loaded.accuracy],
      [description.loss, description.optimizer, description.accuracy],
    );
  });

  test('a Model saved and loaded back predicts bit for bit what it predicted', async () => {
    const model = Model.fromDescription(description, new RandomState(0));
    const dir = await freshFolder();
    await saveModelFiles(dir, model.describe());
    const loaded = Model.fromDescription(await loadModelFiles(dir), new RandomState(0));
    const X = Matrix.fromRows([
      [0.5, -1.25],
      [2, 1],
      [-0.3, 0.1],
    ]);
    assert.deepEqual(bytesOf(loaded.predict(X).data), bytesOf(model.predict(X).data));
    assert.deepEqual(
      loaded.describe().layers.map((l) => l.name),
      model.describe().layers.map((l) => l.name),
    );
  });

  test('creates missing folders, overwrites an older model, and keeps extras', async () => {
    const dir = join(await freshFolder(), 'runs', 'a');
    await saveModelFiles(dir, chapter15Description(1));
    await saveModelFiles(dir, description, { epoch: 10, history: [0.5, 0.25] });
    const loaded = await readModelFiles(dir);
    assert.deepEqual(
      bytesOf(denseLayers(loaded.description)[0].weights),
      bytesOf(denseLayers(description)[0].weights),
    );
    assert.deepEqual(loaded.extras, { epoch: 10, history: [0.5, 0.25] });
    assert.deepEqual((await readdir(dir)).sort(), ['model.json', 'weights.bin']);
  });

  test('records the sha256 of weights.bin in model.json', async () => {
    const dir = await savedFolder();
    const json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
    assert.match(json.userDefinedMetadata.scratchnet.weightsSha256, /^[0-9a-f]{64}$/);
    assert.equal((await readFile(join(dir, 'weights.bin'))).byteLength, weightBytes);
  });
});

/** Rewrites a saved file: `edit` gets its bytes and returns the damaged ones. */
async function damage(
  dir: string,
  file: string,
  edit: (bytes: Buffer) => Uint8Array | string,
): Promise<void> {
  await writeFile(join(dir, file), edit(await readFile(join(dir, file))));
}

function editJson(change: (json: { [key: string]: unknown }) => void): (bytes: Buffer) => string {
  return (bytes) => {
    const json = JSON.parse(bytes.toString('utf8'));
    change(json);
    return JSON.stringify(json);
  };
}

describe('loadModelFiles refuses damaged files with CORRUPT_MODEL_FILE', () => {
  const cases: [string, string, (bytes: Buffer) => Uint8Array | string, string][] = [
    [
      'a truncated weights.bin',
      'weights.bin',
      (b) => b.subarray(0, b.byteLength - 1),
      `expected ${weightBytes} bytes (the sum of the weights manifest's shapes × 4), got ${weightBytes - 1}`,
    ],
    [
      'a weights.bin with one extra byte',
      'weights.bin',
      (b) => Buffer.concat([b, Buffer.from([0])]),
      `got ${weightBytes + 1}; it has extra bytes`,
    ],
    // the lowest mantissa bit of the first weight: still a finite float, found only by the sha256
    ['a flipped bit in weights.bin', 'weights.bin', (b) => b.map((x, i) => (i === 0 ? x ^ 1 : x)), 'sha256'],
    [
      'a truncated model.json',
      'model.json',
      (b) => b.subarray(0, b.byteLength >> 1),
      'model.json is not valid JSON',
    ],
    ['a model.json that is not JSON', 'model.json', () => 'hello', 'model.json is not valid JSON'],
    [
      'a wrong dtype',
      'model.json',
      editJson((j) => {
        setIn(j, ['weightsManifest', 0, 'weights', 0, 'dtype'], 'float16');
      }),
      'dtype must be one of "float32", got "float16"',
    ],
    [
      'a shape that disagrees with the layer',
      'model.json',
      editJson((j) => {
        setIn(j, ['weightsManifest', 0, 'weights', 0, 'shape'], [2, 63]);
        setIn(j, ['weightsManifest', 0, 'weights', 1, 'shape'], [66]);
      }),
      'weight "dense1/kernel" has shape [2,63] in the weights manifest, but Dense "dense1" with 2 inputs and 64 units needs [2,64]',
    ],
    [
      'an unknown layer class',
      'model.json',
      editJson((j) => {
        setIn(j, ['modelTopology', 'config', 'layers', 1, 'class_name'], 'BatchNormalization');
      }),
      'class_name "BatchNormalization"',
    ],
    [
      'a manifest path outside the folder',
      'model.json',
      editJson((j) => {
        setIn(j, ['weightsManifest', 0, 'paths'], ['../weights.bin']);
      }),
      'outside the model folder',
    ],
  ];
  for (const [what, file, edit, named] of cases) {
    test(what, async () => {
      const dir = await savedFolder();
      await damage(dir, file, edit);
      await assertRefused(dir, 'CORRUPT_MODEL_FILE', named);
    });
  }

  test('a missing weights.bin', async () => {
    const dir = await savedFolder();
    await rm(join(dir, 'weights.bin'));
    await assertRefused(dir, 'CORRUPT_MODEL_FILE', 'lists the weights file "weights.bin", which is missing');
  });
});

function setIn(root: unknown, path: readonly (string | number)[], value: unknown): void {
  let node = root;
  for (const key of path.slice(0, -1)) node = (node as Record<string, unknown>)[key];
  (node as Record<string, unknown>)[path[path.length - 1]] = value;
}

describe('loadModelFiles says when there is no model: MODEL_NOT_FOUND', () => {
  test('a missing folder, a folder without model.json, a file', async () => {
    const root = await freshFolder();
    await assertRefused(join(root, 'nope'), 'MODEL_NOT_FOUND', 'the folder does not exist');
    await assertRefused(root, 'MODEL_NOT_FOUND', 'the folder has no model.json');
    await writeFile(join(root, 'plain.txt'), 'x');
    await assertRefused(join(root, 'plain.txt'), 'MODEL_NOT_FOUND', 'it is a file, not a model folder');
  });
});

describe('a failed save leaves nothing half-written', () => {
  test('the target is a file: INVALID_OPTION, the file untouched, no temporary files', async () => {
    const root = await freshFolder();
    const target = join(root, 'model');
    await writeFile(target, 'not a folder');
    await assert.rejects(
      saveModelFiles(target, description),
      (e: unknown) =>
        e instanceof ScratchnetError && e.code === 'INVALID_OPTION' && e.message.includes('is a file'),
    );
    assert.deepEqual(await readdir(root), ['model']);
    assert.equal(await readFile(target, 'utf8'), 'not a folder');
  });

  test('model.json cannot be written (it is a folder): no weights.bin and no temporary files remain', async () => {
    const dir = await freshFolder();
    await mkdir(join(dir, 'model.json'));
    await assert.rejects(saveModelFiles(dir, description));
    assert.deepEqual(await readdir(dir), ['model.json']);
  });

  test('an invalid description is refused before anything touches the disk', async () => {
    const root = await freshFolder();
    const broken: ModelDescription = {
      ...description,
      layers: [{ ...denseLayers(description)[0], biases: new Float32Array(3) }],
    };
    await assert.rejects(
      saveModelFiles(join(root, 'm'), broken),
      (e: unknown) => e instanceof ScratchnetError && e.code === 'SHAPE_MISMATCH',
    );
    assert.deepEqual(await readdir(root), []);
  });
});
