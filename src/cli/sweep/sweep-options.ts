import { availableParallelism } from 'node:os';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { ScratchnetError } from '../../errors/scratchnet-error.ts';
import {
  listOf,
  parseNonNegative,
  parsePositive,
  parsePositiveInteger,
  parseRate,
  parseSeed,
} from '../parse.ts';
import { DEFAULT_MAX_MEMORY, parseMemory } from '../run-budget.ts';
import { CONFIG_FILE_MAX_BYTES, readJsonFile } from '../run-folder.ts';
import { addTrainOptions, TRAIN_DEFAULTS, type TrainConfig } from '../train-config.ts';
import { resolveTrainConfig } from '../train-config-resolve.ts';
import { DEFAULT_GRID, type SweepGrid } from './sweep-grid.ts';
import { makeSpec, type SweepSpec } from './sweep-store.ts';

export interface SweepFlags {
  l2?: number[];
  l1?: number[];
  dropout?: number[];
  seeds?: number[];
  validationSamples: number;
  nearZero: number;
  jobs: number;
  /** @default DEFAULT_MAX_MEMORY (commander fills it in) */
  maxMemory?: number;
  threads: number;
  config?: string;
  resume?: string;
  out?: string;
  json?: boolean;
  quiet?: boolean;
}

/** The train flags a sweep takes for its base configuration; the axes replace the others. */
const BASE_KEYS = [
  'dataset',
  'samples',
  'classes',
  'noise',
  'label',
  'hidden',
  'activation',
  'optimizer',
  'lr',
  'decay',
  'momentum',
  'epochs',
  'batchSize',
  'shuffle',
  'validationSplit',
  'precision',
] as const satisfies readonly (keyof TrainConfig)[];

/**
 * The base of the default sweep: the book's chapter-14 network and optimizer (Dense 64, Adam lr 0.02,
 * decay 5e-7) on its small training set of 100 samples per class, where overfitting shows.
 */
export const SWEEP_BASE_DEFAULTS: Partial<TrainConfig> = {
  samples: 100,
  lr: 0.02,
  decay: 5e-7,
  epochs: 10000,
};

const SET_BY_SWEEP = new Set([
  'l1w',
  'l2w',
  'l1b',
  'l2b',
  'dropout',
  'seed',
  'printEvery',
  'checkpointEvery',
]);

/** Flags that only say how to run or print, so --resume may take them. */
const RUN_FLAGS = new Set(['resume', 'jobs', 'threads', 'maxMemory', 'json', 'quiet']);

/**
 * Train's flags for what the sweep sets itself: known here, so that they are refused with the sweep's
 * own way to say it rather than as unknown options.
 */
const TRAIN_ONLY: Record<string, string> = {
  l1w: 'the sweep puts --l1 on the weights and biases of every hidden layer: give --l1 0,1e-4',
  l2w: 'the sweep puts --l2 on the weights and biases of every hidden layer: give --l2 0,5e-4',
  l1b: 'the sweep puts --l1 on the weights and biases of every hidden layer: give --l1 0,1e-4',
  l2b: 'the sweep puts --l2 on the weights and biases of every hidden layer: give --l2 0,5e-4',
  seed: 'the sweep trains every setting once per seed: give --seeds 0,1,2',
  printEvery: 'the sweep prints one line per finished run',
  checkpointEvery: 'the sweep keeps each run as it finishes (results/), and --resume skips those',
};

/** Train's --threads, per run, and train's flags for what the sweep sets (hidden from --help). */
function addTrainOnlyOptions(command: Command): void {
  command.addOption(
    new Option(
      '--threads <n>',
      "CPU threads for each run's kernels, as train's --threads (each worker is one already)",
    )
      .argParser(parseThreadCount)
      .default(1),
  );
  addTrainOptions(command, Object.keys(TRAIN_ONLY) as (keyof TrainConfig)[]);
  for (const option of command.options) {
    if (Object.hasOwn(TRAIN_ONLY, option.attributeName())) option.hideHelp();
  }
}

function parseThreadCount(text: string): number {
  const count = parsePositiveInteger(text);
  if (count > 64) throw new InvalidArgumentError(`expected at most 64, got ${count}.`);
  return count;
}

/** The swept axes: --l2, --l1, --dropout and --seeds. */
function addAxisOptions(command: Command): Command {
  const axis = (flag: string, description: string, parse: (text: string) => number[]) =>
    new Option(flag, description).argParser(parse);
  return command
    .addOption(
      axis(
        '--l2 <lambdas>',
        "L2 λ values to sweep, each put on the weights AND the biases of every hidden layer (the book's chapter 14; the output layer stays unregularized). With no axis flag the sweep is --l2 0,5e-4 --dropout 0,0.1; once one axis is given, the others default to 0",
        listOf(parseNonNegative),
      ),
    )
    .addOption(
      axis(
        '--l1 <lambdas>',
        'L1 λ values to sweep, on weights and biases likewise',
        listOf(parseNonNegative),
      ),
    )
    .addOption(
      axis(
        '--dropout <rates>',
        'dropout rates to sweep, after every hidden layer, each in [0, 1)',
        listOf(parseRate),
      ),
    )
    .addOption(
      axis(
        '--seeds <list>',
        'seeds: each setting is trained once per seed (default: 0,1,2)',
        listOf(parseSeed),
      ),
    );
}

