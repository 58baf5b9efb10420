import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { ARTIFACTS, openBrowser, openPlayground, playUntilDone } from './browser.ts';

interface Counts {
  total: number;
  nearZero: number;
  exactZero: number;
}

function firstLayerCounts(page: Page): Promise<Counts> {
  return page
    .locator('#histograms svg')
    .first()
    .evaluate((svg) => ({
      total: Number(svg.getAttribute('data-total')),
      nearZero: Number(svg.getAttribute('data-near-zero')),
      exactZero: Number(svg.getAttribute('data-exact-zero')),
    }));
}

test('raising the L1 lambda of the weights piles the first layer’s weights up at zero in the histogram', async (t) => {
  const session = await openBrowser();
  const { page } = session;
  try {
    await openPlayground(page, 'epochs=300');
    await playUntilDone(page, 300);
    const without = await firstLayerCounts(page);
    const deadBefore = Number(await page.locator('#diagram').getAttribute('data-dead-links'));
    await page.getByLabel('hidden layer 1 L1 on weights').fill('0.005');
    await page.getByLabel('hidden layer 1 L1 on weights').press('Tab');
    await page.waitForFunction(() =>
      new URLSearchParams(location.search).get('layers')?.startsWith('64,0.005,'),
    );
    await page.waitForSelector('body[data-ready="true"]');
    assert.equal(
      await page.locator('body').getAttribute('data-epoch'),
      '0',
      'a new setting starts a new run',
    );
    await playUntilDone(page, 300);
    const withL1 = await firstLayerCounts(page);
    // the diagram draws L1's dead weights (|w| < 0.01) as such
    const deadLinks = Number(await page.locator('#diagram').getAttribute('data-dead-links'));
    t.diagnostic(`dead links in the diagram: ${deadBefore} without L1, ${deadLinks} with`);
    assert.ok(deadLinks > deadBefore + 32);
    t.diagnostic(
      `dense1 weights within 0.01 of zero: ${without.nearZero}/${without.total} without L1, ` +
        `${withL1.nearZero}/${withL1.total} with L1 5e-3 (exactly zero: ${without.exactZero}, ${withL1.exactZero})`,
    );
    assert.equal(withL1.total, 128);
    assert.ok(withL1.nearZero >= 4 * Math.max(1, without.nearZero), 'L1 must drive many weights to zero');
    assert.ok(withL1.nearZero >= 32, 'at least a quarter of the weights');
    await page.locator('#charts').screenshot({ path: join(ARTIFACTS, 'l1-histogram.png') });
  } finally {
    await session.close();
  }
});
