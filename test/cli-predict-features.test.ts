// A model trained with --features takes the raw x1, x2 its training data had: predict and evaluate
// apply the transform saved in model.json, as train did. Bug fixed: predict expected the feature
// columns themselves, and a raw 2-column CSV was refused with a shape error.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parseCsv } from '../src/data/csv.ts';
import { applyFeatures, type FeatureName } from '../src/data/features.ts';
import { formatFloat32 } from '../src/data/format-float32.ts';
import { loadModel } from '../src/io/model-folder.ts';
import type { Matrix } from '../src/tensor/matrix.ts';
import { runCli } from './cli-runner.ts';

const run = (...args: string[]) => runCli(args);
const FEATURES: FeatureName[] = ['x1', 'x2', 'x1^2', 'x1x2'];

/** predict's CSV for class probabilities: p0..pK-1 in float32 digits, then the arg-max label. */
function expectedCsv(p: Matrix): string {
  const lines = [[...Array.from({ length: p.cols }, (_, c) => `p${c}`), 'label'].join(',')];
  for (let r = 0; r < p.rows; r++) {
    const row = Array.from(p.data.subarray(r * p.cols, (r + 1) * p.cols));
    lines.push([...row.map((v) => formatFloat32(v)), String(row.indexOf(Math.max(...row)))].join(','));
  }
  return `${lines.join('\n')}\n`;
}

describe('predict and evaluate on a model trained with --features', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scratchnet-predict-features-'));
  const model = join(dir, 'run');
  const trained = run(
    'train',
    '--samples',
    '30',
    '--epochs',
    '20',
    '--features',
    FEATURES.join(','),
    '--quiet',
    '--out',
    model,
  );
  const labelled = join(dir, 'points.csv');
  run('data', 'spiral', '--samples', '10', '--seed', '3', '--out', labelled);
  // the same points without their label: exactly the x1, x2 columns the run was trained from
  const raw = join(dir, 'raw.csv');
  const lines = readFileSync(labelled, 'utf8').trim().split('\n');
  writeFileSync(raw, `${lines.map((line) => line.split(',').slice(0, 2).join(',')).join('\n')}\n`);

  async function libraryPredictions(): Promise<Matrix> {
    const X = parseCsv(readFileSync(labelled, 'utf8')).X;
    return (await loadModel(model)).predict(applyFeatures(X, FEATURES));
  }

  test('predict on raw x1, x2 columns gives the library predictions of applyFeatures(X)', async () => {
    assert.equal(trained.code, 0, trained.stderr);
    const expected = expectedCsv(await libraryPredictions());
    const plain = run('predict', '--model', model, '--data', raw);
    assert.equal(plain.code, 0, plain.stderr);
    assert.equal(plain.stdout, expected);
    // a label column after x1, x2 is ignored, as for a model without features
    const withLabel = run('predict', '--model', model, '--data', labelled);
    assert.equal(withLabel.code, 0, withLabel.stderr);
    assert.equal(withLabel.stdout, expected);
    // a bare model folder (model.json and weights.bin copied out of the run) carries its features along
    const bare = join(dir, 'bare');
    mkdirSync(bare);
    for (const name of ['model.json', 'weights.bin']) copyFileSync(join(model, name), join(bare, name));
    const fromBare = run('predict', '--model', bare, '--data', raw);
    assert.equal(fromBare.code, 0, fromBare.stderr);
    assert.equal(fromBare.stdout, expected);
  });

  test('evaluate applies the saved features too', async () => {
    const X = parseCsv(readFileSync(labelled, 'utf8'));
    const loaded = await loadModel(model);
    const expected = loaded.evaluate(applyFeatures(X.X, FEATURES), X.labels ?? X.targets);
    const result = run('evaluate', '--model', model, '--data', labelled, '--json');
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), JSON.parse(JSON.stringify(expected)));
  });

  test('the wrong number of columns names the raw columns and the features, exit 1, no stack trace', () => {
    const one = join(dir, 'one.csv');
    writeFileSync(one, 'x1\n0.1\n0.4\n');
    // the feature columns themselves (as the old predict wanted them) are refused the same way
    const four = join(dir, 'four.csv');
    writeFileSync(four, 'x1,x2,x1sq,x1x2,label\n0.1,0.2,0.01,0.02,0\n');
    for (const [command, file, columns] of [
      ['predict', one, 1],
      ['predict', four, 4],
      ['evaluate', four, 4],
      ['plot', four, 4],
    ] as const) {
      const out = command === 'plot' ? ['--out', join(dir, 'pictures')] : [];
      const { code, stdout, stderr } = run(command, '--model', model, '--data', file, ...out);
      assert.equal(code, 1, `${command} ${file}: ${stderr}`);
      assert.match(
        stderr,
        new RegExp(
          `^error: .*${file} has ${columns} input columns?, but the model was trained on x1, x2 with features x1, x2, x1\\^2, x1x2: give 2 columns`,
          'm',
        ),
      );
      assert.match(stderr, /^hint: /m);
      assert.doesNotMatch(stderr, /\n\s+at /);
      assert.equal(stdout, '');
    }
  });
});
