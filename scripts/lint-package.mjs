// The package as a user installs it: publint checks package.json against the files it ships, and
// arethetypeswrong checks that TypeScript finds the declarations under every resolution mode
// (node10 for old `module: commonjs` projects, node16/nodenext, bundler). Both read the built dist/,
// so `npm test` builds before it lints.
//
// One rule is ignored: cjs-resolves-to-esm. The package is ES modules only, and a CommonJS
// `require('scratchnet')` loads it through Node's require() of ES modules (Node 20.19+ and 22.12+,
// https://nodejs.org/api/modules.html#loading-ecmascript-modules-using-require); TypeScript accepts
// it under `module: nodenext` from 5.8 on, and under `module: commonjs` (node10 resolution) always.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);

if (!existsSync(join(root, 'dist', 'node.js'))) {
  console.error('error: dist/ is not built, so the package cannot be checked');
  console.error('hint: npm run build');
  process.exit(1);
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run(bin('publint'), ['--strict']);
const temp = mkdtempSync(join(tmpdir(), 'scratchnet-pack-'));
try {
  // --ignore-scripts: pack what is built; prepack would build it all again.
  run('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', temp]);
  const tarball = readdirSync(temp).find((name) => name.endsWith('.tgz'));
  run(bin('attw'), [
    join(temp, tarball),
    '--ignore-rules',
    'cjs-resolves-to-esm',
    '--format',
    'table-flipped',
  ]);
} finally {
  rmSync(temp, { recursive: true, force: true });
}
