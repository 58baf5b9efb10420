// The built command line, run as a user runs it (`npm test` builds dist/ first).
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { RandomState, spiralData } from 'scratchnet';
import { runCli } from './cli-runner.ts';

const run = (...args: string[]) => runCli(args);

describe('scratchnet data', () => {
  test('spiral CSV round-trips to the exact float32 data of seed 0', () => {
    const { code, stdout } = run('data', 'spiral', '--samples', '100', '--classes', '3', '--seed', '0');
    assert.equal(code, 0);
    const lines = stdout.trim().split('\n');
    assert.equal(lines[0], 'x0,x1,label');
    const { X, y } = spiralData(100, 3, new RandomState(0));
    assert.equal(lines.length, 301);
    lines.slice(1).forEach((line, i) => {
      const [x0, x1, label] = line.split(',');
      assert.equal(Math.fround(Number(x0)), X.data[2 * i]);
      assert.equal(Math.fround(Number(x1)), X.data[2 * i + 1]);
      assert.equal(Number(label), y[i]);
    });
  });

  test('--out writes the same CSV to a file, leaving no temporary file behind', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scratchnet-'));
    const out = join(dir, 'sine.csv');
    assert.equal(run('data', 'sine', '--samples', '50', '--out', out).code, 0);
    assert.equal(readFileSync(out, 'utf8'), run('data', 'sine', '--samples', '50').stdout);
    assert.deepEqual(readdirSync(dir), ['sine.csv']);
  });
});

describe('bad input: one error line, a hint, non-zero exit, no stack trace', () => {
  const cases: [string, string[], RegExp][] = [
    ['an unknown flag', ['train', '--epocs', '5'], /unknown option '--epocs'/],
    ['text for a number', ['train', '--epochs', 'many'], /--epochs.*'many' is invalid\. expected a number/],
    ['--dropout 1', ['train', '--dropout', '1'], /rate in \[0, 1\)/],
    ['--epochs 0', ['train', '--epochs', '0'], /whole number >= 1/],
    ['a negative lambda', ['train', '--l2w', '-1'], /number >= 0/],
    ['a seed out of range', ['data', 'spiral', '--seed', '4294967296'], /below 2\^32/],
    [
      'an unknown data set',
      ['data', 'moons'],
      /Allowed choices are spiral, vertical, circle, xor, gaussian, sine/,
    ],
    [
      'a regularizer list of the wrong length',
      ['train', '--l2w', '1e-4,1e-4,1e-4', '--epochs', '1'],
      /l2w has 3 values but the network has 2 Dense layers/,
    ],
  ];
  for (const [name, args, message] of cases) {
    test(name, () => {
      const { code, stdout, stderr } = run(...args);
      assert.notEqual(code, 0);
      assert.match(stderr, /^error: /m);
      assert.match(stderr, message);
      assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace');
      assert.equal(stdout, '');
    });
  }

  test('--out into a missing folder fails cleanly and writes nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scratchnet-'));
    const out = join(dir, 'missing', 'x.csv');
    const { code, stderr } = run('data', 'spiral', '--out', out);
    assert.notEqual(code, 0);
    assert.match(stderr, /^error: .*ENOENT/m);
    assert.equal(existsSync(out), false);
  });
});

describe('scratchnet gradcheck', () => {
  test('gradcheck passes on the book’s network with every regularizer and dropout', () => {
    const args = [
      'gradcheck',
      '--samples',
      '10',
      '--hidden',
      '8',
      '--l1w',
      '1e-3',
      '--l1b',
      '1e-3',
      '--dropout',
      '0.2',
    ];
    const { code, stdout } = run(...args);
    assert.equal(code, 0, stdout);
    assert.match(stdout, /all 5 gradients agree/);
  });
});
