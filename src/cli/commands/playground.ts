import { createReadStream, existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
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
 * A static file server for one folder, bound to 127.0.0.1 only. Paths are resolved inside `root`
 * and anything that would leave it (.., encoded or not) is refused, as is anything but GET and HEAD.
 */
export function servePlayground(root: string, port: number): Promise<Server> {
  const base = resolve(root);
  const server = createServer(async (request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const file = resolveInside(base, request.url ?? '/');
    const info = file === null ? null : await stat(file).catch(() => null);
    if (file === null || info === null || !info.isFile()) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
      return;
    }
    response.writeHead(200, {
      'content-type': MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'content-length': info.size,
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
      // cross-origin isolation: the training Worker then gets a shared WebAssembly memory, where
      // the layers' buffers stay resident and the kernels skip their copies (tensor/wasm-arena.ts)
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-embedder-policy': 'require-corp',
    });
    if (request.method === 'HEAD') response.end();
    else createReadStream(file).pipe(response);
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
    server.listen(port, '127.0.0.1', () => resolvePromise(server));
  });
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
