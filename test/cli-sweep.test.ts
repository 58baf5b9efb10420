// `scratchnet sweep` as a user runs it: the built CLI, real worker threads, real files.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { assertCleanFailure, cli, runCli } from './cli-runner.ts';

/** A grid of 2 × 2 settings × 2 seeds on a tiny problem: seconds, not minutes. */
const TINY = [
  ...['--l2', '0,1e-3', '--dropout', '0,0.2', '--seeds', '0,1'],
  ...['--samples', '20', '--validation-samples', '20', '--epochs', '20', '--jobs', '2'],
];

const run = (...args: string[]) => runCli(args);

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'scratchnet-sweep-'));
}

function jsonLines(stdout: string): { type: string; [key: string]: unknown }[] {
  return stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
}

describe('scratchnet sweep', () => {
  const dir = tempDir();
  const out = join(dir, 'tiny');
  const first = run('sweep', ...TINY, '--out', out);

  test('trains every setting and seed, prints the table, writes results, CSV, JSON and SVG', () => {
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /^training 8 runs on 2 worker threads$/m);
    assert.match(first.stdout, /^L2\s+dropout\s+seeds\s+train acc\s+val acc\s+gap\s+data loss/m);
    assert.match(first.stdout, /^1e-3\s+0\.2\s+2\s+\d\.\d{3} ±\d\.\d{3}/m);
    assert.deepEqual(readdirSync(out).sort(), [
      'results',
      'sweep-config.json',
      'sweep.csv',
      'sweep.json',
      'sweep.svg',
    ]);
    assert.equal(readdirSync(join(out, 'results')).length, 8);
    assert.match(
      readFileSync(join(out, 'sweep.svg'), 'utf8'),
      /^<svg[^>]*>[\s\S]*validation accuracy[\s\S]*<\/svg>\n$/,
    );
  });

  test('sweep.csv: a run row per setting and seed with finite numbers, then mean and std per setting', () => {
    const [header, ...rows] = readFileSync(join(out, 'sweep.csv'), 'utf8').trim().split('\n');
    assert.equal(
      header,
      'row,l2,l1,dropout,seed,train_accuracy,validation_accuracy,gap,train_data_loss,validation_data_loss,regularization_loss,near_zero,seconds',
    );
    const cells = rows.map((row) => row.split(','));
    const runs = cells.filter((c) => c[0] === 'run');
    assert.equal(runs.length, 8);
    assert.deepEqual(
      runs.map((c) => `${c[1]}/${c[3]}/${c[4]}`),
      ['0/0/0', '0/0/1', '0/0.2/0', '0/0.2/1', '0.001/0/0', '0.001/0/1', '0.001/0.2/0', '0.001/0.2/1'],
    );
    for (const c of runs) {
      assert.equal(c.length, 13);
      for (const value of c.slice(1)) assert.ok(Number.isFinite(Number(value)), `${value} in ${c.join(',')}`);
      assert.ok(Math.abs(Number(c[7]) - (Number(c[5]) - Number(c[6]))) < 1e-12, 'gap = train − validation');
    }
    assert.equal(cells.filter((c) => c[0] === 'mean').length, 4);
    assert.equal(cells.filter((c) => c[0] === 'std' && c[4] === '0 1').length, 4);
    const unregularized = runs.filter((c) => c[1] === '0');
    assert.ok(
      unregularized.every((c) => Number(c[10]) === 0),
      'no penalty without a penalty',
    );
  });

  test('sweep.json: every run, and the mean of the seeds in the summary', () => {
    const json = JSON.parse(readFileSync(join(out, 'sweep.json'), 'utf8'));
    assert.equal(json.runs.length, 8);
    assert.deepEqual(json.grid, { l2: [0, 1e-3], l1: [0], dropout: [0, 0.2], seeds: [0, 1] });
    const summary = json.summary.find(
      (s: { l2: number; dropout: number }) => s.l2 === 1e-3 && s.dropout === 0.2,
    );
    const runs = json.runs.filter((r: { l2: number; dropout: number }) => r.l2 === 1e-3 && r.dropout === 0.2);
    const mean = (runs[0].validationAccuracy + runs[1].validationAccuracy) / 2;
    assert.ok(Math.abs(summary.metrics.validationAccuracy.mean - mean) < 1e-15);
    assert.match(json.definitions.nearZero, /\|w\| < 0\.001/);
  });

  test('running it again trains only the run whose result is missing, and says how many it skipped', () => {
    const results = join(out, 'results');
    const kept = 'l2-0_l1-0_dropout-0_seed-0.json';
    const removed = 'l2-0.001_l1-0_dropout-0.2_seed-1.json';
    const before = statSync(join(results, kept)).mtimeMs;
    const result = JSON.parse(readFileSync(join(results, removed), 'utf8'));
    rmSync(join(results, removed));
    const again = run('sweep', ...TINY, '--out', out, '--json');
    assert.equal(again.code, 0, again.stderr);
    const lines = jsonLines(again.stdout);
    assert.deepEqual(
      lines.map((l) => l.type),
      ['resume', 'run', 'summary'],
    );
    assert.equal(lines[0].skipped, 7);
    assert.equal(lines[1].key, removed.replace('.json', ''));
    assert.equal(statSync(join(results, kept)).mtimeMs, before, 'finished runs are not redone');
    const redone = JSON.parse(readFileSync(join(results, removed), 'utf8'));
    assert.equal(
      redone.validationAccuracy,
      result.validationAccuracy,
      'the same seed gives the same numbers',
    );
    assert.equal(redone.trainDataLoss, result.trainDataLoss);
  });

  test('--resume DIR finishes the stored sweep; with nothing left, it only reprints the table', () => {
    const again = run('sweep', '--resume', out);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /: 8 of 8 runs already finished, skipped; 0 to train/);
    assert.match(again.stdout, /^1e-3\s+0\.2\s+2\s/m);
  });

  test('a different sweep in the same folder is refused, naming what differs', () => {
    const other = run('sweep', ...TINY, '--epochs', '30', '--out', out);
    assert.equal(other.code, 1);
    assert.match(other.stderr, /^error: .* holds a different sweep \(epochs: 20 → 30\)$/m);
    assert.match(other.stderr, /^hint: finish it as it was with scratchnet sweep --resume /m);
    const resumed = run('sweep', '--resume', out, '--l2', '0.1');
    assert.equal(resumed.code, 1);
    assert.match(
      resumed.stderr,
      /--resume finishes a sweep with its stored settings; it cannot also take --l2/,
    );
  });
});

