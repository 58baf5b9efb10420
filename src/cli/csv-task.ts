import { type CsvDataset, MAX_CLASS_LABEL } from '../data/csv.ts';
import { ScratchnetError } from '../errors/scratchnet-error.ts';

export type CsvTask = { kind: 'classification'; labels: Int32Array } | { kind: 'regression'; note?: string };

/**
 * Whether a CSV trains a classifier or a regression. `--task` decides when given; otherwise the
 * labels do: whole numbers >= 0 are classes, anything else is a regression, and the run says so in
 * its first lines and its summary (a -1/1 encoding or a stray 1.5 would otherwise go unnoticed).
 */
export function csvTask(
  chosen: 'classification' | 'regression' | null,
  csv: CsvDataset,
  path: string,
): CsvTask {
  if (chosen === 'regression') return { kind: 'regression' };
  if (csv.labels !== null) return { kind: 'classification', labels: csv.labels };
  const first = csv.notAClass ?? { line: 0, value: Number.NaN };
  const where = `${path} line ${first.line}: label ${first.value}`;
  const binary = isMinusOneOne(csv.targets.data);
  const mapping = 'map -1 to 0 (the classes are then 0 and 1)';
  if (Number.isInteger(first.value) && first.value > MAX_CLASS_LABEL) {
    throw new ScratchnetError(
      'BAD_LABEL',
      `${where} is too large for a class (classes are numbered 0, 1, 2, … up to ${MAX_CLASS_LABEL})`,
      'number the classes from 0; if the column holds values to predict rather than classes, pass --task regression',
    );
  }
  if (chosen === 'classification') {
    throw new ScratchnetError(
      'BAD_LABEL',
      `${where} is not a class (classes are whole numbers 0, 1, 2, …)`,
      binary
        ? `labels -1 and 1 are a binary encoding: ${mapping}`
        : 'number the classes 0, 1, 2, …; for values to predict, pass --task regression',
    );
  }
  const note =
    `the labels of ${path} are not all whole numbers >= 0 (line ${first.line}: ${first.value}), so this run is a ` +
    'regression (one output, mean squared error)' +
    (binary
      ? `; labels -1 and 1 look like a binary encoding: for a classifier, ${mapping} and pass --task classification`
      : '; pass --task regression or --task classification to choose');
  return { kind: 'regression', note };
}

function isMinusOneOne(values: ArrayLike<number>): boolean {
  let minus = false;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== -1 && v !== 1) return false;
    if (v === -1) minus = true;
  }
  return minus;
}
