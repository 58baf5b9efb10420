import { isRegressionDatasetName } from '../data/regression-datasets.ts';
import { withImagePreset } from './image-data.ts';
import type { TrainConfig } from './train-config.ts';

/**
 * The book's chapter-17 run, the preset of `--dataset sine`: Dense 64 ReLU, Dense 64 ReLU, Dense 1
 * Linear, mean squared error, Adam (lr 0.005) with decay 1e-3, no dropout, no regularization.
 * (The chapter's train-from-scratch defaults, chapter 15's dropout and L2, keep this network at
 * accuracy 0.02; with the chapter's own settings it ends at 0.930 after 10,000 epochs, as the book's
 * ~0.93.) The preset of every generated regression set (plane and multi-gaussian too). Flags and
 * config keys given explicitly still win.
 */
export const SINE_PRESET: Partial<TrainConfig> = {
  hidden: [64, 64],
  l1w: [0],
  l2w: [0],
  l1b: [0],
  l2b: [0],
  dropout: [0],
  optimizer: 'adam',
  lr: 0.005,
  decay: 1e-3,
};

/** The config with its data set's preset for every key not set explicitly (by flag or config file). */
export function withDatasetPreset(config: TrainConfig, explicit: ReadonlySet<string>): TrainConfig {
  if (!isRegressionDatasetName(config.dataset)) return withImagePreset(config, explicit);
  const out = { ...config };
  for (const [key, value] of Object.entries(SINE_PRESET)) {
    if (!explicit.has(key)) Object.assign(out, { [key]: value });
  }
  return out;
}
