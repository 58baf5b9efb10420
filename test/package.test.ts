// The tarball budget: what `npm pack` ships is the built library, the command line and the
// playground, nothing a user cannot use. Before this test the tarball was 836 kB packed (3.3 MB
// unpacked, 543 files): 179 source maps pointing at an unshipped src/, ~260 kB of base64
// WebAssembly copied into .d.ts files, and a build run on every install by `prepare`.
// Needs the built dist/ (`npm test` builds first).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const ROOT = join(import.meta.dirname, '..');
/** Measured at 477 kB packed (with the 333 kB browser bundle); the cap leaves ~15% for growth. */
const MAX_PACKED_KB = 620; // 561 kB measured after tanh, features and the diagram joined the playground
const MAX_FILES = 480;
/** Self-contained bundles: each carries its own copy of the library, WebAssembly included. */
const BUNDLES = ['dist/scratchnet.browser.js', 'dist/playground/worker.js'];

interface PackedFile {
  readonly path: string;
  readonly size: number;
}
interface PackResult {
  readonly size: number;
  readonly entryCount: number;
  readonly files: readonly PackedFile[];
}

function packDryRun(): PackResult {
  assert.ok(existsSync(join(ROOT, 'dist', 'node.js')), 'dist/ is not built: run `npm run build` first');
  const result = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  assert.equal(result.status, 0, result.stderr);
  const [pack] = JSON.parse(result.stdout) as PackResult[];
  return pack;
}

const pack = packDryRun();
const paths = pack.files.map((file) => file.path);
const text = (path: string): string => readFileSync(join(ROOT, path), 'utf8');

/** The first 80 characters of each generated WebAssembly module's base64, by file name. */
function wasmFingerprints(): Map<string, string> {
  const folder = join(ROOT, 'src', 'accel', 'generated');
  const prints = new Map<string, string>();
  for (const name of readdirSync(folder).filter((n) => n.endsWith('.generated.ts'))) {
    const found = /'([A-Za-z0-9+/=]{80})/.exec(readFileSync(join(folder, name), 'utf8'));
    assert.ok(found, `no base64 literal in ${name}`);
    prints.set(name, found[1]);
  }
  return prints;
}

test(`the packed tarball stays under ${MAX_PACKED_KB} kB and ${MAX_FILES} files`, () => {
  const kB = pack.size / 1000;
  assert.ok(kB <= MAX_PACKED_KB, `the tarball is ${kB.toFixed(0)} kB packed, over ${MAX_PACKED_KB} kB`);
  assert.ok(pack.entryCount <= MAX_FILES, `the tarball has ${pack.entryCount} files, over ${MAX_FILES}`);
});

test('no source maps ship (they would point at the unshipped src/), nor references to them', () => {
  assert.deepEqual(
    paths.filter((path) => path.endsWith('.map')),
    [],
  );
  const referencing = paths.filter(
    (path) => /\.(js|ts)$/.test(path) && text(path).includes('sourceMappingURL'),
  );
  assert.deepEqual(referencing, []);
});

test('no test code ships: no compiled tests, test helpers or fixtures', () => {
  const testLike = paths.filter((path) => /\.test\.|(^|\/)(test|tests|fixtures|test-browser)\//.test(path));
  assert.deepEqual(testLike, []);
});

test('nothing under another licence ships: no LGPL code (extras/glibc-sin stays in the repository)', () => {
  // the port's licence line, and its S2 coefficient (0x1.1111111110ECEp-7), which minifiers keep
  const lgpl = paths.filter(
    (path) => /\.(js|ts)$/.test(path) && /SPDX-License-Identifier: LGPL|008333333333332329/.test(text(path)),
  );
  assert.deepEqual(lgpl, []);
});

test('the WebAssembly bytes ship once in the library and once per bundle, never in a declaration', () => {
  const shipped = paths.filter((path) => /\.(js|d\.ts)$/.test(path));
  for (const [name, print] of wasmFingerprints()) {
    const holders = shipped.filter((path) => text(path).includes(print));
    assert.deepEqual(
      holders.filter((path) => path.endsWith('.d.ts')),
      [],
      `${name}'s bytes are in declarations`,
    );
    const library = holders.filter((path) => !BUNDLES.includes(path));
    assert.equal(library.length, 1, `${name}'s bytes are in ${library.join(', ') || 'no module'}`);
    for (const bundle of BUNDLES) {
      const copies = text(bundle).split(print).length - 1;
      assert.ok(copies <= 1, `${bundle} holds ${name}'s bytes ${copies} times`);
    }
  }
});

test('the package declares no install-time script (prepare/install would run on every install)', () => {
  const { scripts } = JSON.parse(text('package.json')) as { scripts: Record<string, string> };
  for (const hook of ['prepare', 'preinstall', 'install', 'postinstall'])
    assert.equal(scripts[hook], undefined, `package.json has a "${hook}" script`);
});

test('every export target and the bin ship in the tarball', () => {
  const pkg = JSON.parse(text('package.json')) as {
    exports: Record<string, unknown>;
    bin: Record<string, string>;
  };
  const targets: string[] = [];
  const collect = (value: unknown): void => {
    if (typeof value === 'string') targets.push(value.replace(/^\.\//, ''));
    else if (value && typeof value === 'object') Object.values(value).forEach(collect);
  };
  collect(pkg.exports);
  collect(pkg.bin);
  const missing = targets.filter((target) => !paths.includes(target));
  assert.deepEqual(missing, []);
});
