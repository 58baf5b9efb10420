import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { ARTIFACTS, boundaryPixels, numbers, openBrowser, openPlayground } from './browser.ts';

// long enough that training is still running after the one second of frame counting below
const EPOCHS = 5000;

test('training on the spiral lowers the loss, changes the boundary, and keeps the page drawing frames', async (t) => {
  const session = await openBrowser();
  const { page } = session;
  try {
    await openPlayground(page, `epochs=${EPOCHS}&speed=max`);
    const before = await boundaryPixels(page);
    await page.getByRole('button', { name: 'Step' }).click();
    await page.waitForFunction(() => document.body.dataset.epoch === '1');
    const first = await numbers(page);
    // the worker runs the WebAssembly kernels, on a shared memory: the server isolates the page
    assert.equal(await page.evaluate(() => document.body.dataset.kernels), 'wasm');
    assert.equal(await page.evaluate(() => crossOriginIsolated), true);
    await page.getByRole('button', { name: /Play/ }).click();
    // frames the page draws in one second while the worker trains
    // a string, not a function: tsx would wrap a named function in a helper the page lacks
    const frames = await page.evaluate<number>(`new Promise((resolve) => {
      let count = 0;
      const start = performance.now();
      const tick = () => {
        count++;
        if (performance.now() - start < 1000) requestAnimationFrame(tick);
        else resolve(count);
      };
      requestAnimationFrame(tick);
    })`);
    const duringTraining = await numbers(page);
    t.diagnostic(`frames in one second while training: ${frames} (at epoch ${duringTraining.epoch})`);
    assert.ok(frames > 1, 'the page must not freeze while the worker trains');
    await page.getByRole('button', { name: /Pause/ }).click();
    await page.waitForSelector('body[data-running="false"]');
    const paused = await numbers(page);
    await page.waitForTimeout(300);
    assert.equal((await numbers(page)).epoch, paused.epoch, 'pause stops training');
    assert.ok(paused.epoch < EPOCHS);
    await page.getByRole('button', { name: /Play/ }).click();
    await page.waitForFunction(
      (epochs) => document.body.dataset.running === 'false' && document.body.dataset.epoch === String(epochs),
      EPOCHS,
      {
        timeout: 60_000,
      },
    );
    const last = await numbers(page);
    t.diagnostic(
      `loss ${first.loss.toFixed(3)} at epoch 1, ${last.loss.toFixed(3)} at epoch ${EPOCHS}; accuracy ${last.accuracy.toFixed(3)}, validation ${last.valAccuracy.toFixed(3)}`,
    );
    assert.ok(last.loss < first.loss * 0.9, `loss ${last.loss} should be well below ${first.loss}`);
    assert.ok(last.accuracy > first.accuracy);
    assert.notEqual(await boundaryPixels(page), before);
    const log = await page.locator('#log').textContent();
    assert.match(log ?? '', /^epoch: 1, acc: [\d.]+, loss: [\d.]+ \(data_loss: /m);
    assert.match(log ?? '', new RegExp(`^epoch: ${EPOCHS}, `, 'm'));
    assert.match(log ?? '', /^validation, acc: /m);
    await page.screenshot({ path: join(ARTIFACTS, 'spiral-trained.png'), fullPage: true });
  } finally {
    await session.close();
  }
});
