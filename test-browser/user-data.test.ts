import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openBrowser, openPlayground, playUntilDone } from './browser.ts';

test('a CSV of the user’s own trains, holds out a share for validation, and exports as csv: data', async () => {
  // two classes either side of the line x0 + x1 = 0, on a small grid
  const rows = ['x0,x1,label'];
  for (let i = -5; i <= 5; i++)
    for (let j = -5; j <= 5; j++) if (i + j !== 0) rows.push(`${i / 5},${j / 5},${i + j > 0 ? 1 : 0}`);
  const session = await openBrowser();
  const { page } = session;
  try {
    await openPlayground(page, 'epochs=100&lr=0.02');
    await page.locator('#csv-file').setInputFiles({
      name: 'halves.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`${rows.join('\n')}\n`),
    });
    await page.waitForFunction(() => new URLSearchParams(location.search).get('data') === 'csv');
    await page.waitForSelector('body[data-ready="true"]');
    // 110 rows, 20% held out: floor(110 · 0.8) = 88 for training
    assert.match(
      (await page.locator('#data-info').textContent()) ?? '',
      /^88 training rows, 22 validation rows$/,
    );
    const done = await playUntilDone(page, 100);
    assert.ok(done.accuracy > 0.9, `a straight boundary is easy: accuracy ${done.accuracy}`);
    assert.match(
      await page.locator('#command').inputValue(),
      /--dataset csv:playground-data\.csv .*--validation-split 0\.2 /,
    );
    // two classes: the click selector offers exactly those
    assert.deepEqual(await page.locator('#click-class option').allTextContents(), ['class 0', 'class 1']);
  } finally {
    await session.close();
  }
});
