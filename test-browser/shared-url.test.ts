import assert from 'node:assert/strict';
import { test } from 'node:test';
import { boundaryPixels, openBrowser, openPlayground, playUntilDone } from './browser.ts';

test('a link to a run reproduces it exactly: same data, same numbers, same picture', async () => {
  const session = await openBrowser();
  const { page } = session;
  try {
    await openPlayground(page, 'epochs=150');
    // settings changed through the page itself, as a learner would
    await page.locator('#dataset').selectOption('circle');
    await page.locator('#noise').fill('0.2');
    await page.locator('#noise').press('Tab');
    await page.locator('#seed').fill('7');
    await page.locator('#seed').press('Tab');
    await page.locator('#train-ratio').fill('80');
    await page.locator('#optimizer').selectOption('rmsprop');
    await page.locator('#lr').fill('0.01');
    await page.locator('#lr').press('Tab');
    await page.getByRole('button', { name: 'Add a hidden layer' }).click();
    await page.getByLabel('hidden layer 2 units').fill('16');
    await page.getByLabel('hidden layer 2 units').press('Tab');
    // a point added by clicking on the picture, in class 1
    await page.locator('#click-class').selectOption('1');
    await page.locator('#boundary').click({ position: { x: 60, y: 70 } });
    await page.waitForSelector('body[data-ready="true"]');
    const url = page.url();
    assert.match(url, /data=circle/);
    assert.match(url, /points=/);
    const first = await playUntilDone(page, 150);
    const picture = await boundaryPixels(page);
    const log = await page.locator('#log').textContent();

    await page.goto('about:blank');
    await page.goto(url);
    await page.waitForSelector('body[data-ready="true"][data-updates]');
    assert.equal(await page.locator('#seed').inputValue(), '7');
    assert.equal(await page.getByLabel('hidden layer 2 units').inputValue(), '16');
    const second = await playUntilDone(page, 150);
    assert.deepEqual(second, first);
    assert.equal(await boundaryPixels(page), picture);
    assert.equal(await page.locator('#log').textContent(), log);
  } finally {
    await session.close();
  }
});