describe('scratchnet sweep refuses bad input before it makes a folder', () => {
  const dir = tempDir();
  const csv = join(dir, 'points.csv');
  writeFileSync(csv, 'a,b,label\n0,1,0\n1,0,1\n1,1,0\n0,0,1\n');
  const cases: [string, string[], RegExp][] = [
    [
      'a negative lambda',
      ['--l2', '-1e-4'],
      /option '--l2 <lambdas>' argument '-1e-4' is invalid\. expected a number >= 0/,
    ],
    ['dropout 1', ['--dropout', '0,1'], /option '--dropout <rates>' .* expected a rate in \[0, 1\)/],
    [
      'an empty list',
      ['--l1', ''],
      /option '--l1 <lambdas>' argument '' is invalid\. expected a number, got ""/,
    ],
    [
      'a non-number in a list',
      ['--l2', '1e-4,abc'],
      /option '--l2 <lambdas>' .* expected a number, got "abc"/,
    ],
    ['a fractional seed', ['--seeds', '0,1.5'], /option '--seeds <list>' .* whole number/],
    ['an unknown flag', ['--l2x', '1e-4'], /unknown option '--l2x'/],
    ['a train flag the axes set', ['--l2w', '1e-4'], /sweep sets --l2w itself/],
    ['no workers', ['--jobs', '0'], /option '--jobs <n>' .* whole number >= 1/],
    ['a missing CSV file', ['--dataset', 'csv:missing.csv'], /cannot read missing\.csv/],
    [
      'a CSV without validation rows',
      ['--dataset', `csv:${csv}`],
      /a sweep scores every run on validation data/,
    ],
    ['a folder with no sweep to resume', ['--resume', dir], /holds no sweep \(no sweep-config\.json\)/],
  ];
  for (const [name, args, message] of cases) {
    test(name, () => {
      const out = join(dir, `out-${name.replace(/\W+/g, '-')}`);
      const result = run('sweep', ...args, ...(args[0] === '--resume' ? [] : ['--out', out]));
      assertCleanFailure(result, message, out);
    });
  }
});

