import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { openBrowser, openPlayground } from './browser.ts';

interface Picture {
  /**
   * Share of the region picture's pixels in its 6 commonest colours: near 1 for hard colours (a
   * colour per class and its border shade), small when shaded by confidence. (A plain count of
   * colours would count the anti-aliased edges of the points.)
   */
  top6: number;
  /** Pure white pixels: only the centres of validation rings (regions are always tinted). */
  white: number;
  /** Pixels of the regression picture's validation rings. */
  rings: number;
  /** Distinct colours of the first hidden neuron's picture in the diagram. */
  neuronColours: number;
}

// a string: tsx would wrap the named functions of a callback in a helper the page does not have
function picture(page: Page): Promise<Picture> {
  return page.evaluate(`(() => {
    const count = (canvas) => {
      const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
      const seen = new Map();
      let white = 0;
      let rings = 0;
      for (let p = 0; p < data.length; p += 4) {
        const key = (data[p] << 16) | (data[p + 1] << 8) | data[p + 2];
        seen.set(key, (seen.get(key) ?? 0) + 1);
        if (data[p] === 255 && data[p + 1] === 255 && data[p + 2] === 255) white++;
        if (data[p] === 34 && data[p + 1] === 34 && data[p + 2] === 34) rings++;
      }
      const counts = [...seen.values()].sort((a, b) => b - a);
      const top6 = counts.slice(0, 6).reduce((sum, n) => sum + n, 0) / (data.length / 4);
      return { colours: seen.size, top6, white, rings };
    };
    const boundary = count(document.getElementById('boundary'));
    const neuron = document.querySelector('#diagram canvas.neuron[data-layer="1"]');
    return { top6: boundary.top6, white: boundary.white, rings: boundary.rings,
      neuronColours: neuron === null ? 0 : count(neuron).colours };
  })()`);
}

/**
 * Ticks or unticks a display box and waits for the picture drawn after it: paused, the one the
 * toggle asks for; playing, the second (the first may have left the worker before the toggle came).
 */
async function toggle(page: Page, id: string, checked: boolean, playing = true): Promise<void> {
  // counted when the box changes: clicking it takes a few frames, each bringing an update
  await page.evaluate(`document.getElementById('${id}').addEventListener('change', () => {
    document.body.dataset.changedAt = document.body.dataset.updates;
  }, { once: true })`);
  await page.locator(`#${id}`).setChecked(checked);
  await page.waitForFunction(
    (extra) => Number(document.body.dataset.updates) > Number(document.body.dataset.changedAt) + extra,
    playing ? 1 : 0,
  );
}

/** Every epoch count the page shows from now on, in order. */
function watchEpochs(page: Page): Promise<void> {
  return page.evaluate(`{
    window.seen = [];
    new MutationObserver(() => window.seen.push(Number(document.body.dataset.epoch)))
      .observe(document.body, { attributes: true, attributeFilter: ['data-updates'] });
  }`);
}

const epoch = (page: Page) => page.evaluate(() => Number(document.body.dataset.epoch));

test('"Show test data" and "Discretize output" redraw the pictures and never restart training', async (t) => {
  const session = await openBrowser();
  const { page } = session;
  try {
    await openPlayground(page, 'speed=1');
    assert.equal(await page.locator('#show-test').isChecked(), true, 'test data shown by default');
    assert.equal(await page.locator('#discretize').isChecked(), false);
    await watchEpochs(page);
    await page.getByRole('button', { name: /Play/ }).click();
    await page.waitForFunction(() => Number(document.body.dataset.epoch) >= 20);
    const shown = await picture(page);
    assert.ok(shown.white > 50, `validation rings have white centres: ${shown.white} white pixels`);

    // while playing: the rings go, the run goes on
    await toggle(page, 'show-test', false);
    assert.equal((await picture(page)).white, 0, 'no validation points drawn');
    assert.equal(await page.evaluate(() => document.body.dataset.status), 'training');
    const shaded = await picture(page);
    await toggle(page, 'discretize', true);
    const hard = await picture(page);
    t.diagnostic(
      `pixels in the 6 commonest colours: ${shaded.top6.toFixed(3)} shaded, ${hard.top6.toFixed(3)} discretized; ` +
        `first hidden neuron: ${shaded.neuronColours} → ${hard.neuronColours}`,
    );
    assert.ok(shaded.top6 < 0.5, `shaded by confidence: ${shaded.top6}`);
    assert.ok(hard.top6 > 0.9, `hard colours: ${hard.top6}`);
    assert.ok(
      hard.neuronColours <= 3,
      `a discretized neuron is orange, blue or white: ${hard.neuronColours}`,
    );
    assert.ok(shaded.neuronColours > 3);
    await page.waitForFunction(() => Number(document.body.dataset.epoch) >= 60);
    const seen: number[] = await page.evaluate('window.seen');
    assert.ok(
      seen.every((e, i) => i === 0 || e >= seen[i - 1]),
      'the epoch counter never went back',
    );
    assert.deepEqual(
      await page.evaluate(() => Object.fromEntries(new URLSearchParams(location.search))),
      { speed: '1', test: '0', discrete: '1' },
      'kept in the link',
    );

    // paused: a toggle redraws at once, at the same epoch
    await page.getByRole('button', { name: /Pause/ }).click();
    await page.waitForFunction(() => document.body.dataset.running === 'false');
    const paused = await epoch(page);
    await toggle(page, 'show-test', true, false);
    await toggle(page, 'discretize', false, false);
    assert.equal(await epoch(page), paused);
    assert.equal(await page.evaluate(() => document.body.dataset.status), 'paused');
    const back = await picture(page);
    assert.ok(back.white > 50 && back.top6 < 0.5, 'rings and shading are back');

    // the sine data: validation points as rings on the curve, shown or not
    await openPlayground(page, 'data=sine&test=0');
    assert.equal(await page.locator('#show-test').isChecked(), false, 'read from the link');
    assert.equal((await picture(page)).rings, 0);
    await toggle(page, 'show-test', true, false);
    assert.ok((await picture(page)).rings > 100, 'the 100 validation points drawn as rings');
  } finally {
    await session.close();
  }
});
