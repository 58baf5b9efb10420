// Traps a new user met on the command line (issue 17), each as a user meets it: the built CLI, real files.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { Command } from 'commander';
import { SINE_PRESET } from '../src/cli/dataset-presets.ts';
import { addTrainOptions } from '../src/cli/train-config.ts';
import { resolveTrainConfig } from '../src/cli/train-config-resolve.ts';
import { runCli } from './cli-runner.ts';

const run = (...args: string[]) => runCli(args);
const dir = mkdtempSync(join(tmpdir(), 'scratchnet-traps-'));

function jsonLines(stdout: string): { type: string; [key: string]: unknown }[] {
  return stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
}

describe('--validation-split', () => {
  test('on a CSV written by `scratchnet data` (sorted by class) it holds out a share of every class, and says so', () => {
    const csv = join(dir, 'spiral.csv');
    assert.equal(run('data', 'spiral', '--samples', '50', '--out', csv).code, 0);
    const args = ['train', '--dataset', `csv:${csv}`, '--validation-split', '0.2', '--epochs', '2'];
    const text = run(...args, '--out', join(dir, 'split-text'));
    assert.equal(text.code, 0, text.stderr);
    assert.match(
      text.stdout.split('\n')[0],
      /^held out for validation: a seeded random 0\.2 of each class's rows .*120 rows left to train on and 30 rows to validate on/,
    );
    assert.equal(text.stderr, '');
    const json = run(...args, '--json', '--out', join(dir, 'split-json'));
    const held = jsonLines(json.stdout).find((l) => l.type === 'validationSplit');
    assert.deepEqual(held, {
      type: 'validationSplit',
      kind: 'stratified',
      fraction: 0.2,
      trainingRows: 120,
      validationRows: 30,
      missingClasses: [],
    });
  });

  test('a held-out set missing classes is a warning, not silence', () => {
    const csv = join(dir, 'tiny.csv');
    writeFileSync(csv, 'a,label\n1,0\n2,1\n3,0\n4,2\n');
    const result = run(
      'train',
      '--dataset',
      `csv:${csv}`,
      '--validation-split',
      '0.25',
      '--epochs',
      '1',
      '--out',
      join(dir, 'tiny'),
    );
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /^warning: the validation rows hold no row of classes 1, 2 /m);
  });
});

describe('--dataset sine', () => {
  test("takes the book's chapter-17 settings unless a flag or config key says otherwise", () => {
    const resolve = (...flags: string[]) => {
      const command = addTrainOptions(new Command('train').exitOverride());
      command.parse(['--dataset', 'sine', ...flags], { from: 'user' });
      return resolveTrainConfig(command, null);
    };
    const preset = resolve();
    assert.deepEqual(preset.hidden, [64, 64]);
    assert.deepEqual(preset.dropout, [0]);
    assert.deepEqual([preset.l1w, preset.l2w, preset.l1b, preset.l2b], [[0], [0], [0], [0]]);
    assert.deepEqual([preset.optimizer, preset.lr, preset.decay], ['adam', 0.005, 1e-3]);
    for (const [key, value] of Object.entries(SINE_PRESET))
      assert.deepEqual(preset[key as keyof typeof preset], value);
    const given = resolve('--hidden', '16', '--l2w', '1e-4', '--lr', '0.01');
    assert.deepEqual([given.hidden, given.l2w, given.lr, given.decay], [[16], [1e-4], 0.01, 1e-3]);
  });
});

describe('gradcheck', () => {
  test('a correct deep network passes (`--hidden 32,32,32` reported 7 disagreeing at 1e-10)', () => {
    const result = run('gradcheck', '--hidden', '32,32,32', '--samples', '20');
    assert.equal(result.code, 0, result.stdout);
    assert.match(result.stdout, /^all 9 gradients agree \(every element: .*\) after 20 training steps$/m);
  });

  test("takes train's data flags: --dataset sine checks the regression network, csv: a file", () => {
    const sine = run('gradcheck', '--dataset', 'sine', '--samples', '40', '--hidden', '8');
    assert.equal(sine.code, 0, sine.stdout + sine.stderr);
    assert.match(sine.stdout, /^all 5 gradients agree/m);
    const csv = join(dir, 'three.csv');
    writeFileSync(csv, 'a,b,c,label\n0.1,0.2,0.3,0\n0.4,0.1,0.9,1\n0.7,0.5,0.2,2\n0.3,0.8,0.6,1\n');
    const file = run('gradcheck', '--dataset', `csv:${csv}`, '--hidden', '4');
    assert.equal(file.code, 0, file.stdout + file.stderr);
    assert.match(file.stdout, /^dense1\.weights\s+12 /m);
  });
});

