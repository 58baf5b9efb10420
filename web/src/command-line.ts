// The `scratchnet train` run equivalent to a playground run: its TrainConfig and its command line.
import type { TrainConfig } from '../../src/cli/train-config.ts';
import type { PlaygroundData } from './playground-data.ts';
import type { LayerSettings, PlaygroundSettings } from './settings.ts';

/** The name the exported data file gets, and the command line refers to. */
export const CSV_FILE_NAME = 'playground-data.csv';

/**
 * The CLI configuration of this run: per-layer penalties as one value when every hidden layer shares
 * it (the CLI then leaves the output layer unregularized, as the playground does), else one value per
 * Dense layer with 0 for the output layer.
 */
export function toTrainConfig(
  s: PlaygroundSettings,
  data: Pick<PlaygroundData, 'generatedByCli'>,
  validationSplit: number | null,
): TrainConfig {
  const perLayer = (key: keyof LayerSettings) => {
    const values = s.layers.map((layer) => layer[key]);
    return values.every((v) => v === values[0]) ? [values[0]] : [...values, 0];
  };
  const dropouts = s.layers.map((layer) => layer.dropout);
  return {
    dataset: data.generatedByCli ? s.dataset : `csv:${CSV_FILE_NAME}`,
    samples: s.samples,
    classes: s.classes,
    label: null,
    task: null,
    hidden: s.layers.map((layer) => layer.units),
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
    validationSplit: data.generatedByCli ? null : validationSplit,
    seed: s.seed,
    printEvery: 100,
    checkpointEvery: 1000,
    precision: 'exact',
  };
}

/** `scratchnet train …` with the flags that differ from the CLI's defaults left out where safe. */
export function commandLine(config: TrainConfig): string {
  const parts = ['npx scratchnet train', `--dataset ${config.dataset}`];
  if (!config.dataset.startsWith('csv:'))
    parts.push(`--samples ${config.samples}`, `--classes ${config.classes}`);
  parts.push(
    `--hidden ${config.hidden.join(',')}`,
    `--activation ${config.activation}`,
    `--l1w ${config.l1w.join(',')}`,
    `--l2w ${config.l2w.join(',')}`,
    `--l1b ${config.l1b.join(',')}`,
    `--l2b ${config.l2b.join(',')}`,
    `--dropout ${config.dropout.join(',')}`,
    `--optimizer ${config.optimizer}`,
    `--lr ${config.lr}`,
    `--decay ${config.decay}`,
  );
  if (config.optimizer === 'sgd') parts.push(`--momentum ${config.momentum}`);
  if (config.batchSize !== null) parts.push(`--batch-size ${config.batchSize}`);
  if (config.shuffle) parts.push('--shuffle');
  if (config.validationSplit !== null) parts.push(`--validation-split ${config.validationSplit}`);
  parts.push(`--epochs ${config.epochs}`, `--seed ${config.seed}`);
  return parts.join(' ');
}
