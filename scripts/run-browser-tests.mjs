// npm run test:browser: builds the playground, serves it on a free port of 127.0.0.1, and runs
// test-browser/*.test.ts against it in Debian's Chromium (never a downloaded browser).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  console.error(`error: no Chromium at ${chromium}`);
  console.error('hint: apt-get install -y chromium (or set CHROMIUM_PATH)');
  process.exit(1);
}
// the playground, and the library's browser bundle that examples/browser/index.html imports
const built = spawnSync(process.execPath, [join(root, 'scripts/build-playground.mjs')], { stdio: 'inherit' });
const bundled = spawnSync(process.execPath, [join(root, 'scripts/build-browser.mjs')], { stdio: 'inherit' });
if (bundled.status !== 0) process.exit(bundled.status ?? 1);
if (built.status !== 0) process.exit(built.status ?? 1);

const server = spawn(
  process.execPath,
  ['--import', 'tsx', join(root, 'src/cli/main.ts'), 'playground', '--port', '0'],
  { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
);
const url = await new Promise((resolve, reject) => {
  let text = '';
  server.stdout.on('data', (chunk) => {
    text += chunk;
    const found = text.match(/http:\/\/127\.0\.0\.1:\d+\//);
    if (found) resolve(found[0]);
  });
  server.once('exit', (code) => reject(new Error(`the playground server exited (${code}) before listening`)));
});

const filter = process.argv.slice(2);
const files = readdirSync(join(root, 'test-browser'))
  .filter(
    (name) => name.endsWith('.test.ts') && (filter.length === 0 || filter.some((f) => name.includes(f))),
  )
  .sort()
  .map((name) => join('test-browser', name));
if (files.length === 0) {
  console.error('error: no test files (test-browser/*.test.ts) matched');
  server.kill();
  process.exit(1);
}
const started = performance.now();
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=spec', ...files],
  { cwd: root, stdio: 'inherit', env: { ...process.env, PLAYGROUND_URL: url, CHROMIUM_PATH: chromium } },
);
server.kill();
console.log(`browser tests: ${((performance.now() - started) / 1000).toFixed(1)} s`);
process.exit(result.status ?? 1);
