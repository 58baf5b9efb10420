import { isClassDatasetName } from '../../data/class-datasets.ts';
import { isRegressionDatasetName } from '../../data/regression-datasets.ts';
import type { TrainConfig } from '../train-config.ts';
import { formatLambda } from './sweep-grid.ts';
import type { SettingSummary, Spread } from './sweep-stats.ts';

interface Column {
  title: string;
  cell: (s: SettingSummary) => string;
  /** Left-aligned (the setting columns) or right-aligned (numbers). */
  left?: boolean;
}

/**
 * The sweep's summary as a plain-text table, one row per setting: mean ± sample standard deviation
 * over the seeds. A regularization axis appears only when the grid uses it.
 */
export function formatSweepTable(summaries: readonly SettingSummary[], nearZero: number): string {
  const uses = (axis: 'l2' | 'l1' | 'dropout') => summaries.some((s) => s[axis] > 0);
  const columns: Column[] = [
    ...(uses('l2') ? [{ title: 'L2', cell: (s: SettingSummary) => formatLambda(s.l2), left: true }] : []),
    ...(uses('l1') ? [{ title: 'L1', cell: (s: SettingSummary) => formatLambda(s.l1), left: true }] : []),
    ...(uses('dropout')
      ? [{ title: 'dropout', cell: (s: SettingSummary) => String(s.dropout), left: true }]
      : []),
    { title: 'seeds', cell: (s) => String(s.seeds.length) },
    { title: 'train acc', cell: (s) => fixed(s.metrics.trainAccuracy, 3) },
    { title: 'val acc', cell: (s) => fixed(s.metrics.validationAccuracy, 3) },
    { title: 'gap', cell: (s) => fixed(s.metrics.gap, 3, true) },
    { title: 'data loss', cell: (s) => fixed(s.metrics.trainDataLoss, 3) },
    { title: 'val loss', cell: (s) => fixed(s.metrics.validationDataLoss, 3) },
    { title: 'reg loss', cell: (s) => fixed(s.metrics.regularizationLoss, 3) },
    { title: `|w|<${formatLambda(nearZero)}`, cell: (s) => percent(s.metrics.nearZero) },
    { title: 'time', cell: (s) => `${s.metrics.seconds.mean.toFixed(1)} s` },
  ];
  const rows = summaries.map((s) => columns.map((c) => c.cell(s)));
  const widths = columns.map((c, i) => Math.max(c.title.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (columns[i].left ? cell.padEnd(widths[i]) : cell.padStart(widths[i])))
      .join('  ')
      .trimEnd();
  const header = line(columns.map((c) => c.title));
  return [header, '-'.repeat(header.length), ...rows.map(line)].join('\n');
}

/** What the table shows, for the line under it. */
export function describeSweep(base: TrainConfig, validationSamples: number, nearZero: number): string {
  const data =
    base.validationSplit !== null
      ? `${base.dataset}, a seeded random ${base.validationSplit} of the rows (of each class) validating`
      : isClassDatasetName(base.dataset)
        ? `${base.dataset}, ${base.samples} samples per class, validated on ${validationSamples} per class`
        : isRegressionDatasetName(base.dataset)
          ? `${base.dataset}, ${base.samples} samples, validated on ${validationSamples} fresh ones`
          : `${base.dataset}, validated on its own validation set`;
  const batch = base.batchSize === null ? 'full batch' : `batches of ${base.batchSize}`;
  return [
    `${data}; hidden ${base.hidden.join(',')} ${base.activation}; ${base.optimizer} lr ${base.lr} decay ${base.decay}; ${base.epochs} epochs, ${batch}`,
    'mean ± sample std over the seeds; accuracies and losses after the last epoch, dropout off;',
    `gap = train − validation accuracy; |w|<${formatLambda(nearZero)}: share of the hidden layers' weights that small; time per run`,
  ].join('\n');
}

function fixed(spread: Spread, digits: number, signed = false): string {
  const mean = spread.mean.toFixed(digits);
  const text = signed && spread.mean >= 0 ? `+${mean}` : mean;
  return spread.std === null ? text : `${text} ±${spread.std.toFixed(digits)}`;
}

function percent(spread: Spread): string {
  const mean = `${(spread.mean * 100).toFixed(1)}%`;
  return spread.std === null ? mean : `${mean} ±${(spread.std * 100).toFixed(1)}`;
}