describe('the summary and the time of a run', () => {
  test('"1 epoch", and a resumed run times only the epochs it trained', () => {
    const out = join(dir, 'resumable');
    const first = run('train', '--samples', '20', '--epochs', '1', '--checkpoint-every', '1', '--out', out);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /^time: +\d+\.\d s for 1 epoch$/m);
    const resumed = run('train', '--resume', out, '--epochs', '4');
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.match(resumed.stdout, /^time: +\d+\.\d s for 3 epochs \(resumed after epoch 1, ended at 4\)$/m);
  });

  test('training and validation are measured once, dropout off, and named the same in text and JSON', () => {
    const args = ['train', '--samples', '30', '--epochs', '20', '--dropout', '0.5', '--print-every', '20'];
    const json = jsonLines(run(...args, '--json', '--out', join(dir, 'j')).stdout);
    const summary = json.find((l) => l.type === 'summary') as Record<string, Record<string, number>>;
    const epoch = json.filter((l) => l.type === 'epoch').at(-1) as Record<string, number>;
    const train = summary.train;
    const validation = summary.validation;
    assert.equal(summary.measured as unknown, 'after the last epoch, dropout off');
    // the epoch line measured training during the step with half the units dropped: not the summary's
    assert.notEqual(train.accuracy, epoch.accuracy);
    assert.equal(summary.gap as unknown, train.accuracy - validation.accuracy);
    // losses named as in the epoch logs: loss includes the penalty, dataLoss does not
    assert.equal(validation.dataLoss, epoch.valDataLoss);
    assert.equal(validation.loss, epoch.valLoss);
    // added in float32, as numpy adds two float32 losses
    assert.equal(validation.loss, Math.fround(validation.dataLoss + validation.regularizationLoss));
    const text = run(...args, '--out', join(dir, 't')).stdout;
    const fixed = (x: number) => x.toFixed(3);
    assert.match(
      text,
      new RegExp(
        `^training: +acc: ${fixed(train.accuracy)}, loss: ${fixed(train.loss)} \\(data_loss: ${fixed(train.dataLoss)}, `,
        'm',
      ),
    );
    assert.match(
      text,
      new RegExp(`^validation: acc: ${fixed(validation.accuracy)}, loss: ${fixed(validation.loss)} `, 'm'),
    );
    assert.match(text, /^gap: +[+-]\d\.\d{3} in accuracy \(training − validation\)$/m);
    assert.match(text, /dropout off/);
  });
});

describe('sweep takes the base flags train takes', () => {
  test('--threads sets each run’s kernel threads; --seed and --l2w say which axis to use', () => {
    const common = [
      'sweep',
      '--l2',
      '0',
      '--seeds',
      '0',
      '--samples',
      '10',
      '--validation-samples',
      '10',
      '--epochs',
      '5',
      '--jobs',
      '1',
      '--quiet',
    ];
    const threads = run(...common, '--threads', '2', '--out', join(dir, 'sweep-threads'));
    assert.equal(threads.code, 0, threads.stderr);
    const seed = run(...common, '--seed', '3', '--out', join(dir, 'sweep-seed'));
    assert.equal(seed.code, 1);
    assert.match(seed.stderr, /^error: sweep sets --seed itself\nhint: .*--seeds 0,1,2/m);
    const l2w = run(...common, '--l2w', '1e-4', '--out', join(dir, 'sweep-l2w'));
    assert.match(l2w.stderr, /^error: sweep sets --l2w itself\nhint: .*--l2 /m);
  });
});
