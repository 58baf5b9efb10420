// examples/browser/index.html, the plain page a user copies: served as static files by the simplest
// server (no isolation headers, unlike the playground's), it imports dist/scratchnet.browser.js from
// a <script type="module"> and trains the chapter-15 network. Its lines must be the ones the same
// network prints in Node, bit for bit.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { after, before, test } from 'node:test';
import { ConsoleReporter, RandomState, spiralData } from 'scratchnet';
import { chapter15Model } from '../test/model-helpers.ts';
import { openBrowser } from './browser.ts';

const ROOT = join(import.meta.dirname, '..');
const EPOCHS = 200;
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript' };

let server: Server;
let base = '';

before(async () => {
  server = createServer(async (request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
    const file = join(ROOT, path.endsWith('/') ? `${path}index.html` : path);
    if (!file.startsWith(join(ROOT, 'examples')) && !file.startsWith(join(ROOT, 'dist'))) {
      response.writeHead(404).end();
      return;
    }
    try {
      const body = await readFile(file);
      response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

after(() => server.close());

/** The page's lines, computed in Node with the same seed, network and chunks of 100 epochs. */
function expectedLines(): string[] {
  const lines: string[] = [];
  const rng = new RandomState(0);
  const { X, y } = spiralData(1000, 3, rng);
  const model = chapter15Model(rng);
  const reporter = new ConsoleReporter({ printEvery: 100, write: (line) => lines.push(line) });
  for (let done = 0; done < EPOCHS; done += 100) model.train(X, y, { epochs: 100, callbacks: [reporter] });
  const { accuracy, loss } = model.evaluate(X, y);
  lines.push(
    `trained ${EPOCHS} epochs; on the training data, dropout off: acc ${accuracy.toFixed(3)}, loss ${loss.toFixed(3)}`,
  );
  return lines;
}

test('the example page trains the spiral network from a module script, as Node does, bit for bit', async () => {
  const session = await openBrowser();
  try {
    const { page } = session;
    await page.goto(`${base}examples/browser/?epochs=${EPOCHS}`);
    await page.waitForSelector('body[data-done="true"]', { timeout: 120_000 });
    const log = await page.locator('#log').textContent();
    assert.deepEqual(log?.trimEnd().split('\n'), expectedLines());
    // the decision regions are drawn: the canvas holds all three class colours
    const colours = await page.evaluate(`(() => {
      const canvas = document.getElementById('regions');
      const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      const seen = new Set();
      for (let i = 0; i < data.length; i += 4) seen.add(data[i] + ',' + data[i + 1] + ',' + data[i + 2]);
      return seen.size;
    })()`);
    assert.equal(colours, 3);
  } finally {
    await session.close();
  }
});
