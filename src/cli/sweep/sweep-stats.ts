import { type SweepSetting, settingKey } from './sweep-grid.ts';
import type { RunResult } from './train-point.ts';

/** The numbers of a run that the summary averages over seeds, in table order. */
export const METRICS = [
  'trainAccuracy',
  'validationAccuracy',
  'gap',
  'trainDataLoss',
  'validationDataLoss',
  'regularizationLoss',
  'nearZero',
  'seconds',
] as const satisfies readonly (keyof RunResult)[];

export type Metric = (typeof METRICS)[number];

/** Mean and sample standard deviation (n − 1); the spread is null for a single value. */
export interface Spread {
  mean: number;
  std: number | null;
}

export interface SettingSummary extends SweepSetting {
  /** The seeds averaged (those that finished). */
  seeds: number[];
  metrics: Record<Metric, Spread>;
}

export function spreadOf(values: readonly number[]): Spread {
  const n = values.length;
  if (n === 0) return { mean: Number.NaN, std: null };
  let sum = 0;
  for (const value of values) sum += value;
  const mean = sum / n;
  if (n < 2) return { mean, std: null };
  let squares = 0;
  for (const value of values) squares += (value - mean) ** 2;
  return { mean, std: Math.sqrt(squares / (n - 1)) };
}

/** One summary per setting, in the settings' order, over the seeds whose results are there. */
export function summarize(
  settings: readonly SweepSetting[],
  results: readonly RunResult[],
): SettingSummary[] {
  return settings.map((setting) => {
    const key = settingKey(setting);
    const runs = results.filter((r) => settingKey(r) === key).sort((a, b) => a.seed - b.seed);
    const metrics = {} as Record<Metric, Spread>;
    for (const metric of METRICS) metrics[metric] = spreadOf(runs.map((r) => r[metric]));
    return {
      l2: setting.l2,
      l1: setting.l1,
      dropout: setting.dropout,
      seeds: runs.map((r) => r.seed),
      metrics,
    };
  });
}
