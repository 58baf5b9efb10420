// The playground's pure parts (web/src): its URL state, its data, and the command line it exports.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { Command } from 'commander';
import fc from 'fast-check';
import { networkSpec as cliNetworkSpec } from '../src/cli/build-model.ts';
import { addTrainOptions, TRAIN_DEFAULTS, type TrainConfig } from '../src/cli/train-config.ts';
import { resolveTrainConfig } from '../src/cli/train-config-resolve.ts';
import { loadTrainingData } from '../src/cli/train-data.ts';
import {
  FEATURE_NAMES,
  isRegressionDatasetName,
  Matrix,
  RandomState,
  sineData,
  spiralData,
} from '../src/index.ts';
import { networkInputs } from '../web/src/boundary.ts';
import { commandLine, networkSpec, toRunFlags } from '../web/src/command-line.ts';
import { dataAsCsv, makePlaygroundData } from '../web/src/playground-data.ts';
import {
  ACTIVATIONS,
  DATASETS,
  DEFAULT_SETTINGS,
  OPTIMIZERS,
  type PlaygroundSettings,
  SPEEDS,
  sameNetwork,
  settingsFromQuery,
  settingsToQuery,
} from '../web/src/settings.ts';

const lambda = fc.constantFrom(0, 1e-4, 5e-4, 0.001, 0.25);
const settingsArbitrary: fc.Arbitrary<PlaygroundSettings> = fc.record({
  dataset: fc.constantFrom(...DATASETS),
  samples: fc.integer({ min: 1, max: 5000 }),
  classes: fc.integer({ min: 2, max: 8 }),
  noise: fc.constantFrom(0, 0.05, 0.1, 0.33),
  bookNoise: fc.option(fc.constantFrom(0, 0.05, 0.2, 0.5), { nil: null }),
  validation: fc.constantFrom(0, 0.1, 0.2, 0.25, 0.5, 0.9),
  seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
  layers: fc.array(
    fc.record({
      units: fc.integer({ min: 1, max: 1024 }),
      l1w: lambda,
      l2w: lambda,
      l1b: lambda,
      l2b: lambda,
      dropout: fc.constantFrom(0, 0.1, 0.5),
    }),
    { minLength: 1, maxLength: 6 },
  ),
  features: fc
    .subarray([...FEATURE_NAMES], { minLength: 1 })
    .map((chosen) => FEATURE_NAMES.filter((f) => chosen.includes(f))),
  activation: fc.constantFrom(...ACTIVATIONS),
  optimizer: fc.constantFrom(...OPTIMIZERS),
  lr: fc.constantFrom(0.001, 0.05, 1),
  decay: fc.constantFrom(0, 5e-7, 5e-5),
  momentum: fc.constantFrom(0, 0.9),
  batchSize: fc.integer({ min: 0, max: 512 }),
  shuffle: fc.boolean(),
  compare: fc.boolean(),
  showTest: fc.boolean(),
  discretize: fc.boolean(),
  epochs: fc.integer({ min: 0, max: 100000 }),
  speed: fc.constantFrom(...SPEEDS),
  points: fc.array(
    fc.record({
      x: fc.integer({ min: -2000, max: 2000 }).map((v) => v / 1000),
      y: fc.integer({ min: -2000, max: 2000 }).map((v) => v / 1000),
      label: fc.integer({ min: 0, max: 7 }),
    }),
    { maxLength: 5 },
  ),
});

test('settings survive the URL round trip, and the defaults make an empty query', () => {
  assert.equal(settingsToQuery(DEFAULT_SETTINGS), '');
  fc.assert(
    fc.property(settingsArbitrary, (s) => {
      assert.deepEqual(settingsFromQuery(settingsToQuery(s)), JSON.parse(JSON.stringify(s)));
    }),
    { seed: 11, numRuns: 200 },
  );
});

test('the display toggles, the speed and the limit leave the network as it is; any other setting does not', () => {
  const d = DEFAULT_SETTINGS;
  const display = { ...d, showTest: !d.showTest, discretize: !d.discretize, speed: 0, epochs: 50 };
  assert.equal(sameNetwork(display, d), true);
  assert.deepEqual(settingsFromQuery('test=0&discrete=1'), { ...d, showTest: false, discretize: true });
  for (const other of [{ compare: true }, { seed: 1 }, { shuffle: true }, { features: ['x1' as const] }])
    assert.equal(sameNetwork({ ...display, ...other }, d), false, JSON.stringify(other));
});

