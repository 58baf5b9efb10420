// `scratchnet plot` as a user runs it (built files, real disk), on a model trained for a few epochs.
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { readPngFile } from '../src/io/png-file.ts';
import { runCli } from './cli-runner.ts';

const run = (...args: string[]) => runCli(args);

/** A clean CLI error: one `error:` line and a hint, no stack trace. */
function assertCleanError(result: ReturnType<typeof run>, message: RegExp): void {
  assert.equal(result.code, 1, result.stderr);
  assert.match(result.stderr, /^error: /);
  assert.match(result.stderr, message);
  assert.match(result.stderr, /^hint: /m);
  assert.doesNotMatch(result.stderr, /^\s+at /m);
}

describe('scratchnet plot', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scratchnet-plot-'));
  const runFolder = join(dir, 'run');

  before(() => {
    const trained = run('train', '--samples', '60', '--epochs', '20', '--quiet', '--out', runFolder);
    assert.equal(trained.code, 0, trained.stderr);
  });

  test('train itself left both pictures in the run folder', async () => {
    const image = await readPngFile(join(runFolder, 'decision-boundary.png'));
    assert.deepEqual([image.width, image.height], [512, 512]);
    assert.match(readFileSync(join(runFolder, 'curves.svg'), 'utf8'), /^<svg /);
  });

  test('redraws a run from its config: a PNG of the requested size and the curves', async () => {
    const out = join(dir, 'pictures');
    const { code, stdout } = run(
      'plot',
      '--model',
      runFolder,
      '--out',
      out,
      '--width',
      '96',
      '--height',
      '64',
    );
    assert.equal(code, 0);
    assert.match(stdout, /^wrote .*decision-boundary\.png$/m);
    assert.match(stdout, /^wrote .*curves\.svg$/m);
    const image = await readPngFile(join(out, 'decision-boundary.png'));
    assert.deepEqual([image.width, image.height], [96, 64]);
    const svg = readFileSync(join(out, 'curves.svg'), 'utf8');
    assert.equal(svg.match(/<path /g)?.length, 7);
  });

  test('--data draws the given CSV over the boundary', async () => {
    const csv = join(dir, 'points.csv');
    writeFileSync(csv, 'x0,x1,label\n0.5,0.5,0\n-0.5,-0.5,1\n0,0.25,2\n');
    const out = join(dir, 'from-csv');
    const { code } = run('plot', '--model', runFolder, '--data', csv, '--out', out, '--width', '40');
    assert.equal(code, 0);
    const image = await readPngFile(join(out, 'decision-boundary.png'));
    assert.deepEqual([image.width, image.height], [40, 40]);
  });

  test('data with the wrong number of columns is refused', () => {
    const csv = join(dir, 'three.csv');
    writeFileSync(csv, 'a,b,c,label\n1,2,3,0\n');
    assertCleanError(
      run('plot', '--model', runFolder, '--data', csv, '--out', join(dir, 'x')),
      /3 feature columns .* the model takes 2 inputs/,
    );
    // the refused plot leaves no --out folder behind (it used to leave an empty one), nor its parents
    assert.equal(existsSync(join(dir, 'x')), false);
    assertCleanError(
      run('plot', '--model', runFolder, '--data', csv, '--out', join(dir, 'nest', 'deep', 'x')),
      /3 feature columns/,
    );
    assert.equal(existsSync(join(dir, 'nest')), false);
    // an --out folder that existed before stays
    mkdirSync(join(dir, 'kept'));
    assertCleanError(
      run('plot', '--model', runFolder, '--data', csv, '--out', join(dir, 'kept')),
      /3 feature columns/,
    );
    assert.equal(existsSync(join(dir, 'kept')), true);
  });

  test('a folder without a model is refused', () => {
    assertCleanError(run('plot', '--model', join(dir, 'nothing-here')), /no model at/);
  });

  test('a bare model folder (no config.json) needs --data', () => {
    const bare = join(dir, 'bare');
    mkdirSync(bare);
    for (const file of ['model.json', 'weights.bin']) copyFileSync(join(runFolder, file), join(bare, file));
    assertCleanError(run('plot', '--model', bare), /no config\.json.*/);
    assert.equal(existsSync(join(bare, 'decision-boundary.png')), false);
  });

  test('a run with features gets its boundary over x1, x2, from train and from plot (its config or a 2-column CSV)', async () => {
    const features = join(dir, 'features');
    const trained = run(
      'train',
      '--dataset',
      'circle',
      '--samples',
      '40',
      '--classes',
      '2',
      '--features',
      'x1^2,x2^2,x1x2',
      '--epochs',
      '5',
      '--quiet',
      '--out',
      features,
    );
    assert.equal(trained.code, 0, trained.stderr);
    const fromTrain = await readPngFile(join(features, 'decision-boundary.png'));
    const out = join(dir, 'features-pictures');
    const plotted = run('plot', '--model', features, '--out', out, '--width', '512');
    assert.equal(plotted.code, 0, plotted.stderr);
    assert.doesNotMatch(plotted.stderr, /no decision boundary/);
    // the same model, data and size: the same picture
    assert.deepEqual((await readPngFile(join(out, 'decision-boundary.png'))).data, fromTrain.data);
    const csv = join(dir, 'plane.csv');
    writeFileSync(csv, 'x0,x1,label\n0.5,0.5,0\n-0.5,-0.5,1\n');
    const fromCsv = run(
      'plot',
      '--model',
      features,
      '--data',
      csv,
      '--out',
      join(dir, 'f-csv'),
      '--width',
      '40',
    );
    assert.equal(fromCsv.code, 0, fromCsv.stderr);
    assert.equal((await readPngFile(join(dir, 'f-csv', 'decision-boundary.png'))).width, 40);
  });

  test('a regression over the plane gets surface.png from train, the same from plot, and one from a CSV', async () => {
    const plane = join(dir, 'plane');
    const trained = run('train', '--dataset', 'plane', '--epochs', '5', '--out', plane);
    assert.equal(trained.code, 0, trained.stderr);
    assert.match(trained.stdout, /^pictures: .*surface\.png, .*curves\.svg$/m);
    assert.equal(existsSync(join(plane, 'decision-boundary.png')), false);
    assert.equal(existsSync(join(plane, 'predictions.svg')), false);
    const fromTrain = await readPngFile(join(plane, 'surface.png'));
    assert.deepEqual([fromTrain.width, fromTrain.height], [512, 512]);
    const out = join(dir, 'plane-pictures');
    const plotted = run('plot', '--model', plane, '--out', out);
    assert.equal(plotted.code, 0, plotted.stderr);
    assert.match(plotted.stdout, /^wrote .*surface\.png$/m);
    assert.equal(plotted.stderr, '');
    // the same model, data and size: the same picture, byte for byte
    assert.deepEqual(readFileSync(join(out, 'surface.png')), readFileSync(join(plane, 'surface.png')));
    const csv = join(dir, 'plane-values.csv');
    writeFileSync(csv, 'x1,x2,value\n1.5,-2,0.25\n-3,4,-0.75\n');
    const fromCsv = run(
      'plot',
      '--model',
      plane,
      '--data',
      csv,
      '--out',
      join(dir, 'plane-csv'),
      '--width',
      '40',
    );
    assert.equal(fromCsv.code, 0, fromCsv.stderr);
    assert.deepEqual((await readPngFile(join(dir, 'plane-csv', 'surface.png'))).height, 40);
  });

  test('the 1-D sine regression still gets predictions.svg, and no surface', () => {
    const sine = join(dir, 'sine');
    const trained = run(
      'train',
      '--dataset',
      'sine',
      '--samples',
      '50',
      '--epochs',
      '2',
      '--quiet',
      '--out',
      sine,
    );
    assert.equal(trained.code, 0, trained.stderr);
    assert.match(readFileSync(join(sine, 'predictions.svg'), 'utf8'), /^<svg /);
    assert.equal(existsSync(join(sine, 'surface.png')), false);
  });

  test('a model with 3 inputs still gets its curves, and a note that the boundary needs 2 columns', () => {
    const csv = join(dir, 'three-features.csv');
    const rows = ['a,b,c,label'];
    for (let i = 0; i < 30; i++) rows.push(`${i / 30},${(i % 7) / 7},${(i % 3) / 3},${i % 2}`);
    writeFileSync(csv, `${rows.join('\n')}\n`);
    const three = join(dir, 'three');
    const trained = run('train', '--dataset', `csv:${csv}`, '--epochs', '5', '--quiet', '--out', three);
    assert.equal(trained.code, 0, trained.stderr);
    assert.equal(existsSync(join(three, 'decision-boundary.png')), false);
    const out = join(dir, 'three-pictures');
    const { code, stdout, stderr } = run('plot', '--model', three, '--out', out);
    assert.equal(code, 0, stderr);
    assert.match(stdout, /curves\.svg/);
    assert.match(stderr, /^note: no decision boundary: it needs 2 input columns, the model takes 3$/m);
    assert.equal(existsSync(join(out, 'decision-boundary.png')), false);
  });
});
