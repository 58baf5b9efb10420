// Shared set-up of the browser tests: Debian's Chromium driven by playwright-core, a fresh profile per
// launch, and helpers that wait for the playground's state as the page publishes it on <body>.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

export const BASE_URL = process.env.PLAYGROUND_URL ?? 'http://127.0.0.1:8080/';
export const ARTIFACTS = join(import.meta.dirname, 'artifacts');
mkdirSync(ARTIFACTS, { recursive: true });

export interface Session {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** A headless Chromium with a fresh profile; the flags keep it off the (closed) network. */
export async function openBrowser(): Promise<Session> {
  const profile = mkdtempSync(join(tmpdir(), 'scratchnet-chromium-'));
  // launchPersistentContext gives Chromium its own fresh profile folder (--user-data-dir)
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1400, height: 1000 },
    acceptDownloads: true,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  // a Content-Security-Policy violation is logged, not thrown: the page would run on without what was blocked
  page.on('console', (message) => {
    if (/Content.Security.Policy/i.test(message.text())) errors.push(message.text());
  });
  return {
    context,
    page,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
      if (errors.length > 0) throw new Error(`errors in the page: ${errors.join('; ')}`);
    },
  };
}

/** Opens the playground with a query string and waits for the worker's first picture. */
export async function openPlayground(page: Page, query = ''): Promise<void> {
  await page.goto(new URL(query === '' ? '' : `?${query}`, BASE_URL).href);
  await page.waitForSelector('body[data-ready="true"][data-updates]');
}

export interface PageNumbers {
  epoch: number;
  accuracy: number;
  loss: number;
  dataLoss: number;
  valAccuracy: number;
  valDataLoss: number;
}

export async function numbers(page: Page): Promise<PageNumbers> {
  const data = await page.evaluate(() => ({ ...document.body.dataset }));
  return {
    epoch: Number(data.epoch),
    accuracy: Number(data.accuracy),
    loss: Number(data.loss),
    dataLoss: Number(data.dataLoss),
    valAccuracy: Number(data.valAccuracy),
    valDataLoss: Number(data.valDataLoss),
  };
}

/** Presses Play and waits until training stops at `epochs`. */
export async function playUntilDone(page: Page, epochs: number, timeout = 60_000): Promise<PageNumbers> {
  await page.getByRole('button', { name: /Play/ }).click();
  await page.waitForFunction(
    (target) => document.body.dataset.running === 'false' && Number(document.body.dataset.epoch) === target,
    epochs,
    { timeout },
  );
  return numbers(page);
}

/** The decision boundary's pixels as a data URL, to tell two pictures apart. */
export function boundaryPixels(page: Page): Promise<string> {
  return page.evaluate(() => (document.getElementById('boundary') as HTMLCanvasElement).toDataURL());
}
