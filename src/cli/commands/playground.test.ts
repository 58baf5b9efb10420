import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { CONTENT_SECURITY_POLICY, resolveInside, servePlayground } from './playground.ts';

const parent = mkdtempSync(join(tmpdir(), 'scratchnet-serve-'));
const root = join(parent, 'site');
let port = 0;
let close: () => void = () => {};

before(async () => {
  const { mkdirSync } = await import('node:fs');
  mkdirSync(root);
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(join(root, 'app.js'), 'export {};');
  writeFileSync(join(parent, 'secret.txt'), 'outside the root');
  const server = await servePlayground(root, 0);
  port = (server.address() as AddressInfo).port;
  close = () => server.close();
});
after(() => {
  close();
  rmSync(parent, { recursive: true, force: true });
});

/** A raw GET, so that the path reaches the server as written (fetch would normalize `..`). */
function get(
  path: string,
  method = 'GET',
  host?: string,
): Promise<{ status: number; type: string; body: string; isolation: string; csp: string }> {
  return new Promise((resolve, reject) => {
    const headers = host === undefined ? {} : { host };
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      let body = '';
      res.on('data', (chunk) => {
        body += chunk;
      });
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          type: String(res.headers['content-type']),
          body,
          isolation: `${res.headers['cross-origin-opener-policy']} ${res.headers['cross-origin-embedder-policy']}`,
          csp: String(res.headers['content-security-policy']),
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

test('serves index.html for / and files with their MIME type', async () => {
  const index = await get('/');
  assert.equal(index.status, 200);
  assert.equal(index.type, 'text/html; charset=utf-8');
  // cross-origin isolated, so that the training Worker gets a shared WebAssembly memory
  assert.equal(index.isolation, 'same-origin require-corp');
  const script = await get('/app.js?v=1');
  assert.equal(script.status, 200);
  assert.equal(script.type, 'text/javascript; charset=utf-8');
});

test('refuses paths that leave the root, plain or percent-encoded, and unknown files', async () => {
  for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/missing.js', '/%00']) {
    const response = await get(path);
    assert.equal(response.status, 404, path);
    assert.ok(!response.body.includes('outside the root'), path);
  }
});

test('answers only GET and HEAD', async () => {
  assert.equal((await get('/', 'POST')).status, 405);
  assert.equal((await get('/', 'HEAD')).status, 200);
});

test('resolveInside keeps every path inside the base', () => {
  assert.equal(resolveInside('/srv/site', '/a/../b.js'), '/srv/site/b.js');
  // the URL parser folds encoded dots first, so this one stays inside the base
  assert.equal(resolveInside('/srv/site', '/%2e%2e/%2e%2e/etc/passwd'), '/srv/site/etc/passwd');
  assert.equal(resolveInside('/srv/site', '/..%2f..%2fetc/passwd'), null);
  assert.equal(resolveInside('/srv/site', '/%E0%A4%A'), null);
});

test('every answer carries the Content-Security-Policy: own scripts, WebAssembly, no framing', async () => {
  for (const path of ['/', '/app.js', '/missing.js']) {
    const { csp } = await get(path);
    assert.equal(csp, CONTENT_SECURITY_POLICY, path);
  }
  // the kernels compile WebAssembly from bytes, and nothing else may frame the page
  assert.match(CONTENT_SECURITY_POLICY, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.match(CONTENT_SECURITY_POLICY, /frame-ancestors 'none'/);
});

test('a Host other than 127.0.0.1, localhost or [::1] with this port is refused (DNS rebinding)', async () => {
  for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`, `[::1]:${port}`]) {
    assert.equal((await get('/', 'GET', host)).status, 200, host);
  }
  for (const host of [
    'attacker.example',
    `attacker.example:${port}`,
    `127.0.0.1:${port + 1}`,
    'localhost',
    '127.0.0.1.nip.io',
  ]) {
    const response = await get('/', 'GET', host);
    assert.equal(response.status, 403, host);
    assert.ok(!response.body.includes('<title>'), host);
  }
});

test('a named pipe in the folder is answered 404 at once, not waited on', {
  skip: process.platform === 'win32',
}, async () => {
  assert.equal(spawnSync('mkfifo', [join(root, 'pipe.js')]).status, 0);
  assert.equal((await get('/pipe.js')).status, 404);
  assert.equal((await get('/')).status, 200);
});
