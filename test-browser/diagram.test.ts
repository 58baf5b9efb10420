import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { ARTIFACTS, openBrowser, openPlayground } from './browser.ts';

function hiddenPictures(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLCanvasElement>('#diagram canvas[data-layer="1"]'), (c) =>
      c.toDataURL(),
    ),
  );
}

test('the diagram draws every neuron’s output, and the pictures change while training', async (t) => {
  const session = await openBrowser();
  const { page } = session;
  try {
    // 16 hidden neurons (all shown), dropout 0.25 so that some are silenced in a step
    await openPlayground(page, 'layers=16,0,5e-4,0,5e-4,0.25&speed=5');
    assert.equal(await page.locator('#diagram').getAttribute('data-shape'), '2,16,3');
    assert.equal(await page.locator('#diagram canvas.neuron').count(), 2 + 16 + 3);
    assert.equal(await page.locator('#diagram').getAttribute('data-links'), String(2 * 16 + 16 * 3));
    const before = await hiddenPictures(page);
    assert.equal(new Set(before).size > 1, true, 'neurons differ from one another');
    const title = await page.locator('#diagram canvas[data-layer="1"]').first().getAttribute('title');
    assert.match(title ?? '', /^layer 1 neuron 1 \(relu\)\nbias 0\.000\nweights in: x1 -?\d\.\d{3}, x2 /);
    assert.equal(await page.locator('#diagram canvas.silenced').count(), 0, 'no step yet, no dropout');

    await page.getByRole('button', { name: 'Step' }).click();
    await page.waitForFunction(() => document.body.dataset.epoch === '1');
    const silenced = await page.locator('#diagram canvas.silenced').count();
    t.diagnostic(`silenced by dropout in step 1: ${silenced} of 16`);
    assert.ok(silenced > 0 && silenced < 16);

    await page.getByRole('button', { name: /Play/ }).click();
    await page.waitForFunction(() => Number(document.body.dataset.epoch) >= 150, undefined, {
      timeout: 60_000,
    });
    const during = await hiddenPictures(page);
    await page.waitForFunction(() => Number(document.body.dataset.epoch) >= 300, undefined, {
      timeout: 60_000,
    });
    const later = await hiddenPictures(page);
    await page.getByRole('button', { name: /Pause/ }).click();
    const changed = (a: string[], b: string[]) => a.filter((p, i) => p !== b[i]).length;
    t.diagnostic(
      `pictures changed: ${changed(before, during)}/16 by epoch 150, ${changed(during, later)}/16 from 150 to 300`,
    );
    assert.ok(changed(before, during) >= 8, 'training changes the neurons’ pictures');
    assert.ok(changed(during, later) >= 8, 'and keeps changing them while it runs');
    await page.locator('#diagram').screenshot({ path: join(ARTIFACTS, 'diagram.png') });
  } finally {
    await session.close();
  }
});
