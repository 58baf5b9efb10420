// The generated data sets from the command line: the regression sets plane and multi-gaussian, and
// --noise for every generated set (in-process for the data, the built CLI for the flags as typed).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { Command } from 'commander';
import { loadSweepData } from '../src/cli/sweep/train-point.ts';
import { addTrainOptions, TRAIN_DEFAULTS, type TrainConfig } from '../src/cli/train-config.ts';
import { resolveTrainConfig } from '../src/cli/train-config-resolve.ts';
import { loadTrainingData } from '../src/cli/train-data.ts';
import {
  circleData,
  Matrix,
  multiGaussianData,
  planeData,
  RandomState,
  ScratchnetError,
  sineData,
  spiralData,
  verticalData,
} from '../src/index.ts';
import { assertCleanFailure, runCli } from './cli-runner.ts';

const config = (over: Partial<TrainConfig>): TrainConfig => ({ ...TRAIN_DEFAULTS, ...over });

function resolved(args: string[]): TrainConfig {
  const command = addTrainOptions(new Command('train').exitOverride());
  command.parse(args, { from: 'user' });
  return resolveTrainConfig(command, null);
}

describe('--dataset plane and multi-gaussian', () => {
  test('train on the library’s data from the run’s generator, validated on 100 fresh rows from [seed, 1]', async () => {
    for (const [dataset, make] of [
      ['plane', planeData],
      ['multi-gaussian', multiGaussianData],
    ] as const) {
      const rng = new RandomState(4);
      const data = await loadTrainingData(config({ dataset, samples: 60, seed: 4, noise: 0.3 }), rng);
      const expected = make(60, new RandomState(4), { noise: 0.3 });
      assert.equal(data.task, 'regression');
      assert.equal(data.outputs, 1);
      assert.deepEqual(data.X.data, expected.X.data);
      assert.deepEqual((data.y as Matrix).data, expected.y.data);
      const validation = make(100, new RandomState([4, 1]), { noise: 0.3 });
      assert.deepEqual(data.validation?.[1], validation.y);
      // the data came first from the run's generator: the weights are drawn next
      const after = new RandomState(4);
      make(60, after, { noise: 0.3 });
      assert.equal(rng.random(), after.random());
    }
  });

  test('are regression runs with the chapter-17 preset (as sine), and refuse --task classification', async () => {
    const plane = resolved(['--dataset', 'plane']);
    assert.deepEqual(plane.hidden, [64, 64]);
    assert.equal(plane.lr, 0.005);
    assert.deepEqual(plane.dropout, [0]);
    assert.deepEqual(resolved(['--dataset', 'multi-gaussian', '--hidden', '8']).hidden, [8]);
    await assert.rejects(
      loadTrainingData(config({ dataset: 'plane', task: 'classification' }), new RandomState(0)),
      /--task classification does not fit --dataset plane, a regression data set/,
    );
  });

  test('--validation-split holds out a seeded random share of any rows for regression targets', async () => {
    for (const dataset of ['plane', 'sine'] as const) {
      const whole = await loadTrainingData(config({ dataset, samples: 50, seed: 2 }), new RandomState(2));
      const split = await loadTrainingData(
        config({ dataset, samples: 50, seed: 2, validationSplit: 0.3 }),
        new RandomState(2),
      );
      assert.equal(split.heldOut?.kind, 'random');
      // as Keras: n − floor(n·(1 − f)) = 50 − 35 rows held out
      assert.equal(split.heldOut?.validationRows, 15);
      assert.equal(split.X.rows, 35);
      // the two parts are the rows of the whole, each part in the original order
      const key = (X: Matrix, i: number) => Array.from(X.data.subarray(i * X.cols, (i + 1) * X.cols)).join();
      const order = new Map(Array.from({ length: 50 }, (_, i) => [key(whole.X, i), i]));
      const trainIndex = Array.from({ length: 35 }, (_, i) => order.get(key(split.X, i)) ?? -1);
      const heldIndex = Array.from(
        { length: 15 },
        (_, i) => order.get(key(split.validation?.[0] as Matrix, i)) ?? -1,
      );
      assert.deepEqual(
        [...trainIndex, ...heldIndex].sort((a, b) => a - b),
        [...order.values()],
      );
      assert.deepEqual(
        trainIndex,
        [...trainIndex].sort((a, b) => a - b),
      );
      assert.deepEqual(
        heldIndex,
        [...heldIndex].sort((a, b) => a - b),
      );
      for (const [k, i] of trainIndex.entries())
        assert.equal((split.y as Matrix).data[k], (whole.y as Matrix).data[i]);
    }
  });
});

