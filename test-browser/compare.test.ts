import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { ARTIFACTS, boundaryPixels, openBrowser, openPlayground, playUntilDone } from './browser.ts';

test('one click compares the run with the same network without regularization: two regions, two gaps', async (t) => {
  const epochs = 1500;
  const session = await openBrowser();
  const { page } = session;
  try {
    // the book's chapter-15 network (L2 5e-4, dropout 0.1) on 100 points per class, where it overfits
    await openPlayground(page, `epochs=${epochs}&speed=max`);
    assert.equal(await page.locator('#boundary-twin').isVisible(), false);
    await page.getByRole('button', { name: 'Compare with no regularization' }).click();
    await page.waitForFunction(() => new URLSearchParams(location.search).get('compare') === '1');
    await page.waitForSelector('body.compare[data-ready="true"][data-epoch="0"]');
    assert.equal(await page.locator('#boundary-twin').isVisible(), true);
    assert.equal(
      await page.getByRole('button', { name: 'Compare with no regularization' }).getAttribute('aria-pressed'),
      'true',
    );
    await playUntilDone(page, epochs, 180_000);
    const gaps = await page.locator('#gap-chart svg').evaluate((svg) => ({
      with: Number(svg.getAttribute('data-gap-with')),
      without: Number(svg.getAttribute('data-gap-without')),
    }));
    t.diagnostic(
      `train − validation accuracy after ${epochs} epochs: ${gaps.with} with regularization, ${gaps.without} without`,
    );
    assert.ok(Number.isFinite(gaps.with) && Number.isFinite(gaps.without));
    assert.notEqual(gaps.with, gaps.without);
    assert.ok(gaps.without > gaps.with, 'without regularization the network overfits more');
    const twin = await page.evaluate(() =>
      (document.getElementById('boundary-twin') as HTMLCanvasElement).toDataURL(),
    );
    assert.notEqual(twin, await boundaryPixels(page), 'two different decision regions');
    await page.locator('#view').screenshot({ path: join(ARTIFACTS, 'compare.png') });
  } finally {
    await session.close();
  }
});
