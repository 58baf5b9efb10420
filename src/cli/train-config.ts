import { type Command, Option } from 'commander';
import { MATMUL_PRECISIONS, type MatmulPrecision } from '../accel/matmul/matmul-precision.ts';
import { FEATURES_HELP, type FeatureName, parseFeatureList } from '../data/features.ts';
import { HIDDEN_ACTIVATIONS as ACTIVATIONS, type HiddenActivation } from '../model/build-network.ts';
import {
  listOf,
  parseDataset,
  parseFraction,
  parseNoise,
  parseNonNegative,
  parseNonNegativeInteger,
  parsePositive,
  parsePositiveInteger,
  parseRate,
  parseSeed,
} from './parse.ts';

/** Everything `scratchnet train` can be told, by flag or by `--config FILE.json` (same keys). */
export interface TrainConfig {
  dataset: string;
  samples: number;
  classes: number;
  /** The generated data set's noise; null: its own default (see NOISE_HELP). */
  noise: number | null;
  label: string | null;
  /** CSV data: classification or regression; null lets the labels decide (whole numbers >= 0: classes). */
  task: 'classification' | 'regression' | null;
  hidden: number[];
  activation: HiddenActivation;
  /** Input features of 2-D points (x1, x2, x1^2, …); null: the data's own columns. */
  features: FeatureName[] | null;
  l1w: number[];
  l2w: number[];
  l1b: number[];
  l2b: number[];
  dropout: number[];
  optimizer: 'sgd' | 'adagrad' | 'rmsprop' | 'adam';
  lr: number;
  decay: number;
  momentum: number;
  epochs: number;
  batchSize: number | null;
  shuffle: boolean;
  validationSplit: number | null;
  seed: number;
  printEvery: number;
  checkpointEvery: number;
  /** The matrix products' accumulation: 'exact' (the book's numbers) or the opt-in 'float32'. */
  precision: MatmulPrecision;
}

export interface Setting {
  key: keyof TrainConfig;
  flag: string;
  description: string;
  parse?: (text: string) => unknown;
  choices?: readonly string[];
  /** How the default reads in --help (as the user would type it). */
  shown?: string;
}

/** What --noise means for each generated data set, and its default there. */
export const NOISE_HELP =
  "noise of a generated data set: spiral the angle's jitter (default 0.2, the book's), vertical each coordinate's (0.1, the book's), circle/xor/gaussian each coordinate's (0.1), plane/multi-gaussian the targets' as TensorFlow Playground's (0.1), sine the targets' (0)";

const REGULARIZER = 'one value: every hidden layer (as the book); a list: one per Dense layer, output last';

/** The book's chapter-15 run: the default of `scratchnet train`. */
export const TRAIN_DEFAULTS: TrainConfig = {
  dataset: 'spiral',
  samples: 1000,
  classes: 3,
  noise: null,
  label: null,
  task: null,
  hidden: [64],
  activation: 'relu',
  features: null,
  l1w: [0],
  l2w: [5e-4],
  l1b: [0],
  l2b: [5e-4],
  dropout: [0.1],
  optimizer: 'adam',
  lr: 0.05,
  decay: 5e-5,
  momentum: 0,
  epochs: 10000,
  batchSize: null,
  shuffle: false,
  validationSplit: null,
  seed: 0,
  printEvery: 100,
  checkpointEvery: 1000,
  precision: 'exact',
};