export function addSweepOptions(command: Command): Command {
  addTrainOnlyOptions(addTrainOptions(command, BASE_KEYS, SWEEP_BASE_DEFAULTS));
  const split = command.options.find((option) => option.long === '--validation-split');
  if (split)
    split.defaultValueDescription = 'none: generated data are validated on --validation-samples per class';
  return addAxisOptions(command)
    .option(
      '--validation-samples <n>',
      'samples per class of the generated validation set (train uses 100; same generator, so 100 gives train’s set)',
      parsePositiveInteger,
      1000,
    )
    .option(
      '--near-zero <t>',
      'a hidden-layer weight with |w| below this counts as zero (sparsity column)',
      parsePositive,
      1e-3,
    )
    .option(
      '--jobs <n>',
      "worker threads (at most this machine's cores)",
      parsePositiveInteger,
      availableParallelism(),
    )
    .addOption(
      new Option(
        '--max-memory <size>',
        'refuse a sweep whose concurrent runs are estimated to need more memory than this (16GB, 512MB)',
      )
        .argParser(parseMemory)
        .default(DEFAULT_MAX_MEMORY, "8GB, or 3/4 of this machine's memory if less"),
    )
    .option(
      '--config <file>',
      "base settings from a JSON file with train's keys (the axes replace l1w, l2w, l1b, l2b, dropout, seed)",
    )
    .option(
      '--out <dir>',
      'the sweep folder; running again with the same folder resumes it',
      'runs/<time>-sweep',
    )
    .option(
      '--resume <dir>',
      'finish a stopped sweep with its stored settings, skipping the runs already done',
    )
    .addOption(
      new Option('--json', 'print one JSON line per finished run, then the summary').conflicts('quiet'),
    )
    .option('--quiet', 'print nothing but errors');
}

/** The grid the flags ask for: the default sweep when no axis is given, else 0 for the axes not given. */
export function gridOf(flags: SweepFlags): SweepGrid {
  const given = flags.l2 !== undefined || flags.l1 !== undefined || flags.dropout !== undefined;
  const fallback = given ? { l2: [0], l1: [0], dropout: [0] } : DEFAULT_GRID;
  return {
    l2: flags.l2 ?? fallback.l2,
    l1: flags.l1 ?? fallback.l1,
    dropout: flags.dropout ?? fallback.dropout,
    seeds: flags.seeds ?? DEFAULT_GRID.seeds,
  };
}

/** The sweep the command line describes: base configuration, grid and scoring options. */
export async function resolveSweepSpec(command: Command, flags: SweepFlags): Promise<SweepSpec> {
  for (const [key, why] of Object.entries(TRAIN_ONLY)) {
    if (command.getOptionValueSource(key) !== 'cli') continue;
    const flag = `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
    throw new ScratchnetError('INVALID_OPTION', `sweep sets ${flag} itself`, why);
  }
  const file = flags.config === undefined ? {} : await readConfigObject(flags.config);
  const resolved = resolveTrainConfig(command, { ...SWEEP_BASE_DEFAULTS, ...file });
  // what the axes set is kept out of the stored base, so that it cannot look as if it applied
  const base: TrainConfig = {
    ...resolved,
    l1w: [0],
    l2w: [0],
    l1b: [0],
    l2b: [0],
    dropout: [0],
    seed: 0,
    printEvery: TRAIN_DEFAULTS.printEvery,
    checkpointEvery: TRAIN_DEFAULTS.checkpointEvery,
  };
  return makeSpec({
    base,
    grid: gridOf(flags),
    validationSamples: flags.validationSamples,
    nearZero: flags.nearZero,
  });
}

/** --resume continues the stored sweep as it was: flags that would change it are refused. */
export function refuseSettingsWhenResuming(command: Command): void {
  const given = command.options
    .map((option) => ({ name: option.attributeName(), flag: option.long ?? option.flags }))
    .filter(({ name }) => command.getOptionValueSource(name) === 'cli' && !RUN_FLAGS.has(name));
  if (given.length > 0) {
    throw new ScratchnetError(
      'INVALID_OPTION',
      `--resume finishes a sweep with its stored settings; it cannot also take ${given.map((g) => g.flag).join(', ')}`,
      'drop those flags (only --jobs, --max-memory, --json and --quiet may change), or start a new sweep with another --out',
    );
  }
}

async function readConfigObject(path: string): Promise<Record<string, unknown>> {
  const value = await readJsonFile(path, 'the config file', CONFIG_FILE_MAX_BYTES);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ScratchnetError(
      'INVALID_OPTION',
      `the config file ${path} must hold a JSON object`,
      'e.g. { "hidden": [64] }',
    );
  }
  // a train run's config.json holds these too; the sweep sets them itself
  return Object.fromEntries(Object.entries(value).filter(([key]) => !SET_BY_SWEEP.has(key)));
}
