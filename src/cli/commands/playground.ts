import { constants, existsSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { ScratchnetError } from '../../errors/scratchnet-error.ts';
import { COMMAND_SUMMARIES } from '../command-summaries.ts';
import { parseNonNegativeInteger } from '../parse.ts';

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.ico': 'image/x-icon',
};

/** <package>/dist/playground: this file is <package>/src/cli/commands/ or, built, <package>/dist/cli/commands/. */
export function playgroundRoot(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'dist', 'playground');
}

export function registerPlaygroundCommand(program: Command): void {
  program
    .command('playground')
    .description(COMMAND_SUMMARIES.playground.description)
    .option('--port <n>', 'port to listen on (0: any free port)', parseNonNegativeInteger, 8080)
    .action(async (options: { port: number }) => {
      if (options.port > 65535) {
        throw new ScratchnetError(
          'INVALID_OPTION',
          `--port ${options.port} is not a TCP port`,
          'use a port from 1 to 65535, or 0 for any free one',
        );
      }
      const root = playgroundRoot();
      if (!existsSync(join(root, 'index.html'))) {
        throw new ScratchnetError(
          'BAD_STATE',
          `the playground is not built: ${join(root, 'index.html')} is missing`,
          'run npm run build (or npm run playground, which builds and serves)',
        );
      }
      const server = await servePlayground(root, options.port);
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : options.port;
      console.log(`playground: http://127.0.0.1:${port}/  (Ctrl-C to stop)`);
    });
}

/**
 * What the page may load and run: its own scripts, styles and Worker, and WebAssembly compiled from
 * bytes (the kernels: 'wasm-unsafe-eval', CSP level 3); nothing from elsewhere, and no page may frame
 * it. The favicon is a data: URL, and downloads are blob: links.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
} as const;

/**
 * A static file server for one folder, bound to 127.0.0.1 only. Paths are resolved inside `root`
 * and anything that would leave it (.., encoded or not) is refused, as is anything but GET and HEAD,
 * and any Host but 127.0.0.1, localhost or [::1] with this port: a page of another site whose name
 * an attacker points at 127.0.0.1 (DNS rebinding) sends its own name as the Host. A file that cannot
 * be read (EMFILE, EACCES) is answered 500 and the server goes on serving.
 */
export function servePlayground(root: string, port: number): Promise<Server> {
  const base = resolve(root);
  const server = createServer((request, response) => {
    answer(base, server, request, response).catch((error: unknown) => {
      // the last resort: an answer, never a dead server
      if (!response.headersSent) plain(response, 500, `cannot serve this: ${String(error)}\n`);
      else response.destroy();
    });
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', (error) =>
      reject(
        new ScratchnetError(
          'INVALID_OPTION',
          `cannot listen on 127.0.0.1:${port}: ${error.message}`,
          'choose another port with --port, or --port 0 for any free one',
        ),
      ),
    );
    server.listen(port, '127.0.0.1', () => {
      // after listening, an error (EMFILE on accept) is reported and serving goes on; unheard, it
      // would end the process
      server.on('error', (error) => process.stderr.write(`playground: ${error.message}\n`));
      resolvePromise(server);
    });
  });
}

async function answer(
  base: string,
  server: Server,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  if (!allowedHost(request.headers.host, server)) {
    plain(response, 403, 'this server answers only to 127.0.0.1, localhost and [::1]\n');
    return;
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { allow: 'GET, HEAD', ...SECURITY_HEADERS }).end();
    return;
  }
  const file = resolveInside(base, request.url ?? '/');
  if (file === null) {
    plain(response, 404, 'not found\n');
    return;
  }
  let handle: FileHandle;
  try {
    // not blocking on a FIFO; the descriptor that is checked is the one that is read
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const missing = code === 'ENOENT' || code === 'ENOTDIR' || code === 'ENXIO';
    plain(response, missing ? 404 : 500, missing ? 'not found\n' : `cannot read this file (${code})\n`);
    return;
  }
  const info = await handle.stat().catch(() => null);
  if (info === null || !info.isFile()) {
    await handle.close();
    plain(response, 404, 'not found\n');
    return;
  }
  response.writeHead(200, {
    'content-type': MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'content-length': info.size,
    'cache-control': 'no-cache',
    ...SECURITY_HEADERS,
    // cross-origin isolation: the training Worker then gets a shared WebAssembly memory, where
    // the layers' buffers stay resident and the kernels skip their copies (tensor/wasm-arena.ts)
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-embedder-policy': 'require-corp',
  });
  if (request.method === 'HEAD') {
    await handle.close();
    response.end();
    return;
  }
  const stream = handle.createReadStream();
  // a read that fails halfway cannot change the status sent: the client sees a cut connection
  stream.on('error', () => response.destroy());
  stream.pipe(response);
}

function plain(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS }).end(text);
}

/** The Host header names this server: 127.0.0.1, localhost or [::1], with its port (none for 80). */
export function allowedHost(host: string | undefined, server: Server): boolean {
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : -1;
  if (host === undefined) return false;
  const names = ['127.0.0.1', 'localhost', '[::1]'];
  const given = host.toLowerCase();
  return names.some((name) => given === `${name}:${port}` || (port === 80 && given === name));
}

/** The file a URL path names inside `base`, or null when it is malformed or would leave `base`. */
export function resolveInside(base: string, url: string): string | null {
  let path: string;
  try {
    path = decodeURIComponent(new URL(url, 'http://localhost').pathname);
  } catch {
    return null;
  }
  if (path.includes('\0')) return null;
  if (path.endsWith('/')) path += 'index.html';
  const file = normalize(join(base, path));
  return file === base || file.startsWith(base + sep) ? file : null;
}
