// The playground server under abuse, in a process of its own left with a dozen free file descriptors
// (ulimit -n 256, the rest held open): many keep-alive connections run it out of them (EMFILE). It must answer 500 where it
// cannot open a file and keep serving; it used to die of an unhandled 'error' event.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';

const root = mkdtempSync(join(tmpdir(), 'scratchnet-abuse-'));
writeFileSync(join(root, 'index.html'), '<!doctype html><title>t</title>');
let child: ChildProcess | null = null;
after(() => {
  child?.kill();
  rmSync(root, { recursive: true, force: true });
});

/** Starts the server with about a dozen file descriptors to spare; resolves with its port. */
function startLimitedServer(): Promise<number> {
  const source = join(import.meta.dirname, 'playground.ts');
  // the loader needs more descriptors while it starts than the server needs afterwards: the limit is
  // set roomy, and the descriptors beyond a dozen spare ones are then held open
  const script = [
    `const { servePlayground } = await import(${JSON.stringify(source)});`,
    "const { openSync, readdirSync } = await import('node:fs');",
    `const server = await servePlayground(${JSON.stringify(root)}, 0);`,
    "const spare = 256 - readdirSync('/proc/self/fd').length - 12;",
    "for (let i = 0; i < spare; i++) openSync('/dev/null');",
    'console.log(server.address().port);',
  ].join(' ');
  const node = `${JSON.stringify(process.execPath)} --import tsx --input-type=module -e ${JSON.stringify(script)}`;
  child = spawn('sh', ['-c', `ulimit -n 256 && exec ${node}`], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child?.stdout?.once('data', (data: Buffer) => resolve(Number(data.toString().trim())));
    child?.once('exit', (code) => reject(new Error(`the server exited with ${code}`)));
  });
}

/** Opens `count` idle connections; resolves once the server has had to close one (it is out of descriptors). */
async function exhaust(port: number, count: number): Promise<Socket[]> {
  const sockets: Socket[] = [];
  let closed!: () => void;
  const oneClosed = new Promise<void>((resolve) => {
    closed = resolve;
  });
  for (let i = 0; i < count; i++) {
    const socket = connect(port, '127.0.0.1');
    socket.on('error', () => {});
    socket.on('close', () => closed());
    sockets.push(socket);
  }
  await oneClosed;
  return sockets.filter((socket) => !socket.closed);
}

/** Sends a keep-alive GET on each socket; resolves with the statuses answered. */
async function ask(port: number, sockets: readonly Socket[]): Promise<string[]> {
  return Promise.all(
    sockets.map(
      (socket) =>
        new Promise<string>((resolve) => {
          socket.on('close', () => resolve('closed'));
          socket.on('data', (data) => resolve(/^HTTP\/1\.1 (\d+)/.exec(data.toString())?.[1] ?? 'other'));
          socket.write(
            `GET /index.html HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: keep-alive\r\n\r\n`,
          );
        }),
    ),
  );
}

test('out of file descriptors, the server answers 500 and keeps serving', {
  skip: !existsSync('/proc/self/fd'),
}, async () => {
  const port = await startLimitedServer();
  // idle connections take every descriptor left; the server closes those it cannot keep
  const open = await exhaust(port, 40);
  assert.ok(open.length > 0);
  // each request now needs a descriptor for the file, and there is none; connections the server
  // could not accept are closed by it (libuv's EMFILE handling), the others are answered 500 (or
  // 200, when a descriptor came free meanwhile: a connection the server closed gives one back)
  const statuses = await ask(port, open);
  assert.ok(statuses.includes('500'), statuses.join(' '));
  assert.ok(
    statuses.every((status) => status === '500' || status === '200' || status === 'closed'),
    statuses.join(' '),
  );
  for (const socket of open) socket.destroy();
  assert.equal(child?.exitCode, null, 'the server is still running');
  // once the connections are gone, it serves again
  let status = 0;
  for (let attempt = 0; attempt < 20 && status !== 200; attempt++) {
    status = await fetch(`http://127.0.0.1:${port}/index.html`).then(
      (r) => r.status,
      () => 0,
    );
    if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.equal(status, 200);
});
