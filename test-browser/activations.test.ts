import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildModel } from '../src/cli/build-model.ts';
import { TRAIN_DEFAULTS } from '../src/cli/train-config.ts';
import { loadTrainingData } from '../src/cli/train-data.ts';
import { RandomState } from '../src/index.ts';
import { boundaryPixels, openBrowser, openPlayground, playUntilDone } from './browser.ts';

test('tanh and leaky ReLU change the result, and the page trains them as the library does in Node', async (t) => {
  const epochs = 100;
  const session = await openBrowser();
  const { page } = session;
  const results = new Map<string, { accuracy: number; loss: number; picture: string }>();
  try {
    await openPlayground(page, `epochs=${epochs}&speed=max`);
    for (const activation of ['relu', 'tanh', 'leaky_relu'] as const) {
      if (activation !== 'relu') {
        await page.locator('#activation').selectOption(activation);
        await page.waitForFunction((a) => new URLSearchParams(location.search).get('act') === a, activation);
        await page.waitForSelector('body[data-ready="true"][data-epoch="0"]');
      }
      const numbers = await playUntilDone(page, epochs);
      results.set(activation, { ...numbers, picture: await boundaryPixels(page) });
      assert.match(await page.locator('#command').inputValue(), new RegExp(`--activation ${activation} `));
      // the library in Node, as scratchnet train builds it
      const config = { ...TRAIN_DEFAULTS, samples: 100, epochs, activation } as const;
      const rng = new RandomState(config.seed);
      const data = await loadTrainingData(config, rng);
      const model = buildModel(config, data.X.cols, data.outputs, data.task, rng);
      const history = model.train(data.X, data.y, { epochs, validationData: data.validation ?? undefined });
      assert.equal(numbers.loss, history.loss[epochs - 1], `${activation}: the page's loss is the library's`);
      t.diagnostic(`${activation}: accuracy ${numbers.accuracy}, loss ${numbers.loss}`);
    }
  } finally {
    await session.close();
  }
  const [relu, tanh, leaky] = ['relu', 'tanh', 'leaky_relu'].map((a) => results.get(a));
  assert.notEqual(tanh?.loss, relu?.loss);
  assert.notEqual(leaky?.loss, relu?.loss);
  assert.notEqual(tanh?.picture, relu?.picture);
});
