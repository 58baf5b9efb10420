import { describeValue, ScratchnetError } from '../errors/scratchnet-error.ts';
import { Matrix } from '../tensor/matrix.ts';

/** What a CSV of user data holds once parsed: features, and the label column as class indices or values. */
export interface CsvDataset {
  X: Matrix;
  featureNames: string[];
  labelName: string;
  /** Class indices, when every label is a whole number from 0 to MAX_CLASS_LABEL (a classification data set). */
  labels: Int32Array | null;
  /** When labels is null: the first label that is not a class index, and its line in the file. */
  notAClass: { line: number; value: number } | null;
  /** The label column as an N x 1 matrix of values (for regression and binary targets). */
  targets: Matrix;
}

/** The largest class label: class indices are stored as Int32, and a larger one would wrap. */
export const MAX_CLASS_LABEL = 2 ** 31 - 1;

export interface ParseCsvOptions {
  /** Name of the label column. @default the last column */
  label?: string;
  /** Shown in error messages, e.g. the file name. @default 'CSV' */
  source?: string;
}

/**
 * Parses numeric CSV with a header row. Every problem is a BAD_DATA (or NON_FINITE_INPUT) error
 * that names the line and column, so a user can find and fix it.
 */
export function parseCsv(text: string, options: ParseCsvOptions = {}): CsvDataset {
  const source = options.source ?? 'CSV';
  // a byte-order mark (spreadsheets write one) would become part of the first column's name
  const lines = (text.startsWith('\uFEFF') ? text.slice(1) : text).split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop();
  if (lines.length === 0 || lines[0].trim() === '') {
    throw new ScratchnetError(
      'BAD_DATA',
      `${source} is empty`,
      'the first line must be a header such as x0,x1,label',
    );
  }
  const { header, labelName, labelIndex } = csvHeader(lines[0], options.label, source);
  const rows = lines.length - 1;
  if (rows === 0)
    throw new ScratchnetError(
      'BAD_DATA',
      `${source} has a header but no rows`,
      'add at least one row of data',
    );
  const nFeatures = header.length - 1;
  const X = Matrix.zeros(rows, nFeatures);
  const targets = Matrix.zeros(rows, 1);
  // taken from the parsed doubles: float32 targets round labels above 2^24
  const labels = new Int32Array(rows);
  let notAClass: { line: number; value: number } | null = null;
  for (let r = 0; r < rows; r++) {
    const cells = lines[r + 1].split(',');
    if (cells.length !== header.length) {
      throw new ScratchnetError(
        'BAD_DATA',
        `${source} line ${r + 2} has ${cells.length} values, the header has ${header.length}`,
        'every row needs one value per column (is a value missing, or an extra comma present?)',
      );
    }
    let feature = 0;
    for (let c = 0; c < cells.length; c++) {
      const value = parseCell(cells[c], source, r + 2, header[c]);
      if (c === labelIndex) {
        targets.data[r] = value;
        labels[r] = value;
        const isClass = Number.isInteger(value) && value >= 0 && value <= MAX_CLASS_LABEL;
        if (!isClass && notAClass === null) notAClass = { line: r + 2, value };
      } else {
        X.data[r * nFeatures + feature++] = value;
      }
    }
  }
  const featureNames = header.filter((_, c) => c !== labelIndex);
  return { X, featureNames, labelName, labels: notAClass ? null : labels, notAClass, targets };
}

/** The header's column names and which is the label, checked (one label column of that name). */
function csvHeader(
  line: string,
  label: string | undefined,
  source: string,
): { header: string[]; labelName: string; labelIndex: number } {
  const header = line.split(',').map((name) => name.trim());
  if (header.length < 2) {
    throw new ScratchnetError(
      'BAD_DATA',
      `${source} has ${header.length} column; it needs at least one feature and a label`,
      'separate columns with commas: x0,x1,label',
    );
  }
  const labelName = label ?? header[header.length - 1];
  const labelIndex = header.indexOf(labelName);
  if (labelIndex < 0) {
    throw new ScratchnetError(
      'BAD_DATA',
      `${source} has no column named ${describeValue(labelName)}`,
      `its columns are: ${header.join(', ')}; pick one with --label`,
    );
  }
  const again = header.indexOf(labelName, labelIndex + 1);
  if (again >= 0) {
    throw new ScratchnetError(
      'BAD_DATA',
      `${source}: the header names two columns ${describeValue(labelName)} (columns ${labelIndex + 1} and ${again + 1}), so the label column is ambiguous`,
      'rename one of them (the label must be the only column of its name), or pick another with --label',
    );
  }
  return { header, labelName, labelIndex };
}

function parseCell(cell: string, source: string, line: number, column: string): number {
  const text = cell.trim();
  const value = Number(text);
  if (text === '' || Number.isNaN(value)) {
    if (/^[+-]?(nan|inf(inity)?)$/i.test(text)) {
      throw new ScratchnetError(
        'NON_FINITE_INPUT',
        `${source} line ${line}, column ${column}: ${describeValue(text)} is not a finite number`,
        'remove or impute NaN and infinite values before training',
      );
    }
    throw new ScratchnetError(
      'BAD_DATA',
      `${source} line ${line}, column ${column}: ${describeValue(text)} is not a number`,
      'every cell after the header must be numeric (encode categories as numbers)',
    );
  }
  if (!Number.isFinite(value)) {
    throw new ScratchnetError(
      'NON_FINITE_INPUT',
      `${source} line ${line}, column ${column}: ${describeValue(text)} is not a finite number`,
      'remove or impute NaN and infinite values before training',
    );
  }
  // stored as float32, 1e39 would become Infinity
  if (!Number.isFinite(Math.fround(value))) {
    throw new ScratchnetError(
      'NON_FINITE_INPUT',
      `${source} line ${line}, column ${column}: ${text} is beyond float32's range (±3.4e38)`,
      'scale the column down (e.g. divide by its largest value) before training',
    );
  }
  return value;
}
