import { METRICS, type Metric, type SettingSummary } from './sweep-stats.ts';
import type { SweepSpec } from './sweep-store.ts';
import type { RunResult } from './train-point.ts';

const METRIC_COLUMNS: Record<Metric, string> = {
  trainAccuracy: 'train_accuracy',
  validationAccuracy: 'validation_accuracy',
  gap: 'gap',
  trainDataLoss: 'train_data_loss',
  validationDataLoss: 'validation_data_loss',
  regularizationLoss: 'regularization_loss',
  nearZero: 'near_zero',
  seconds: 'seconds',
};

export const CSV_COLUMNS = ['row', 'l2', 'l1', 'dropout', 'seed', ...METRICS.map((m) => METRIC_COLUMNS[m])];

/**
 * sweep.csv: a `run` row per setting and seed, then per setting a `mean` and a `std` row (sample
 * standard deviation; empty for one seed) whose seed column lists the seeds, space-separated.
 * Numbers are written in full (JavaScript's shortest round-trip form).
 */
export function sweepCsv(runs: readonly RunResult[], summaries: readonly SettingSummary[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const run of runs) {
    lines.push(['run', run.l2, run.l1, run.dropout, run.seed, ...METRICS.map((m) => run[m])].join(','));
  }
  for (const s of summaries) {
    const seeds = s.seeds.join(' ');
    lines.push(['mean', s.l2, s.l1, s.dropout, seeds, ...METRICS.map((m) => s.metrics[m].mean)].join(','));
    lines.push(
      ['std', s.l2, s.l1, s.dropout, seeds, ...METRICS.map((m) => s.metrics[m].std ?? '')].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** sweep.json: what was swept and how, every run, and the summary per setting. */
export function sweepJson(spec: SweepSpec, runs: readonly RunResult[], summaries: readonly SettingSummary[]) {
  return {
    ...spec,
    definitions: {
      metrics:
        'after the last epoch, dropout off; losses are data losses (mean cross-entropy) except regularizationLoss',
      gap: 'trainAccuracy - validationAccuracy',
      nearZero: `share of the hidden layers' weights (not biases, not the output layer) with |w| < ${spec.nearZero}`,
      std: 'sample standard deviation over the seeds (n - 1); null for a single seed',
    },
    runs,
    summary: summaries,
  };
}
