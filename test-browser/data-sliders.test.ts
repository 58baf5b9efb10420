// The data side of the page as TensorFlow Playground users know it: its regression sets drawn as a
// surface, a noise slider and a training/test ratio for every data set.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { Command } from 'commander';
import { buildModel } from '../src/cli/build-model.ts';
import { addTrainOptions } from '../src/cli/train-config.ts';
import { resolveTrainConfig } from '../src/cli/train-config-resolve.ts';
import { loadTrainingData } from '../src/cli/train-data.ts';
import { RandomState } from '../src/index.ts';
import { ARTIFACTS, boundaryPixels, openBrowser, openPlayground, playUntilDone } from './browser.ts';

test('a multi-gaussian regression trains and draws its surface, with the numbers of its command line', async (t) => {
  const epochs = 400;
  const query = `data=multi-gaussian&n=300&noise=0.2&val=0.3&layers=16,0,0,0,0,0_16,0,0,0,0,0&act=tanh&lr=0.05&epochs=${epochs}&speed=max`;
  const session = await openBrowser();
  const { page } = session;
  let numbers: Awaited<ReturnType<typeof playUntilDone>>;
  let command: string;
  try {
    await openPlayground(page, query);
    assert.equal(await page.locator('#data-info').textContent(), '210 training rows, 90 validation rows');
    const before = await boundaryPixels(page);
    numbers = await playUntilDone(page, epochs);
    assert.notEqual(await boundaryPixels(page), before, 'the surface changes as the network learns');
    // two inputs, two hidden layers, one output
    assert.equal(await page.locator('#diagram').getAttribute('data-shape'), '2,16,16,1');
    command = await page.locator('#command').inputValue();
    assert.match(command, /--dataset multi-gaussian --samples 300 --noise 0.2 /);
    assert.match(command, /--validation-split 0.3 /);
    // orange and blue both appear: the surface has positive and negative regions
    const colours = await page.evaluate(() => {
      const canvas = document.getElementById('boundary') as HTMLCanvasElement;
      const { data } = (canvas.getContext('2d') as CanvasRenderingContext2D).getImageData(0, 0, 360, 360);
      let orange = 0;
      let blue = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (data[i] > data[i + 2] + 40) orange++;
        if (data[i + 2] > data[i] + 40) blue++;
      }
      return { orange, blue };
    });
    await page.locator('#boundary').screenshot({ path: join(ARTIFACTS, 'multi-gaussian.png') });
    assert.ok(colours.orange > 1000 && colours.blue > 1000, JSON.stringify(colours));
  } finally {
    await session.close();
  }
  // the shown command, read by the CLI's own flags, trains to the page's numbers
  const cli = addTrainOptions(new Command('train').exitOverride());
  cli.parse(command.replace(/^npx scratchnet train /, '').split(' '), { from: 'user' });
  const config = resolveTrainConfig(cli, null);
  const rng = new RandomState(config.seed);
  const data = await loadTrainingData(config, rng);
  const model = buildModel(config, data.X.cols, data.outputs, data.task, rng);
  const history = model.train(data.X, data.y, { epochs, validationData: data.validation ?? undefined });
  t.diagnostic(
    `multi-gaussian, ${epochs} epochs: loss ${numbers.loss}, validation loss ${numbers.valDataLoss}`,
  );
  assert.equal(numbers.loss, history.loss[epochs - 1]);
  assert.equal(numbers.valDataLoss, history.valDataLoss[epochs - 1]);
  assert.ok(history.loss[epochs - 1] < history.loss[0], 'the loss falls');
});

test('the noise slider moves the spiral’s points, and the link and the command line follow', async () => {
  const session = await openBrowser();
  const { page } = session;
  try {
    await openPlayground(page, '');
    assert.equal(await page.locator('#noise').inputValue(), '0.2', "the book's angle noise");
    assert.equal(await page.locator('#noise-value').textContent(), '0.20');
    const book = await boundaryPixels(page);
    await page.locator('#noise').fill('0.6');
    await page.waitForFunction(() => new URLSearchParams(location.search).get('bnoise') === '0.6');
    await page.waitForSelector('body[data-ready="true"]');
    assert.equal(await page.locator('#noise-value').textContent(), '0.60');
    assert.notEqual(await boundaryPixels(page), book, 'the points moved');
    assert.match(await page.locator('#command').inputValue(), /--dataset spiral .*--noise 0.6 /);
    // back to the book's value: the same picture as at first, and no --noise
    await page.locator('#noise').fill('0.2');
    await page.waitForFunction(() => new URLSearchParams(location.search).get('bnoise') === '0.2');
    await page.waitForSelector('body[data-ready="true"]');
    assert.equal(await boundaryPixels(page), book);
    assert.doesNotMatch(await page.locator('#command').inputValue(), /--noise/);
  } finally {
    await session.close();
  }
});

test('the training share slider changes how many points train and how many test', async () => {
  const session = await openBrowser();
  const { page } = session;
  try {
    await openPlayground(page, 'data=plane&n=200');
    assert.equal(await page.locator('#train-ratio').inputValue(), '100');
    assert.equal(await page.locator('#data-info').textContent(), '200 training rows, 100 validation rows');
    const fresh = await boundaryPixels(page);
    await page.locator('#train-ratio').fill('60');
    await page.waitForFunction(() => new URLSearchParams(location.search).get('val') === '0.4');
    await page.waitForSelector('body[data-ready="true"]');
    assert.equal(await page.locator('#train-ratio-value').textContent(), '60%');
    assert.equal(await page.locator('#data-info').textContent(), '120 training rows, 80 validation rows');
    assert.notEqual(await boundaryPixels(page), fresh, 'other points are drawn as test points');
    assert.match(await page.locator('#command').inputValue(), /--dataset plane .*--validation-split 0.4 /);
    await page.locator('#train-ratio').fill('90');
    await page.waitForFunction(() => new URLSearchParams(location.search).get('val') === '0.1');
    await page.waitForSelector('body[data-ready="true"]');
    assert.equal(await page.locator('#data-info').textContent(), '180 training rows, 20 validation rows');
  } finally {
    await session.close();
  }
});
