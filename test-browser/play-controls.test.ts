import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { numbers, openBrowser, openPlayground } from './browser.ts';

interface Buttons {
  status: string;
  play: string;
  playDisabled: boolean;
  stepDisabled: boolean;
}

function buttons(page: Page): Promise<Buttons> {
  return page.evaluate(() => {
    const play = document.getElementById('play') as HTMLButtonElement;
    return {
      status: document.body.dataset.status ?? '',
      play: play.textContent ?? '',
      playDisabled: play.disabled,
      stepDisabled: (document.getElementById('step') as HTMLButtonElement).disabled,
    };
  });
}

/** Every epoch count the page shows from now on, in order (read back with `seenEpochs`). */
function watchEpochs(page: Page): Promise<void> {
  return page.evaluate(`{
    window.seen = [];
    new MutationObserver(() => window.seen.push(Number(document.body.dataset.epoch)))
      .observe(document.body, { attributes: true, attributeFilter: ['data-updates'] });
  }`);
}

const seenEpochs = (page: Page) => page.evaluate<number[]>('window.seen');

async function setLimit(page: Page, epochs: number): Promise<void> {
  await page.locator('#epochs').fill(String(epochs));
  await page.locator('#epochs').press('Tab');
  await page.waitForFunction((e) => new URLSearchParams(location.search).get('epochs') === String(e), epochs);
}

test('Play trains until paused at the chosen speed; Pause, Step, the limit, the speed and Reset do what they say', async (t) => {
  const session = await openBrowser();
  const { page } = session;
  try {
    // no epoch limit (the default), one epoch per drawn frame
    await openPlayground(page, 'speed=1');
    assert.deepEqual(await buttons(page), {
      status: 'ready',
      play: '▶ Play',
      playDisabled: false,
      stepDisabled: false,
    });
    await watchEpochs(page);
    await page.getByRole('button', { name: /Play/ }).click();
    assert.equal((await buttons(page)).status, 'training');
    assert.equal((await buttons(page)).stepDisabled, true);
    await page.waitForFunction(() => Number(document.body.dataset.epoch) >= 30);
    const slow = await seenEpochs(page);
    // one epoch per picture: every update the page drew shows one more epoch than the last
    const steps = slow.slice(1).map((e, i) => e - slow[i]);
    t.diagnostic(`at 1 epoch/frame: ${slow.length} pictures for epochs ${slow[0]}..${slow.at(-1)}`);
    assert.ok(
      steps.every((d) => d === 1),
      `steps between pictures: ${[...new Set(steps)].join(',')}`,
    );

    // the speed changes, the run goes on (no restart: the epoch never goes back)
    await page.locator('#speed-choice').selectOption('0');
    await page.waitForFunction(() => Number(document.body.dataset.epoch) >= 400, undefined, {
      timeout: 60_000,
    });
    const fast = await seenEpochs(page);
    assert.ok(
      fast.every((e, i) => i === 0 || e >= fast[i - 1]),
      'changing the speed must not restart training',
    );
    assert.ok(
      fast.slice(1).some((e, i) => e - fast[i] > 1),
      'as fast as possible trains more than one epoch per picture',
    );
    assert.match(page.url(), /speed=max/);

    await page.getByRole('button', { name: /Pause/ }).click();
    await page.waitForSelector('body[data-running="false"]');
    const paused = await numbers(page);
    await page.waitForTimeout(300);
    assert.equal((await numbers(page)).epoch, paused.epoch, 'Pause stops training');
    assert.deepEqual(await buttons(page), {
      status: 'paused',
      play: '▶ Play',
      playDisabled: false,
      stepDisabled: false,
    });

    await page.getByRole('button', { name: 'Step' }).click();
    await page.waitForFunction((e) => Number(document.body.dataset.epoch) === e, paused.epoch + 1);

    // a limit just ahead: the run continues to it and stops there
    const limit = paused.epoch + 21;
    await setLimit(page, limit);
    assert.equal((await numbers(page)).epoch, paused.epoch + 1, 'setting a limit ahead keeps the run');
    await page.getByRole('button', { name: /Play/ }).click();
    await page.waitForFunction(
      (e) => document.body.dataset.running === 'false' && Number(document.body.dataset.epoch) === e,
      limit,
    );
    assert.deepEqual(await buttons(page), {
      status: 'done',
      play: '▶ Play',
      playDisabled: true,
      stepDisabled: true,
    });

    // the bug: Play after a finished run froze the counter, and a higher limit restarted from 0
    await setLimit(page, limit + 50);
    assert.equal((await numbers(page)).epoch, limit, 'raising the limit continues the run');
    assert.equal((await buttons(page)).playDisabled, false);
    await page.getByRole('button', { name: /Play/ }).click();
    await page.waitForFunction(
      (e) => document.body.dataset.running === 'false' && Number(document.body.dataset.epoch) === e,
      limit + 50,
    );
    assert.match(await page.locator('#command').inputValue(), new RegExp(`--epochs ${limit + 50} `));
    const all = await seenEpochs(page);
    assert.ok(
      all.every((e, i) => i === 0 || e >= all[i - 1]),
      'no restart anywhere',
    );

    await page.getByRole('button', { name: /Reset/ }).click();
    await page.waitForFunction(
      () => document.body.dataset.epoch === '0' && document.body.dataset.ready === 'true',
    );
    assert.equal((await buttons(page)).status, 'ready');
  } finally {
    await session.close();
  }
});
