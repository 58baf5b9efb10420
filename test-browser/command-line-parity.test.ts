import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Download } from 'playwright-core';
import { buildModel } from '../src/cli/build-model.ts';
import { TRAIN_DEFAULTS } from '../src/cli/train-config.ts';
import { loadTrainingData } from '../src/cli/train-data.ts';
import { RandomState } from '../src/index.ts';
import { openBrowser, openPlayground, playUntilDone } from './browser.ts';

const ROOT = join(import.meta.dirname, '..');

test('the page ends with the numbers the library gives in Node for the same settings and seed', async (t) => {
  const epochs = 200;
  const session = await openBrowser();
  let page: Awaited<ReturnType<typeof playUntilDone>>;
  try {
    await openPlayground(session.page, `epochs=${epochs}`);
    page = await playUntilDone(session.page, epochs);
  } finally {
    await session.close();
  }
  // the CLI's own building blocks, one long train call (the page trains one epoch per call)
  const config = { ...TRAIN_DEFAULTS, samples: 100, epochs };
  const rng = new RandomState(config.seed);
  const data = await loadTrainingData(config, rng);
  const model = buildModel(config, data.X.cols, data.outputs, data.task, rng);
  const history = model.train(data.X, data.y, { epochs, validationData: data.validation ?? undefined });
  const last = history.length - 1;
  t.diagnostic(`epoch ${epochs}: accuracy ${page.accuracy}, validation ${page.valAccuracy} in both`);
  assert.deepEqual(page, {
    epoch: epochs,
    accuracy: history.accuracy[last],
    loss: history.loss[last],
    dataLoss: history.dataLoss[last],
    valAccuracy: history.valAccuracy[last],
    valDataLoss: history.valDataLoss[last],
  });
});

test('the exported command line, run on the exported CSV, trains the same model as the page, byte for byte', async (t) => {
  const epochs = 60;
  const query =
    'data=circle&noise=0.25&val=0.2&seed=3&layers=8,0.001,0,0,0,0_6,0,0.001,0,0,0.1' +
    `&opt=sgd&lr=0.5&mom=0.9&batch=32&shuffle=1&epochs=${epochs}`;
  const folder = mkdtempSync(join(tmpdir(), 'scratchnet-export-'));
  const session = await openBrowser();
  try {
    const { page } = session;
    await openPlayground(page, query);
    const numbers = await playUntilDone(page, epochs);
    const downloads: Download[] = [];
    page.on('download', (download) => downloads.push(download));
    await page.getByRole('button', { name: /Download model/ }).click();
    for (let i = 0; i < 50 && downloads.length < 3; i++) await page.waitForTimeout(100);
    assert.deepEqual(downloads.map((d) => d.suggestedFilename()).sort(), [
      'model.json',
      'playground-data.csv',
      'weights.bin',
    ]);
    for (const download of downloads) await download.saveAs(join(folder, download.suggestedFilename()));
    const command = await page.locator('#command').inputValue();
    t.diagnostic(command);
    assert.match(command, /^npx scratchnet train --dataset csv:playground-data\.csv /);
    const args = command.replace(/^npx scratchnet /, '').split(' ');
    const output = execFileSync(
      process.execPath,
      // tsx by its full address: the command runs in a folder outside the project
      [
        '--import',
        import.meta.resolve('tsx'),
        join(ROOT, 'src/cli/main.ts'),
        ...args,
        '--json',
        '--print-every',
        String(epochs),
        '--out',
        'run',
      ],
      { cwd: folder, encoding: 'utf8' },
    );
    const lines = output
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const epochLine = lines.find((line) => line.type === 'epoch' && line.epoch === epochs);
    assert.equal(epochLine.accuracy, numbers.accuracy);
    assert.equal(epochLine.loss, numbers.loss);
    assert.equal(epochLine.valAccuracy, numbers.valAccuracy);
    assert.equal(epochLine.valDataLoss, numbers.valDataLoss);
    assert.deepEqual(
      readFileSync(join(folder, 'weights.bin')),
      readFileSync(join(folder, 'run', 'weights.bin')),
    );
  } finally {
    await session.close();
    rmSync(folder, { recursive: true, force: true });
  }
});

test('comparison mode downloads both runs; each command, run by the CLI, writes the same weights.bin', async (t) => {
  const epochs = 40;
  // the book's network (L2 5e-4, dropout 0.1) on held-out rows of noisy circles: a CSV run
  const query = `compare=1&data=circle&noise=0.2&val=0.2&seed=4&n=60&epochs=${epochs}&speed=max`;
  const folder = mkdtempSync(join(tmpdir(), 'scratchnet-compare-export-'));
  const session = await openBrowser();
  try {
    const { page } = session;
    await openPlayground(page, query);
    await playUntilDone(page, epochs);
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: /Download model/ }).click();
    const download = await downloading;
    assert.equal(download.suggestedFilename(), 'scratchnet-comparison.zip');
    await download.saveAs(join(folder, 'runs.zip'));
    execFileSync('python3', ['-m', 'zipfile', '-e', join(folder, 'runs.zip'), folder]);
    const commands = {
      'with-regularization': await page.locator('#command').inputValue(),
      'without-regularization': await page.locator('#command-twin').inputValue(),
    };
    assert.equal(await page.locator('#command-twin').isVisible(), true);
    assert.equal(
      readFileSync(join(folder, 'commands.txt'), 'utf8'),
      Object.entries(commands)
        .map(([run, command]) => `# ${run}/\n${command}\n`)
        .join('\n'),
    );
    assert.match(commands['with-regularization'], / --l2w 0\.0005 .*--dropout 0\.1 /);
    assert.match(commands['without-regularization'], / --l1w 0 --l2w 0 --l1b 0 --l2b 0 --dropout 0 /);
    for (const [run, command] of Object.entries(commands)) {
      t.diagnostic(`${run}: ${command}`);
      const args = command.replace(/^npx scratchnet /, '').split(' ');
      execFileSync(
        process.execPath,
        [
          '--import',
          import.meta.resolve('tsx'),
          join(ROOT, 'src/cli/main.ts'),
          ...args,
          '--quiet',
          '--out',
          `cli-${run}`,
        ],
        { cwd: folder },
      );
      assert.deepEqual(
        readFileSync(join(folder, run, 'weights.bin')),
        readFileSync(join(folder, `cli-${run}`, 'weights.bin')),
        `${run}: the download is the CLI's weights.bin`,
      );
    }
    assert.notDeepEqual(
      readFileSync(join(folder, 'with-regularization', 'weights.bin')),
      readFileSync(join(folder, 'without-regularization', 'weights.bin')),
    );
  } finally {
    await session.close();
    rmSync(folder, { recursive: true, force: true });
  }
});
