// Bundles the playground (web/) into dist/playground/: the page, its stylesheet, the page script and
// the training worker, which imports the library from src/ (esbuild resolves the .ts imports).
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'playground');
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