test('unreadable or out-of-range query values fall back to the defaults', () => {
  const s = settingsFromQuery('data=mnist&n=-3&k=x&lr=NaN&layers=64,0,0&opt=lbfgs&points=1,2;x,y,z&epochs=');
  assert.deepEqual(s, DEFAULT_SETTINGS);
});

test('a generated set with the CLI defaults is drawn exactly as scratchnet train draws it', async () => {
  for (const dataset of ['spiral', 'vertical', 'circle', 'xor', 'gaussian'] as const) {
    const s = { ...DEFAULT_SETTINGS, dataset, samples: 40, seed: 5 };
    const page = makePlaygroundData(s, null);
    assert.equal(page.generatedByCli, true);
    const flags = toRunFlags(s, page, null);
    assert.equal(flags.dataset, dataset);
    const cliRng = new RandomState(5);
    const cli = await loadTrainingData({ ...TRAIN_DEFAULTS, ...flags }, cliRng);
    assert.deepEqual(page.X.data, cli.X.data);
    assert.deepEqual(page.y, cli.y);
    assert.deepEqual(page.validation?.X.data, cli.validation?.[0].data);
    // both generators stand at the same place: the weights come next
    assert.equal(page.rng.random(), cliRng.random());
  }
});

test('other data become CSV rows from which scratchnet train --validation-split holds out exactly the page’s validation rows', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'scratchnet-page-'));
  const cases = [
    { samples: 7, classes: 2, validation: 0.2, seed: 0 },
    { samples: 40, classes: 3, validation: 0.3, seed: 5 },
    { samples: 25, classes: 5, validation: 0.5, seed: 9 },
    { samples: 30, classes: 3, validation: 0, seed: 2 },
  ];
  for (const c of cases) {
    const s = {
      ...DEFAULT_SETTINGS,
      dataset: 'xor' as const,
      noise: 0.2,
      ...c,
      points: [{ x: 0.5, y: 0.25, label: 1 }],
    };
    const page = makePlaygroundData(s, null);
    assert.equal(page.generatedByCli, false);
    const { csv, validationSplit } = dataAsCsv(page);
    const file = join(dir, `page-${c.seed}.csv`);
    writeFileSync(file, csv);
    const flags = toRunFlags(s, page, validationSplit);
    const cli = await loadTrainingData(
      { ...TRAIN_DEFAULTS, ...flags, dataset: `csv:${file}` },
      new RandomState(c.seed),
    );
    assert.deepEqual(cli.X.data, page.X.data);
    assert.deepEqual(Array.from(cli.y as Int32Array), Array.from(page.y as Int32Array));
    if (c.validation === 0) {
      // a fresh validation set is not exported: the CLI trains on the same rows without one
      assert.equal(validationSplit, null);
      assert.equal(cli.validation, null);
    } else {
      assert.equal(validationSplit, c.validation);
      assert.deepEqual(cli.validation?.[0].data, page.validation?.X.data);
      assert.deepEqual(
        Array.from(cli.validation?.[1] as Int32Array),
        Array.from((page.validation?.y ?? []) as Int32Array),
      );
    }
  }
});

test('clicked points join the data, and a hold-out share is drawn from shuffled rows', () => {
  const s = {
    ...DEFAULT_SETTINGS,
    dataset: 'gaussian' as const,
    samples: 50,
    validation: 0.2,
    points: [{ x: 0.125, y: -0.5, label: 1 }],
  };
  const data = makePlaygroundData(s, null);
  assert.equal(data.X.rows + (data.validation?.X.rows ?? 0), 151);
  assert.equal(new Set(data.validation?.y as Int32Array).size, 3, 'every class among the validation rows');
});

