// Bundles the playground (web/) into dist/playground/: the page, its stylesheet, the page script and
// the training worker, which imports the library from src/ (esbuild resolves the .ts imports).
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/**
 * The one Node-only module the bundle still reaches: tensor/threads/kernel-team.ts imports the
 * worker-thread starter dynamically, behind a check for Node, and esbuild bundles it all the same.
 * In the bundle it becomes a starter that starts nothing (a page runs on one thread anyway). Every
 * `node:` import fails the build: library code, what the page runs, has none (saving, loading and
 * the image files live in src/io, reached from the Node entry src/node.ts only).
 */
const nodeThreadStarter = {
  name: 'node-thread-starter',
  setup(build) {
    build.onResolve({ filter: /\/node-kernel-thread\.ts$/ }, (args) => ({
      path: args.path,
      namespace: 'node-thread-starter',
    }));
    build.onLoad({ filter: /.*/, namespace: 'node-thread-starter' }, () => ({
      contents: 'export function startNodeKernelHelper() { return Promise.resolve(false); }',
      loader: 'js',
    }));
  },
};

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// `--out [folder]` (npm run build:site [-- folder], dist/site by default): the same files, for any
// static file server; the page needs nothing else from `scratchnet playground` (without its
// isolation headers the WebAssembly kernels run on an unshared memory, on one thread)
const outFlag = process.argv.indexOf('--out');
const out =
  outFlag > 0
    ? resolve(process.argv[outFlag + 1] ?? join(root, 'dist', 'site'))
    : join(root, 'dist', 'playground');
mkdirSync(out, { recursive: true });
const started = performance.now();
await build({
  entryPoints: { main: join(root, 'web/src/main.ts'), worker: join(root, 'web/src/worker.ts') },
  outdir: out,
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  sourcemap: true,
  plugins: [nodeThreadStarter],
  logLevel: 'warning',
});
for (const file of ['index.html', 'style.css']) copyFileSync(join(root, 'web', file), join(out, file));
console.log(`playground built in ${Math.round(performance.now() - started)} ms: ${out}`);
