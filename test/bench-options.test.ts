// The bench's command line (bench/bench-options.ts), parsed without running anything.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BENCH_HELP, parseBenchArgs, parseRows, ROWS } from '../bench/bench-options.ts';
import { summarySeconds } from '../bench/rows/contention.ts';

describe('npm run bench -- --only', () => {
  test('picks the rows named, in the bench order, each once, whatever the case and spacing', () => {
    assert.deepEqual(parseRows('contention,startup'), ['startup', 'contention']);
    assert.deepEqual(parseRows(' Process , w1,process'), ['w1', 'process']);
  });

  test('an unknown row is refused, naming it and the rows there are', () => {
    assert.throws(() => parseRows('w1,procesS2'), /--only process2: no such row; use some of w1, w2, w3/);
    assert.throws(() => parseRows(','), /--only needs some of/);
  });

  test('without --only every row runs and the run is complete (it writes results.json)', () => {
    const options = parseBenchArgs([], 8);
    assert.deepEqual(options.rows, [...ROWS]);
    assert.equal(options.partial, false);
  });

  test('with --only the run is partial', () => {
    const options = parseBenchArgs(['--only', 'startup,process', '--quick'], 8);
    assert.deepEqual(options.rows, ['startup', 'process']);
    assert.equal(options.partial, true);
    assert.equal(options.mode, 'quick');
  });
});

describe('npm run bench options', () => {
  test('defaults: default mode, exact precision, the library kernels, threads = cores up to 2', () => {
    const options = parseBenchArgs([], 1);
    assert.equal(options.mode, 'default');
    assert.equal(options.precision, 'exact');
    assert.equal(options.kernels, '');
    assert.equal(options.threads, 1);
    assert.equal(parseBenchArgs([], 16).threads, 2);
  });

  test('values are read after their flags', () => {
    const options = parseBenchArgs(
      ['--full', '--kernels', 'typescript', '--precision', 'float32', '--threads', '3'],
      2,
    );
    assert.deepEqual(
      [options.mode, options.kernels, options.precision, options.threads],
      ['full', 'typescript', 'float32', 3],
    );
  });

  test('bad values and unknown flags are refused (a typo no longer runs the whole bench)', () => {
    assert.throws(() => parseBenchArgs(['--onyl', 'w1'], 2), /unknown option --onyl/);
    assert.throws(() => parseBenchArgs(['--threads', '0'], 2), /--threads 0: use a whole number >= 1/);
    assert.throws(() => parseBenchArgs(['--precision', 'half'], 2), /--precision half/);
    assert.throws(() => parseBenchArgs(['--only'], 2), /--only needs a value/);
    assert.throws(() => parseBenchArgs(['--quick', '--full'], 2), /not both/);
  });

  test('--help is recognised, and the help names every row and the --only option', () => {
    assert.equal(parseBenchArgs(['--help'], 2).help, true);
    assert.equal(parseBenchArgs(['-h'], 2).help, true);
    for (const row of ROWS) assert.match(BENCH_HELP, new RegExp(`^  ${row} `, 'm'), `row ${row} in the help`);
    assert.match(BENCH_HELP, /--only <rows>/);
  });
});

describe('the contention row reads scratchnet train --json', () => {
  test('the training seconds come from the summary line, not from epoch lines', () => {
    const stdout = [
      '{"type":"epoch","epoch":500,"seconds":99}',
      '{"type":"summary","epochs":500,"seconds":1.25,"folder":"x"}',
      '',
    ].join('\n');
    assert.equal(summarySeconds(stdout), 1.25);
    assert.throws(() => summarySeconds('{"type":"epoch"}\n'), /no summary line/);
  });
});