export const SETTINGS: readonly Setting[] = [
  {
    key: 'dataset',
    flag: '--dataset <name>',
    description:
      "spiral | vertical | circle | xor | gaussian | sine | plane | multi-gaussian | csv:FILE | fashion-mnist | idx:DIR (sine, plane, multi-gaussian: regression with the book's chapter-17 preset; the last two: chapter 19's)",
    parse: parseDataset,
  },
  {
    key: 'samples',
    flag: '--samples <n>',
    description:
      'samples per class (generated classes) or in total (sine, plane, multi-gaussian); most training images per class (fashion-mnist, idx)',
    parse: parsePositiveInteger,
  },
  {
    key: 'classes',
    flag: '--classes <n>',
    description: 'classes (generated classes)',
    parse: parsePositiveInteger,
  },
  {
    key: 'noise',
    flag: '--noise <n>',
    description: NOISE_HELP,
    parse: parseNoise,
    shown: "the data set's own",
  },
  {
    key: 'label',
    flag: '--label <name>',
    description: 'label column of a CSV data set',
    shown: 'the last column',
  },
  {
    key: 'task',
    flag: '--task <kind>',
    description: 'classification or regression, for CSV data',
    choices: ['classification', 'regression'],
    shown: 'from the labels: whole numbers >= 0 are classes',
  },
  {
    key: 'hidden',
    flag: '--hidden <sizes>',
    description: 'hidden layer sizes, comma-separated',
    parse: listOf(parsePositiveInteger),
  },
  { key: 'activation', flag: '--activation <name>', description: 'hidden activation', choices: ACTIVATIONS },
  { key: 'features', flag: '--features <names>', description: FEATURES_HELP, parse: parseFeatureList },
  {
    key: 'l1w',
    flag: '--l1w <lambdas>',
    description: `L1 on weights; ${REGULARIZER}`,
    parse: listOf(parseNonNegative),
  },
  {
    key: 'l2w',
    flag: '--l2w <lambdas>',
    description: `L2 on weights; ${REGULARIZER}`,
    parse: listOf(parseNonNegative),
  },
  {
    key: 'l1b',
    flag: '--l1b <lambdas>',
    description: `L1 on biases; ${REGULARIZER}`,
    parse: listOf(parseNonNegative),
  },
  {
    key: 'l2b',
    flag: '--l2b <lambdas>',
    description: `L2 on biases; ${REGULARIZER}`,
    parse: listOf(parseNonNegative),
  },
  {
    key: 'dropout',
    flag: '--dropout <rates>',
    description: 'dropout rate after each hidden layer (fraction dropped, in [0, 1))',
    parse: listOf(parseRate),
  },
  {
    key: 'optimizer',
    flag: '--optimizer <name>',
    description: 'optimizer',
    choices: ['sgd', 'adagrad', 'rmsprop', 'adam'],
  },
  { key: 'lr', flag: '--lr <rate>', description: 'learning rate', parse: parsePositive },
  {
    key: 'decay',
    flag: '--decay <d>',
    description: 'learning-rate decay: lr / (1 + decay * step)',
    parse: parseNonNegative,
  },
  { key: 'momentum', flag: '--momentum <m>', description: 'SGD momentum', parse: parseNonNegative },
  { key: 'epochs', flag: '--epochs <n>', description: 'epochs', parse: parsePositiveInteger },
  {
    key: 'batchSize',
    flag: '--batch-size <n>',
    description: 'rows per step',
    parse: parsePositiveInteger,
    shown: 'the whole data set, as the book',
  },
  {
    key: 'shuffle',
    flag: '--shuffle',
    description: 'shuffle the rows every epoch (from the seeded generator)',
  },
  {
    key: 'validationSplit',
    flag: '--validation-split <f>',
    description: 'hold out a seeded random fraction of the rows (of each class) for validation',
    parse: parseFraction,
    shown: 'a fresh data set of 100 samples per class',
  },
  {
    key: 'seed',
    flag: '--seed <n>',
    description: "generator seed (0 = the book's nnfs.init())",
    parse: parseSeed,
  },
  {
    key: 'printEvery',
    flag: '--print-every <n>',
    description: 'print a log line every n epochs',
    parse: parsePositiveInteger,
  },
  {
    key: 'checkpointEvery',
    flag: '--checkpoint-every <n>',
    description:
      'write a checkpoint every n epochs, on Ctrl-C and after the last epoch; 0: only the last two',
    parse: parseNonNegativeInteger,
  },
  {
    key: 'precision',
    flag: '--precision <mode>',
    description:
      "matrix-product accumulation: exact (double, numpy's numbers bit for bit) or float32 (faster on large layers, not numpy-exact)",
    choices: MATMUL_PRECISIONS,
  },
];

/**
 * Adds the flags of `scratchnet train` to a command: all of them, or only `keys` (gradcheck takes the
 * network's), with `defaults` shown and used where they differ from train's.
 */
export function addTrainOptions(
  command: Command,
  keys: readonly (keyof TrainConfig)[] = SETTINGS.map((s) => s.key),
  defaults: Partial<TrainConfig> = {},
): Command {
  for (const s of SETTINGS.filter((setting) => keys.includes(setting.key))) {
    const option = new Option(s.flag, s.description);
    if (s.parse) option.argParser(s.parse);
    if (s.choices) option.choices(s.choices);
    const value = s.key in defaults ? defaults[s.key] : TRAIN_DEFAULTS[s.key];
    if (value !== null && value !== false && value !== undefined) {
      option.default(value, s.shown ?? (Array.isArray(value) ? value.join(',') : String(value)));
    } else if (s.shown) option.default(value, s.shown);
    command.addOption(option);
  }
  return command;
}