describe('--noise', () => {
  test('without it every generated set keeps its data; the book’s values given explicitly change nothing', async () => {
    for (const [dataset, noise] of [
      ['spiral', 0.2],
      ['vertical', 0.1],
      ['circle', 0.1],
      ['sine', 0],
      ['plane', 0.1],
    ] as const) {
      const plain = await loadTrainingData(config({ dataset, samples: 30 }), new RandomState(0));
      const explicit = await loadTrainingData(config({ dataset, samples: 30, noise }), new RandomState(0));
      assert.deepEqual(explicit.X.data, plain.X.data, dataset);
      assert.deepEqual(explicit.y, plain.y, dataset);
    }
    const spiral = await loadTrainingData(config({ samples: 30 }), new RandomState(0));
    assert.deepEqual(spiral.X.data, spiralData(30, 3, new RandomState(0)).X.data);
    const sine = await loadTrainingData(config({ dataset: 'sine', samples: 30 }), new RandomState(0));
    assert.deepEqual((sine.y as Matrix).data, sineData(30).y.data);
  });

  test('reaches every generated set, its validation set too', async () => {
    const cases = [
      ['spiral', (n: number, rng: RandomState) => spiralData(n, 3, rng, { noise: 0.5 })],
      ['vertical', (n: number, rng: RandomState) => verticalData(n, 3, rng, { noise: 0.5 })],
      ['circle', (n: number, rng: RandomState) => circleData(n, 3, rng, { noise: 0.5 })],
      ['sine', (n: number, rng: RandomState) => sineData(n, { noise: 0.5, rng })],
    ] as const;
    for (const [dataset, make] of cases) {
      const data = await loadTrainingData(
        config({ dataset, samples: 30, noise: 0.5, seed: 1 }),
        new RandomState(1),
      );
      const expected = make(30, new RandomState(1));
      assert.deepEqual(data.X.data, expected.X.data, dataset);
      assert.deepEqual(
        data.y instanceof Matrix ? data.y.data : data.y,
        expected.y instanceof Matrix ? expected.y.data : expected.y,
      );
      const validation = make(100, new RandomState([1, 1]));
      assert.deepEqual(data.validation?.[0].data, validation.X.data, `${dataset} validation`);
    }
  });

  test('is refused for data scratchnet does not generate', async () => {
    await assert.rejects(
      loadTrainingData(config({ dataset: 'csv:points.csv', noise: 0.1 }), new RandomState(0)),
      (error: unknown) =>
        error instanceof ScratchnetError &&
        error.code === 'INVALID_OPTION' &&
        /--noise 0.1 does not fit/.test(error.message),
    );
  });
});

