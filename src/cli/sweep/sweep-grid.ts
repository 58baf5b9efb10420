import type { TrainConfig } from '../train-config.ts';

/** The axes of a sweep: every combination of their values is trained once per seed. */
export interface SweepGrid {
  /** L2 on the weights and biases of every hidden layer (the book's chapter 14). */
  l2: number[];
  /** L1 on the weights and biases of every hidden layer. */
  l1: number[];
  /** Dropout rate after every hidden layer. */
  dropout: number[];
  seeds: number[];
}

/** One regularization setting, without its seed: a row of the summary table. */
export interface SweepSetting {
  l2: number;
  l1: number;
  dropout: number;
}

/** One training run of the sweep: a setting and a seed. */
export interface SweepPoint extends SweepSetting {
  seed: number;
  /** Stable name of the run, used for its result file: `l2-0.0005_l1-0_dropout-0.1_seed-0`. */
  key: string;
}

/**
 * The book's question on the spiral: no regularization, L2 5e-4, dropout 0.1, and both (the book's
 * chapter-14 network with and without its L2, and chapter 15's dropout added to it).
 */
export const DEFAULT_GRID: SweepGrid = { l2: [0, 5e-4], l1: [0], dropout: [0, 0.1], seeds: [0, 1, 2] };

/** Every setting in grid order (L2 slowest, then L1, then dropout), duplicates removed. */
export function settingsOf(grid: SweepGrid): SweepSetting[] {
  const settings: SweepSetting[] = [];
  for (const l2 of unique(grid.l2))
    for (const l1 of unique(grid.l1))
      for (const dropout of unique(grid.dropout)) settings.push({ l2, l1, dropout });
  return settings;
}

/** Every run: each setting with each seed, seeds innermost. */
export function expandGrid(grid: SweepGrid): SweepPoint[] {
  return settingsOf(grid).flatMap((setting) =>
    unique(grid.seeds).map((seed) => ({ ...setting, seed, key: runKey({ ...setting, seed }) })),
  );
}

export function settingKey(setting: SweepSetting): string {
  return `l2-${setting.l2}_l1-${setting.l1}_dropout-${setting.dropout}`;
}

export function runKey(point: SweepSetting & { seed: number }): string {
  return `${settingKey(point)}_seed-${point.seed}`;
}

/**
 * The training configuration of one run: the base configuration with the point's penalties on the
 * weights and biases of every hidden layer (a one-value list: hidden layers only, output unregularized,
 * as the book), its dropout after every hidden layer, and its seed.
 */
export function configForPoint(base: TrainConfig, point: SweepSetting & { seed: number }): TrainConfig {
  return {
    ...base,
    l1w: [point.l1],
    l1b: [point.l1],
    l2w: [point.l2],
    l2b: [point.l2],
    dropout: [point.dropout],
    seed: point.seed,
  };
}

/** How a setting reads in tables and legends: `L2 5e-4, dropout 0.1`, or `no regularization`. */
export function describeSetting(setting: SweepSetting): string {
  const parts: string[] = [];
  if (setting.l2 > 0) parts.push(`L2 ${formatLambda(setting.l2)}`);
  if (setting.l1 > 0) parts.push(`L1 ${formatLambda(setting.l1)}`);
  if (setting.dropout > 0) parts.push(`dropout ${setting.dropout}`);
  return parts.length === 0 ? 'no regularization' : parts.join(', ');
}

/** A penalty as people write it: 0, 5e-4, 1e-3, 0.01, 1.5e-4. */
export function formatLambda(value: number): string {
  if (value === 0) return '0';
  if (value >= 0.01 && value < 1000) return String(value);
  return value.toExponential();
}

function unique(values: readonly number[]): number[] {
  return [...new Set(values)];
}
