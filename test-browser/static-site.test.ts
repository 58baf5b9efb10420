// npm run build:site's folder served by a plain static file server (Python's http.server, no
// isolation headers): the page trains with the WebAssembly kernels on an unshared memory and gives
// the library's numbers, and a link's settings still apply.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildModel } from '../src/cli/build-model.ts';
import { TRAIN_DEFAULTS } from '../src/cli/train-config.ts';
import { loadTrainingData } from '../src/cli/train-data.ts';
import { RandomState } from '../src/index.ts';
import { openBrowser, playUntilDone } from './browser.ts';

const ROOT = join(import.meta.dirname, '..');

function serve(folder: string): Promise<{ url: string; server: ChildProcess }> {
  const server = spawn(
    'python3',
    ['-u', '-m', 'http.server', '0', '--bind', '127.0.0.1', '--directory', folder],
    {
      stdio: ['ignore', 'pipe', 'ignore'],
    },
  );
  return new Promise((resolve, reject) => {
    let text = '';
    server.stdout?.on('data', (chunk) => {
      text += chunk;
      const found = text.match(/port (\d+)/);
      if (found) resolve({ url: `http://127.0.0.1:${found[1]}/`, server });
    });
    server.once('exit', (code) => reject(new Error(`python3 -m http.server exited (${code})`)));
  });
}

test('the static site, served by python3 -m http.server, trains with the library’s numbers', async (t) => {
  const folder = mkdtempSync(join(tmpdir(), 'scratchnet-site-'));
  const built = spawnSync('npm', ['run', 'build:site', '--', folder], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(built.status, 0, built.stderr);
  const { url, server } = await serve(folder);
  const session = await openBrowser();
  const { page } = session;
  const epochs = 80;
  try {
    await page.goto(`${url}?epochs=${epochs}&speed=max&seed=4`);
    await page.waitForSelector('body[data-ready="true"][data-updates]');
    assert.equal(await page.locator('#seed').inputValue(), '4', 'the link’s settings apply');
    assert.equal(
      await page.evaluate(() => crossOriginIsolated),
      false,
      'a plain server sends no isolation headers',
    );
    const numbers = await playUntilDone(page, epochs);
    const kernels = await page.evaluate(() => document.body.dataset.kernels);
    t.diagnostic(`kernels on the static site: ${kernels}; epoch ${epochs}: loss ${numbers.loss}`);
    assert.equal(kernels, 'wasm', 'the WebAssembly kernels run without a shared memory');
    assert.match(await page.locator('#command').inputValue(), /--epochs 80 --seed 4$/);
    const config = { ...TRAIN_DEFAULTS, samples: 100, epochs, seed: 4 };
    const rng = new RandomState(config.seed);
    const data = await loadTrainingData(config, rng);
    const model = buildModel(config, data.X.cols, data.outputs, data.task, rng);
    const history = model.train(data.X, data.y, { epochs, validationData: data.validation ?? undefined });
    assert.equal(numbers.loss, history.loss[epochs - 1]);
    assert.equal(numbers.valAccuracy, history.valAccuracy[epochs - 1]);
  } finally {
    await session.close();
    server.kill();
    rmSync(folder, { recursive: true, force: true });
  }
});
