// Bundles the library's browser entry (src/index.ts) into one ES module, dist/scratchnet.browser.js,
// for pages without a bundler: `<script type="module">import { Model } from './scratchnet.browser.js'`.
// Its declarations are dist/index.d.ts (the package's "./browser" export).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outfile = join(root, 'dist', 'scratchnet.browser.js');
await build({
  entryPoints: [join(root, 'src/index.ts')],
  outfile,
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  // Minified syntax and whitespace only: the exported names and the classes' names (which the
  // error messages and saved models use) stay as written.
  minifySyntax: true,
  minifyWhitespace: true,
  keepNames: true,
  legalComments: 'none',
  logLevel: 'warning',
});
console.log(`browser bundle: ${outfile}`);