test('a dropped CSV must have two inputs and class labels', () => {
  const s = { ...DEFAULT_SETTINGS, dataset: 'csv' as const, validation: 0.2 };
  const data = makePlaygroundData(s, 'a,b,label\n0,0,0\n1,1,1\n0,1,1\n1,0,0\n0.5,0.5,2\n');
  assert.equal(data.classes, 3);
  assert.throws(() => makePlaygroundData(s, 'a,label\n0,0\n1,1\n'), /2-D data|input columns/);
  assert.throws(() => makePlaygroundData(s, null), /no CSV/);
});

test('the exported command line reads back, through the CLI’s own flags, as the same configuration', () => {
  fc.assert(
    fc.property(settingsArbitrary, (s) => {
      const data = {
        generatedByCli: s.dataset !== 'csv' && s.points.length === 0,
        validation: null,
        X: null,
      };
      const flags = toRunFlags(
        { ...s, epochs: Math.max(1, s.epochs) },
        data,
        s.validation > 0 ? s.validation : null,
      );
      const line = commandLine(flags);
      const command = addTrainOptions(new Command('train').exitOverride());
      command.parse(line.replace(/^npx scratchnet train /, '').split(' '), { from: 'user' });
      const parsed = resolveTrainConfig(command, null);
      // the flags the page sets are the CLI configuration's keys, with their types; the rest are defaults
      const expected: TrainConfig = { ...TRAIN_DEFAULTS, ...(flags satisfies Partial<TrainConfig>) };
      if (expected.dataset.startsWith('csv:')) {
        expected.samples = parsed.samples;
        expected.classes = parsed.classes;
      }
      // a regression has one target: the command leaves --classes out (the CLI refuses it there)
      if (isRegressionDatasetName(expected.dataset)) expected.classes = parsed.classes;
      if (expected.optimizer !== 'sgd') expected.momentum = parsed.momentum;
      assert.deepEqual(parsed, expected);
    }),
    { seed: 9, numRuns: 100 },
  );
});

test('the page builds the network scratchnet train builds from the same flags', () => {
  fc.assert(
    fc.property(settingsArbitrary, (s) => {
      const flags = toRunFlags(s, { generatedByCli: true }, null);
      const inputs = flags.features?.length ?? 2;
      const cli =
        s.dataset === 'sine'
          ? cliNetworkSpec({ ...TRAIN_DEFAULTS, ...flags }, 1, 1, 'regression')
          : s.dataset === 'plane' || s.dataset === 'multi-gaussian'
            ? cliNetworkSpec({ ...TRAIN_DEFAULTS, ...flags }, inputs, 1, 'regression')
            : cliNetworkSpec({ ...TRAIN_DEFAULTS, ...flags }, inputs, s.classes, 'classification');
      assert.deepEqual(networkSpec(flags, s.classes), cli);
    }),
    { seed: 12, numRuns: 50 },
  );
});

/** The configuration `scratchnet train` runs for the page's command line, read through the CLI's flags. */
function configOfCommand(line: string): TrainConfig {
  const command = addTrainOptions(new Command('train').exitOverride());
  command.parse(line.replace(/^npx scratchnet train /, '').split(' '), { from: 'user' });
  return resolveTrainConfig(command, null);
}

const dataOf = (y: unknown) => (y instanceof Matrix ? y.data : y);

test('regression sets, the noise and the training share: the page trains on what its command line trains on', async () => {
  const cases: Partial<PlaygroundSettings>[] = [
    { dataset: 'plane' },
    { dataset: 'plane', noise: 0.3, validation: 0.3, features: ['x1', 'x2', 'x1x2'] },
    { dataset: 'multi-gaussian', noise: 0, samples: 120 },
    { dataset: 'multi-gaussian', validation: 0.5, seed: 3 },
    { dataset: 'sine', samples: 300 },
    { dataset: 'sine', samples: 300, bookNoise: 0.2, validation: 0.2 },
    { dataset: 'spiral', bookNoise: 0.5 },
    { dataset: 'spiral', bookNoise: 0 },
    { dataset: 'vertical', bookNoise: 0.3, seed: 8 },
  ];
  for (const c of cases) {
    const s: PlaygroundSettings = { ...DEFAULT_SETTINGS, samples: 60, seed: 5, ...c };
    const page = makePlaygroundData(s, null);
    assert.equal(page.generatedByCli, true, JSON.stringify(c));
    const line = commandLine(toRunFlags({ ...s, epochs: 10 }, page, null));
    const config = configOfCommand(line);
    const cliRng = new RandomState(config.seed);
    const cli = await loadTrainingData(config, cliRng);
    const label = `${JSON.stringify(c)}: ${line}`;
    // the network's inputs: the page applies the features as the CLI does
    assert.deepEqual(networkInputs(page.X, page, s.features).data, cli.X.data, label);
    assert.deepEqual(dataOf(page.y), dataOf(cli.y), label);
    assert.deepEqual(
      page.validation && networkInputs(page.validation.X, page, s.features).data,
      cli.validation?.[0].data,
      label,
    );
    assert.deepEqual(dataOf(page.validation?.y), dataOf(cli.validation?.[1]), label);
    assert.equal(page.rng.random(), cliRng.random(), `${label}: the weights come next`);
    assert.deepEqual(
      networkSpec(toRunFlags(s, page, null), page.classes),
      cliNetworkSpec(config, cli.X.cols, cli.outputs, cli.task),
    );
  }
});

