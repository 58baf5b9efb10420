// Bundles the playground (web/) into dist/playground/: the page, its stylesheet, the page script and
// the training worker, which imports the library from src/ (esbuild resolves the .ts imports).
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

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
  logLevel: 'warning',
});
for (const file of ['index.html', 'style.css']) copyFileSync(join(root, 'web', file), join(out, file));
console.log(`playground built in ${Math.round(performance.now() - started)} ms: ${out}`);
