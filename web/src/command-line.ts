// The `scratchnet train` run equivalent to a playground run: its flags, the network they describe,
// and the command line. The page builds its network from the same flags it exports.
import { type FeatureName, isIdentity } from '../../src/data/features.ts';
import { isRegressionDatasetName, type NetworkSpec } from '../../src/index.ts';
import { CSV_FILE_NAME } from './messages.ts';
import { cliNoise, type PlaygroundData } from './playground-data.ts';
import type { ActivationChoice, LayerSettings, PlaygroundSettings } from './settings.ts';

/**
 * The flags of `scratchnet train` a playground run sets, keyed as the CLI's configuration (its
 * `--config` file); every other flag keeps the CLI's default.
 */
export interface RunFlags {
  dataset: string;
  samples: number;
  classes: number;
  /** null: the data set's own noise (and CSV rows). */
  noise: number | null;
  hidden: number[];
  /** null: the plain x1, x2. */
  features: FeatureName[] | null;
  activation: ActivationChoice;
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
}

/**
 * The flags of this run: per-layer penalties as one value when every hidden layer shares it (the CLI
 * then leaves the output layer unregularized, as the playground does), else one value per Dense layer
 * with 0 for the output layer.
 */
export function toRunFlags(
  s: PlaygroundSettings,
  data: Pick<PlaygroundData, 'generatedByCli'>,
  validationSplit: number | null,
): RunFlags {
  const perLayer = (key: keyof LayerSettings) => {
    const values = s.layers.map((layer) => layer[key]);
    return values.every((v) => v === values[0]) ? [values[0]] : [...values, 0];
  };
  const dropouts = s.layers.map((layer) => layer.dropout);
  return {
    dataset: data.generatedByCli ? s.dataset : `csv:${CSV_FILE_NAME}`,
    samples: s.samples,
    classes: s.classes,
    noise: cliNoise(s, data),
    hidden: s.layers.map((layer) => layer.units),
    features: isIdentity(s.features) || s.dataset === 'sine' ? null : [...s.features],
    activation: s.activation,
    l1w: perLayer('l1w'),
    l2w: perLayer('l2w'),
    l1b: perLayer('l1b'),
    l2b: perLayer('l2b'),
    dropout: dropouts.every((v) => v === dropouts[0]) ? [dropouts[0]] : dropouts,
    optimizer: s.optimizer,
    lr: s.lr,
    decay: s.decay,
    momentum: s.momentum,
    epochs: s.epochs,
    batchSize: s.batchSize > 0 ? s.batchSize : null,
    shuffle: s.shuffle,
    // the CLI's data, held out by the CLI's own split; CSV rows, by the split of the exported rows
    validationSplit: data.generatedByCli ? (s.validation > 0 ? s.validation : null) : validationSplit,
    seed: s.seed,
  };
}

/** The regression sets make a regression run: one output, mean squared error. */
export function isRegression(flags: Pick<RunFlags, 'dataset'>): boolean {
  return isRegressionDatasetName(flags.dataset);
}

/**
 * The network the flags describe, on the playground's two inputs (their features; the sine data's
 * one x): what `scratchnet train` builds.
 */
export function networkSpec(flags: RunFlags, classes: number): NetworkSpec {
  if (flags.dataset === 'sine')
    return { ...classifier(flags, classes), inputs: 1, outputs: 1, task: 'regression' };
  if (isRegression(flags)) return { ...classifier(flags, classes), outputs: 1, task: 'regression' };
  return classifier(flags, classes);
}

function classifier(flags: RunFlags, classes: number): NetworkSpec {
  const { hidden, activation, l1w, l2w, l1b, l2b, dropout, optimizer, decay, momentum } = flags;
  return {
    inputs: flags.features?.length ?? 2,
    hidden,
    outputs: classes,
    task: 'classification',
    activation,
    l1w,
    l2w,
    l1b,
    l2b,
    dropout,
    optimizer,
    learningRate: flags.lr,
    decay,
    momentum,
  };
}

/** `scratchnet train …` with the flags that differ from the CLI's defaults left out where safe. */
export function commandLine(flags: RunFlags): string {
  const parts = ['npx scratchnet train', `--dataset ${flags.dataset}`];
  if (!flags.dataset.startsWith('csv:')) parts.push(`--samples ${flags.samples}`);
  // a regression has one target: the CLI refuses --classes there
  if (!flags.dataset.startsWith('csv:') && !isRegressionDatasetName(flags.dataset))
    parts.push(`--classes ${flags.classes}`);
  if (flags.noise !== null) parts.push(`--noise ${flags.noise}`);
  parts.push(
    `--hidden ${flags.hidden.join(',')}`,
    ...(flags.features === null ? [] : [`--features ${flags.features.join(',')}`]),
    `--activation ${flags.activation}`,
    `--l1w ${flags.l1w.join(',')}`,
    `--l2w ${flags.l2w.join(',')}`,
    `--l1b ${flags.l1b.join(',')}`,
    `--l2b ${flags.l2b.join(',')}`,
    `--dropout ${flags.dropout.join(',')}`,
    `--optimizer ${flags.optimizer}`,
    `--lr ${flags.lr}`,
    `--decay ${flags.decay}`,
  );
  if (flags.optimizer === 'sgd') parts.push(`--momentum ${flags.momentum}`);
  if (flags.batchSize !== null) parts.push(`--batch-size ${flags.batchSize}`);
  if (flags.shuffle) parts.push('--shuffle');
  if (flags.validationSplit !== null) parts.push(`--validation-split ${flags.validationSplit}`);
  parts.push(`--epochs ${flags.epochs}`, `--seed ${flags.seed}`);
  return parts.join(' ');
}
