// Issue 15: CSV labels that gave silently wrong runs. A label of 4294967296 wrapped to class 0, a
// header with two `label` columns took the first and made the second a feature, and labels that are
// not whole numbers >= 0 (-1, 1.5) turned the run into a regression without a word.
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { assertCleanFailure, runCli } from './cli-runner.ts';
import { tempDir } from './fault-runs.ts';

const dir = tempDir('labels');
function csv(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return `csv:${path}`;
}
let runs = 0;
const train = (dataset: string, ...args: string[]) => {
  const out = join(dir, `out-${++runs}`);
  return { out, result: runCli(['train', '--dataset', dataset, '--epochs', '2', '--out', out, ...args]) };
};

describe('refused, with the line and a hint', () => {
  const cases: [string, string, string[], RegExp, RegExp][] = [
    [
      'a label of 4294967296 (it wrapped to class 0)',
      'x,label\n1,0\n2,4294967296\n',
      [],
      /line 3: label 4294967296 is too large for a class/,
      /pass --task regression/,
    ],
    [
      'a header with two label columns',
      'label,x,label\n0,1,1\n1,2,0\n',
      [],
      /the header names two columns "label" \(columns 1 and 3\)/,
      /rename one of them/,
    ],
    [
      'labels -1 and 1 with --task classification: the hint says how to map them',
      'x,label\n1,-1\n2,1\n',
      ['--task', 'classification'],
      /line 2: label -1 is not a class/,
      /labels -1 and 1 are a binary encoding: map -1 to 0/,
    ],
    [
      'a label 1.5 with --task classification',
      'x,label\n1,0\n2,1.5\n',
      ['--task', 'classification'],
      /line 3: label 1\.5 is not a class/,
      /pass --task regression/,
    ],
  ];
  for (const [name, text, args, message, hint] of cases) {
    test(name, () => {
      const { out, result } = train(csv(`${name.slice(0, 12).replace(/\W/g, '_')}.csv`, text), ...args);
      assertCleanFailure(result, message, out);
      assert.match(result.stderr, hint);
    });
  }

  test('--task regression on a generated classification set', () => {
    const { out, result } = train('spiral', '--task', 'regression');
    assertCleanFailure(result, /--task regression does not fit --dataset spiral/, out);
  });
});

describe('a regression chosen by the labels is said at the start and in the summary', () => {
  test('labels -1 and 1: the note says how to make it a classifier', () => {
    const { out, result } = train(csv('pm.csv', 'x,label\n1,-1\n2,1\n3,1\n4,-1\n'), '--print-every', '1');
    assert.equal(result.code, 0, result.stderr);
    const lines = result.stdout.split('\n');
    assert.match(
      lines[0],
      /^note: the labels of .*pm\.csv are not all whole numbers >= 0 \(line 2: -1\), so this run is a regression/,
    );
    assert.match(
      lines[0],
      /labels -1 and 1 look like a binary encoding: for a classifier, map -1 to 0 .* and pass --task classification/,
    );
    assert.match(result.stdout, /^task: {7}regression, chosen by the labels/m);
    assert.ok(existsSync(join(out, 'predictions.svg')), 'drawn as a regression');
  });

  test('a label 1.5, with --json: a note line first and the task in the summary', () => {
    const { result } = train(csv('frac.csv', 'x,label\n1,0\n2,1.5\n'), '--json');
    assert.equal(result.code, 0, result.stderr);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    assert.equal(lines[0].type, 'note');
    assert.match(lines[0].message, /line 3: 1\.5\), so this run is a regression/);
    const summary = lines.at(-1);
    assert.equal(summary.type, 'summary');
    assert.equal(summary.task, 'regression');
  });

  test('--task regression on whole-number labels: a regression, without a note', () => {
    const { result } = train(csv('whole.csv', 'x,label\n1,0\n2,1\n3,2\n'), '--task', 'regression');
    assert.equal(result.code, 0, result.stderr);
    assert.doesNotMatch(result.stdout, /note:/);
    assert.match(result.stdout, /saved to: /);
  });
});
