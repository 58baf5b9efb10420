// saveModel(model, dir) and loadModel(dir): the files on disk, read back bit for bit.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  Adam,
  CategoricalAccuracy,
  CategoricalCrossentropy,
  Dense,
  Dropout,
  loadModel,
  Model,
  RandomState,
  ReLU,
  ScratchnetError,
  Softmax,
  saveModel,
  spiralData,
} from 'scratchnet';

test('saveModel writes model.json and weights.bin; loadModel predicts bit-identically', async () => {
  const rng = new RandomState(0);
  const { X, y } = spiralData(30, 3, rng);
  const model = new Model({ rng });
  model.add(new Dense(2, 16, { rng, weightRegularizerL2: 5e-4, biasRegularizerL1: 1e-4 }));
  model.add(new ReLU());
  model.add(new Dropout(0.1, { rng }));
  model.add(new Dense(16, 3, { rng }));
  model.add(new Softmax());
  model.set({
    loss: new CategoricalCrossentropy(),
    optimizer: new Adam({ learningRate: 0.05 }),
    accuracy: new CategoricalAccuracy(),
  });
  model.finalize();
  model.train(X, y, { epochs: 20 });
  const dir = join(mkdtempSync(join(tmpdir(), 'scratchnet-save-')), 'model');
  await saveModel(model, dir);
  assert.deepEqual(readdirSync(dir).sort(), ['model.json', 'weights.bin']);
  const loaded = await loadModel(dir);
  assert.deepEqual(Array.from(loaded.predict(X).data), Array.from(model.predict(X).data));
  assert.equal(loaded.summary(), model.summary());
});

test('loading a folder that does not exist is MODEL_NOT_FOUND', async () => {
  await assert.rejects(loadModel(join(tmpdir(), 'no-such-scratchnet-model')), (error: unknown) => {
    assert.ok(error instanceof ScratchnetError);
    assert.equal(error.code, 'MODEL_NOT_FOUND');
    return true;
  });
});
