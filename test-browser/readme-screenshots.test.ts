// Regenerates the README's pictures of the playground on every browser test run:
//   docs/images/playground.png          the book's chapter-15 network, 100 spiral points per class,
//                                       3000 epochs: regions, network diagram, curves, histograms
//   docs/images/playground-compare.png  the same network beside its twin without regularization
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { openBrowser, openPlayground, playUntilDone } from './browser.ts';

const IMAGES = join(import.meta.dirname, '..', 'docs', 'images');

test('the README screenshots: the playground with its diagram, and the side-by-side comparison', async () => {
  const session = await openBrowser();
  const { page } = session;
  try {
    await page.setViewportSize({ width: 1440, height: 900 });
    await openPlayground(page, 'epochs=3000&speed=max');
    await playUntilDone(page, 3000, 300_000);
    assert.equal(await page.locator('#diagram canvas.neuron').count(), 2 + 24 + 3);
    await page.screenshot({ path: join(IMAGES, 'playground.png'), fullPage: true });

    await openPlayground(page, 'epochs=1500&speed=max&compare=1');
    await playUntilDone(page, 1500, 300_000);
    await page.locator('#view').screenshot({ path: join(IMAGES, 'playground-compare.png') });
  } finally {
    await session.close();
  }
});
