import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildModel } from '../src/cli/build-model.ts';
import { TRAIN_DEFAULTS } from '../src/cli/train-config.ts';
import { loadTrainingData } from '../src/cli/train-data.ts';
import { RandomState } from '../src/index.ts';
import { boundaryPixels, openBrowser, openPlayground, playUntilDone } from './browser.ts';

test('input features change the result and go into the command line and the diagram', async (t) => {
  const epochs = 150;
  const session = await openBrowser();
  const { page } = session;
  try {
    await openPlayground(page, `data=circle&n=100&epochs=${epochs}&speed=max`);
    const plain = await playUntilDone(page, epochs);
    const plainPicture = await boundaryPixels(page);
    for (const feature of ['x1^2', 'x2^2']) {
      await page.locator(`#features input[data-feature="${feature}"]`).check();
    }
    await page.waitForFunction(
      () => new URLSearchParams(location.search).get('features') === 'x1,x2,x1^2,x2^2',
    );
    await page.waitForSelector('body[data-ready="true"][data-epoch="0"]');
    assert.equal(await page.locator('#diagram').getAttribute('data-shape'), '4,64,3');
    const squared = await playUntilDone(page, epochs);
    t.diagnostic(`circle, ${epochs} epochs: loss ${plain.loss} on x1, x2; ${squared.loss} with x1², x2² too`);
    assert.notEqual(squared.loss, plain.loss);
    assert.notEqual(await boundaryPixels(page), plainPicture);
    const command = await page.locator('#command').inputValue();
    assert.match(command, / --features x1,x2,x1\^2,x2\^2 /);
  } finally {
    await session.close();
  }
});

test('a spiral run with features gives the library’s numbers in Node for the same flags', async () => {
  const epochs = 100;
  const features = ['x1', 'x2', 'x1x2', 'sin_x1', 'sin_x2'] as const;
  const session = await openBrowser();
  let page: Awaited<ReturnType<typeof playUntilDone>>;
  try {
    await openPlayground(session.page, `epochs=${epochs}&speed=max&features=${features.join(',')}`);
    page = await playUntilDone(session.page, epochs);
  } finally {
    await session.close();
  }
  const config = { ...TRAIN_DEFAULTS, samples: 100, epochs, features: [...features] };
  const rng = new RandomState(config.seed);
  const data = await loadTrainingData(config, rng);
  const model = buildModel(config, data.X.cols, data.outputs, data.task, rng);
  const history = model.train(data.X, data.y, { epochs, validationData: data.validation ?? undefined });
  assert.equal(page.loss, history.loss[epochs - 1]);
  assert.equal(page.valAccuracy, history.valAccuracy[epochs - 1]);
});