test('the command line says --noise only when the data set’s noise is not its default, --validation-split when rows are held out', () => {
  const line = (over: Partial<PlaygroundSettings>) => {
    const s = { ...DEFAULT_SETTINGS, ...over };
    return commandLine(toRunFlags(s, makePlaygroundData(s, null), null));
  };
  assert.doesNotMatch(line({}), /--noise|--validation-split/);
  assert.doesNotMatch(line({ bookNoise: 0.2 }), /--noise/);
  assert.match(line({ bookNoise: 0.35 }), / --noise 0.35 /);
  assert.match(line({ dataset: 'plane', noise: 0.25 }), / --noise 0.25 /);
  assert.doesNotMatch(line({ dataset: 'plane' }), /--noise/);
  assert.match(line({ dataset: 'sine', validation: 0.3 }), /--dataset sine .*--validation-split 0.3 /);
  // circle at another noise is exported as CSV rows, as links made before --noise existed were
  assert.match(line({ dataset: 'circle', noise: 0.3 }), /--dataset csv:playground-data.csv /);
});

test('links made before the noise and training sliders mean what they meant', () => {
  // `noise` with spiral meant nothing then (the book's noise), and means nothing now
  const old = settingsFromQuery('data=spiral&noise=0.3&val=0.2&n=40');
  assert.equal(old.bookNoise, null);
  const page = makePlaygroundData(old, null);
  const book = makePlaygroundData({ ...old, noise: DEFAULT_SETTINGS.noise }, null);
  assert.deepEqual(page.X.data, book.X.data);
  // the default page: the book's spiral of 100 per class from seed 0, validated on 100 fresh per class
  const start = makePlaygroundData(settingsFromQuery(''), null);
  assert.deepEqual(start.X.data, spiralData(100, 3, new RandomState(0)).X.data);
  assert.deepEqual(start.validation?.X.data, spiralData(100, 3, new RandomState([0, 1])).X.data);
  // the sine data: the book's, nothing drawn, validated on sine_data(100)
  const sine = makePlaygroundData(settingsFromQuery('data=sine&n=1000'), null);
  assert.deepEqual(dataOf(sine.y), sineData(1000).y.data);
  assert.deepEqual(dataOf(sine.validation?.y), sineData(100).y.data);
  assert.equal(sine.rng.random(), new RandomState(0).random());
});

test('the training share holds out n − floor(n · share) rows of every data set, regression sets included', () => {
  for (const dataset of ['spiral', 'circle', 'sine', 'plane', 'multi-gaussian'] as const) {
    for (const validation of [0.1, 0.5, 0.9]) {
      const s = { ...DEFAULT_SETTINGS, dataset, samples: 50, classes: 2, validation };
      const data = makePlaygroundData(s, null);
      const rows = dataset === 'spiral' || dataset === 'circle' ? 100 : 50;
      assert.equal(data.X.rows + (data.validation?.X.rows ?? 0), rows, `${dataset} ${validation}`);
      assert.equal(
        data.validation?.X.rows,
        rows - Math.floor(rows * (1 - validation)),
        `${dataset} ${validation}`,
      );
    }
  }
});