describe('the built CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scratchnet-datasets-'));

  test('scratchnet data plane and multi-gaussian print x0,x1,y with the exact float32 values', () => {
    for (const [kind, make] of [
      ['plane', planeData],
      ['multi-gaussian', multiGaussianData],
    ] as const) {
      const { code, stdout } = runCli(['data', kind, '--samples', '40', '--seed', '3', '--noise', '0.25']);
      assert.equal(code, 0);
      const lines = stdout.trim().split('\n');
      assert.equal(lines[0], 'x0,x1,y');
      const { X, y } = make(40, new RandomState(3), { noise: 0.25 });
      assert.equal(lines.length, 41);
      lines.slice(1).forEach((line, i) => {
        const [x0, x1, target] = line.split(',').map((v) => Math.fround(Number(v)));
        assert.deepEqual([x0, x1, target], [X.data[2 * i], X.data[2 * i + 1], y.data[i]]);
      });
    }
  });

  test('scratchnet data spiral --noise 0 draws the bare arms; --noise 0.2 is the default', () => {
    const plain = runCli(['data', 'spiral', '--samples', '20']).stdout;
    assert.equal(runCli(['data', 'spiral', '--samples', '20', '--noise', '0.2']).stdout, plain);
    assert.notEqual(runCli(['data', 'spiral', '--samples', '20', '--noise', '0']).stdout, plain);
  });

  test('train --dataset multi-gaussian --noise records both in config.json', () => {
    const out = join(dir, 'mg');
    const args = [
      'train',
      '--dataset',
      'multi-gaussian',
      '--samples',
      '50',
      '--hidden',
      '4',
      '--epochs',
      '3',
    ];
    const result = runCli([...args, '--noise', '0.2', '--quiet', '--out', out]);
    assert.equal(result.code, 0, result.stderr);
    const saved = JSON.parse(readFileSync(join(out, 'config.json'), 'utf8'));
    assert.equal(saved.dataset ?? saved.config?.dataset, 'multi-gaussian');
    assert.equal(saved.noise ?? saved.config?.noise, 0.2);
  });

  test('a bad --noise: one error line and a hint, no run folder', () => {
    const out = join(dir, 'bad');
    assertCleanFailure(
      runCli(['train', '--noise', '-0.1', '--out', out]),
      /--noise.*expected a number >= 0/,
      out,
    );
    assertCleanFailure(runCli(['train', '--noise', 'lots', '--out', out]), /--noise.*'lots' is invalid/, out);
  });
});

describe('flags that would be ignored without a word are refused', () => {
  test('--classes on a regression or a CSV (a sine run with --classes 5 still had one output)', () => {
    for (const dataset of ['sine', 'plane', 'multi-gaussian', 'csv:points.csv']) {
      assert.throws(
        () => resolved(['--dataset', dataset, '--classes', '5']),
        (e: unknown) =>
          e instanceof ScratchnetError &&
          e.code === 'INVALID_OPTION' &&
          /--classes 5 does not fit/.test(e.message),
        dataset,
      );
    }
    // a generated classification set takes it, and a regression without the flag is fine
    assert.equal(resolved(['--dataset', 'xor', '--classes', '4']).classes, 4);
    assert.equal(resolved(['--dataset', 'sine']).dataset, 'sine');
    const data = runCli(['data', 'multi-gaussian', '--classes', '4']);
    assert.equal(data.code, 1);
    assert.match(data.stderr, /^error: --classes 4 does not fit multi-gaussian, a regression/m);
    assert.equal(data.stdout, '');
  });

  test('--noise above 100 is refused by name, not by a non-finite row later (1e308 overflowed the plane)', () => {
    const folder = join(mkdtempSync(join(tmpdir(), 'noise-')), 'run');
    const result = runCli([
      'train',
      '--dataset',
      'plane',
      '--noise',
      '1e308',
      '--epochs',
      '1',
      '--out',
      folder,
    ]);
    assertCleanFailure(result, /--noise <n>.*expected a number from 0 to 100, got 1e308/, folder);
    assert.equal(resolved(['--dataset', 'spiral', '--noise', '100']).noise, 100);
    assert.match(runCli(['data', 'spiral', '--noise', '101']).stderr, /expected a number from 0 to 100/);
  });
});

test('sweep --validation-samples sizes a regression set’s validation too (it was ignored for plane and multi-gaussian)', async () => {
  for (const dataset of ['plane', 'multi-gaussian', 'sine'] as const) {
    const c = config({ dataset, samples: 40, seed: 2, noise: dataset === 'sine' ? null : 0.2 });
    const data = await loadSweepData(c, new RandomState(2), 37);
    assert.equal(data.validation.X.rows, 37, dataset);
    const expected =
      dataset === 'plane'
        ? planeData(37, new RandomState([2, 1]), { noise: 0.2 })
        : dataset === 'multi-gaussian'
          ? multiGaussianData(37, new RandomState([2, 1]), { noise: 0.2 })
          : sineData(37);
    assert.deepEqual(data.validation.y, expected.y, dataset);
  }
});
