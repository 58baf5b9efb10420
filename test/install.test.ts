// A fresh project installs the packed tarball, as a user would, and uses it from ES modules and from
// CommonJS: train on plain arrays, save, load, predict; TypeScript type-checks the same code under
// `module: node16` (ES modules) and `module: commonjs` (the old node10 resolution). The registry's
// packages come from npm's cache when it has them (--prefer-offline).
// Needs the built dist/ (`npm test` builds first).
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

const ROOT = join(import.meta.dirname, '..');
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const temp = mkdtempSync(join(tmpdir(), 'scratchnet-install-'));
const project = join(temp, 'project');

/** The user's program, one body for both module systems: XOR on plain arrays, saved and loaded. */
const PROGRAM = `
seed(0);
const X = [[0, 0], [0, 1], [1, 0], [1, 1]];
const y = [0, 1, 1, 0];
const model = new Model();
model.add(new Dense(2, 16));
model.add(new ReLU());
model.add(new Dense(16, 2));
model.add(new Softmax());
model.set({
  loss: new CategoricalCrossentropy(),
  optimizer: new Adam({ learningRate: 0.05 }),
  accuracy: new CategoricalAccuracy(),
});
model.finalize();
const history = model.train(X, y, { epochs: 300 });
const dir = 'saved-model';
const run = async () => {
  await saveModel(model, dir);
  const loaded = await loadModel(dir);
  const before = model.predict(X).toRows();
  const after = loaded.predict(X).toRows();
  const classes = after.map((row) => row.indexOf(Math.max(...row)));
  console.log(JSON.stringify({ accuracy: history.toJSON().accuracy.at(-1), classes, same: JSON.stringify(before) === JSON.stringify(after) }));
};
run();
`;
const NAMES =
  'Adam, CategoricalAccuracy, CategoricalCrossentropy, Dense, Model, ReLU, Softmax, loadModel, saveModel, seed';

function run(command: string, args: readonly string[], cwd = project): string {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
  assert.equal(result.status, 0, `${command} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

before(() => {
  assert.ok(existsSync(join(ROOT, 'dist', 'node.js')), 'dist/ is not built: run `npm run build` first');
  run('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', temp], ROOT);
  const tarball = readdirSync(temp).find((name) => name.endsWith('.tgz'));
  assert.ok(tarball, 'npm pack wrote no tarball');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'fresh-project', private: true }));
  const install = spawnSync(
    'npm',
    ['install', '--prefer-offline', '--no-audit', '--no-fund', join(temp, tarball)],
    { cwd: project, encoding: 'utf8' },
  );
  assert.equal(install.status, 0, install.stderr);
  assert.doesNotMatch(install.stderr, /prepare/, 'installing mentions a prepare script');
  const esm = `import { ${NAMES} } from 'scratchnet';\n${PROGRAM}`;
  const cjs = `const { ${NAMES} } = require('scratchnet');\n${PROGRAM}`;
  writeFileSync(join(project, 'user.mjs'), esm);
  writeFileSync(join(project, 'user.cjs'), cjs);
  writeFileSync(join(project, 'user.mts'), esm);
  // module commonjs: `import` compiles to require(); the package has no "type", so .ts is CommonJS.
  writeFileSync(join(project, 'user.ts'), esm);
});

after(() => rmSync(temp, { recursive: true, force: true }));

for (const [kind, file] of [
  ['an ES module (import)', 'user.mjs'],
  ['a CommonJS module (require)', 'user.cjs'],
] as const) {
  test(`${kind} trains on plain arrays, saves, loads and predicts the same`, () => {
    rmSync(join(project, 'saved-model'), { recursive: true, force: true });
    const out = execFileSync(process.execPath, [file], { cwd: project, encoding: 'utf8' });
    const result = JSON.parse(out.trim().split('\n').at(-1) ?? '') as {
      accuracy: number;
      classes: number[];
      same: boolean;
    };
    assert.deepEqual(result.classes, [0, 1, 1, 0]);
    assert.equal(result.accuracy, 1);
    assert.equal(result.same, true);
    assert.ok(existsSync(join(project, 'saved-model', 'model.json')));
  });
}

const TSC_OPTIONS = ['--noEmit', '--strict', '--target', 'es2022', '--lib', 'es2022,dom'];

test('TypeScript type-checks the ES module program under module node16', () => {
  run(process.execPath, [TSC, ...TSC_OPTIONS, '--module', 'node16', 'user.mts']);
});

test('TypeScript type-checks the program under module commonjs, and refuses a misspelt option', () => {
  // One compiler run for both files (each run takes seconds): the program passes, the typo fails.
  writeFileSync(
    join(project, 'typo.ts'),
    "import { Dense } from 'scratchnet';\nnew Dense(2, 3, { weightRegularizerL3: 1 });\n",
  );
  const result = spawnSync(
    process.execPath,
    [TSC, ...TSC_OPTIONS, '--module', 'commonjs', 'user.ts', 'typo.ts'],
    {
      cwd: project,
      encoding: 'utf8',
    },
  );
  const errors = result.stdout.split('\n').filter((line) => /error TS/.test(line));
  assert.equal(errors.length, 1, result.stdout);
  assert.match(errors[0], /^typo\.ts.*weightRegularizerL3/);
});