describe('scratchnet sweep, runs that fail or are stopped', () => {
  test('a run that fails in its worker stops the sweep with an error naming it', () => {
    const out = join(tempDir(), 'diverging');
    const args = ['--optimizer', 'sgd', '--lr', '1e30', '--decay', '0', '--epochs', '50', '--samples', '20'];
    const { code, stderr } = run('sweep', ...args, '--l2', '1e-3', '--seeds', '4', '--quiet', '--out', out);
    assert.equal(code, 1);
    assert.match(stderr, /^error: the run "L2 1e-3, seed 4" failed: training diverged at epoch \d+/m);
    assert.match(stderr, /^hint: lower the learning rate/m);
    assert.equal(existsSync(join(out, 'sweep.csv')), false);
  });

  test('Ctrl-C stops the workers, keeps the finished runs, and --resume completes the sweep', async () => {
    const out = join(tempDir(), 'stopped');
    // runs long enough that the Ctrl-C after the first one lands before the others end
    const args = ['sweep', '--l2', '0,1e-3', '--seeds', '0,1', '--samples', '20', '--epochs', '3000'];
    const child = spawn(process.execPath, [cli, ...args, '--jobs', '1', '--out', out]);
    let output = '';
    let errors = '';
    child.stderr.on('data', (chunk) => (errors += chunk));
    const code = await new Promise<number | null>((resolve) => {
      child.stdout.on('data', (chunk) => {
        output += chunk;
        if (output.includes('[1/4]') && !child.killed) child.kill('SIGINT');
      });
      child.on('close', resolve);
    });
    assert.equal(code, 130, errors);
    assert.match(
      errors,
      /^interrupted: \d of 4 runs finished, kept in .*results\nresume with: scratchnet sweep --resume /m,
    );
    const kept = readdirSync(join(out, 'results')).filter((f) => f.endsWith('.json')).length;
    assert.ok(kept >= 1 && kept < 4, `${kept} results kept`);
    assert.equal(existsSync(join(out, 'sweep.csv')), false);
    const resumed = run('sweep', '--resume', out, '--quiet');
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.equal(readdirSync(join(out, 'results')).length, 4);
    assert.ok(existsSync(join(out, 'sweep.csv')));
  });
});

test('a sweep run gives the validation numbers of scratchnet train with the same settings and seed', () => {
  const dir = tempDir();
  const common = ['--samples', '50', '--epochs', '40', '--lr', '0.02', '--decay', '5e-7', '--json'];
  const sweep = run(
    'sweep',
    ...common,
    '--l2',
    '5e-4',
    '--dropout',
    '0.1',
    '--seeds',
    '3',
    '--validation-samples',
    '100',
    '--out',
    join(dir, 's'),
  );
  assert.equal(sweep.code, 0, sweep.stderr);
  const train = run(
    'train',
    ...common,
    '--l2w',
    '5e-4',
    '--l2b',
    '5e-4',
    '--dropout',
    '0.1',
    '--seed',
    '3',
    '--out',
    join(dir, 't'),
  );
  assert.equal(train.code, 0, train.stderr);
  const result = jsonLines(sweep.stdout).find((l) => l.type === 'run') as Record<string, number>;
  const summary = jsonLines(train.stdout).find((l) => l.type === 'summary');
  const validation = summary?.validation as Record<string, number>;
  assert.equal(result.validationAccuracy, validation.accuracy);
  assert.equal(result.validationDataLoss, validation.dataLoss);
  // the gap is defined once: training re-measured after the last epoch with dropout off, as the sweep does
  const training = summary?.train as Record<string, number>;
  assert.equal(result.trainAccuracy, training.accuracy);
  assert.equal(result.trainDataLoss, training.dataLoss);
  assert.equal(result.gap, summary?.gap);
});

test('on a terminal, a live bar of the runs finished with an ETA, and a line per run above it', (t) => {
  // util-linux's `script` runs the command under a pseudo-terminal, as a user's shell would
  if (spawnSync('script', ['--version'], { encoding: 'utf8' }).status !== 0) {
    t.skip('script(1) is not installed');
    return;
  }
  const out = join(tempDir(), 'tty');
  const flags = '--l2 0,1e-3 --seeds 0 --samples 20 --validation-samples 20 --epochs 300 --jobs 1';
  const command = `${process.execPath} ${cli} sweep ${flags} --out ${out}`;
  const result = spawnSync('script', ['-qec', command, '/dev/null'], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stdout);
  assert.match(result.stdout, /runs 1\/2 \[[█░]+\] \d+% \| ETA \d+s/);
  assert.match(result.stdout, /\[1\/2\] no regularization, seed 0: train acc \d\.\d{3}, val acc \d\.\d{3}/);
});
