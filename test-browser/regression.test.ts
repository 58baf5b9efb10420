import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildModel } from '../src/cli/build-model.ts';
import { TRAIN_DEFAULTS } from '../src/cli/train-config.ts';
import { loadTrainingData } from '../src/cli/train-data.ts';
import { RandomState } from '../src/index.ts';
import { ARTIFACTS, boundaryPixels, openBrowser, openPlayground, playUntilDone } from './browser.ts';

test('the book’s sine regression trains with mean squared error, drawn as a curve, as the library does', async (t) => {
  const epochs = 200;
  const query = `data=sine&n=1000&layers=64,0,0,0,0,0_64,0,0,0,0,0&lr=0.005&decay=0.001&epochs=${epochs}&speed=max`;
  const session = await openBrowser();
  const { page } = session;
  let numbers: Awaited<ReturnType<typeof playUntilDone>>;
  try {
    await openPlayground(page, query);
    const before = await boundaryPixels(page);
    numbers = await playUntilDone(page, epochs);
    assert.notEqual(await boundaryPixels(page), before, 'the curve moves');
    assert.equal(await page.locator('#diagram').getAttribute('data-shape'), '1,64,64,1');
    assert.match(await page.locator('#command').inputValue(), /--dataset sine --samples 1000 /);
    await page.locator('#boundary').screenshot({ path: join(ARTIFACTS, 'sine.png') });
  } finally {
    await session.close();
  }
  const config = {
    ...TRAIN_DEFAULTS,
    dataset: 'sine',
    samples: 1000,
    hidden: [64, 64],
    l2w: [0],
    l2b: [0],
    dropout: [0],
    lr: 0.005,
    decay: 0.001,
    epochs,
  };
  const rng = new RandomState(config.seed);
  const data = await loadTrainingData(config, rng);
  const model = buildModel(config, data.X.cols, data.outputs, data.task, rng);
  const history = model.train(data.X, data.y, { epochs, validationData: data.validation ?? undefined });
  t.diagnostic(`sine, ${epochs} epochs: loss ${numbers.loss}, accuracy ${numbers.accuracy}`);
  assert.equal(numbers.loss, history.loss[epochs - 1]);
  assert.equal(numbers.accuracy, history.accuracy[epochs - 1]);
  assert.ok(history.loss[epochs - 1] < history.loss[0], 'the loss falls');
});
