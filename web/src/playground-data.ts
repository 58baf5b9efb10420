// The data a playground run trains on, drawn exactly as `scratchnet train` draws the same run.

import { parseCsv } from '../../src/data/csv.ts';
import {
  CLASS_DATASETS,
  type ClassLabels,
  DEFAULT_POINT_NOISE,
  formatFloat32,
  isRegressionDatasetName,
  Matrix,
  RandomState,
  REGRESSION_DATASETS,
  type RegressionDatasetName,
  ScratchnetError,
  splitValidation,
} from '../../src/index.ts';
import { BOOK_NOISE, DEFAULT_NOISE, noiseOf, type PlaygroundSettings } from './settings.ts';

export interface PlaygroundData {
  X: Matrix;
  /** Class labels; for a regression set (sine, plane, multi-gaussian), the targets. */
  y: ClassLabels | Matrix;
  classes: number;
  validation: { X: Matrix; y: ClassLabels | Matrix } | null;
  /** The generator the weights, dropout masks and shuffles draw from. */
  rng: RandomState;
  /**
   * True when `scratchnet train --dataset <name>` makes these very data (see makePlaygroundData);
   * otherwise the run is exported as CSV (training rows, then validation rows) with --validation-split.
   */
  generatedByCli: boolean;
  /**
   * When the data are not the CLI's own: every row in file order (training and held-out rows alike,
   * as the exported CSV lists them), and the fraction held out of them (null: none).
   */
  rows: { X: Matrix; y: ClassLabels; heldOut: number | null } | null;
}

/**
 * The CLI's own stream when it can make the data: the data from RandomState(seed), then the weights
 * from the same generator; validation from RandomState([seed, 1]), or for a regression set the rows
 * `--validation-split` holds out. The CLI makes: every regression set (`--noise` when not the
 * default); class sets without clicked points or a held-out share, spiral and vertical at any
 * `--noise`, circle, xor and gaussian at their default (as links made before --noise existed keep
 * their data). Otherwise the data are fixed rows,
 * as a CSV is to the CLI: generated from RandomState([seed, 2]) (validation from [seed, 1]), clicked
 * points appended, rows shuffled; a held-out share is split off by the library's splitValidation,
 * the very split `scratchnet train --validation-split` makes of the exported rows; the weights then
 * come from a fresh RandomState(seed), as the CLI's do for a CSV.
 */
export function makePlaygroundData(s: PlaygroundSettings, csvText: string | null): PlaygroundData {
  if (isRegressionDatasetName(s.dataset)) return regressionData(s, s.dataset);
  const noiseIsCli = BOOK_NOISE[s.dataset] !== undefined || s.noise === DEFAULT_NOISE;
  if (s.dataset !== 'csv' && noiseIsCli && s.validation === 0 && s.points.length === 0) {
    const rng = new RandomState(s.seed);
    const make = CLASS_DATASETS[s.dataset];
    const { X, y } = make(s.samples, s.classes, rng, { noise: noiseOf(s) });
    const v = make(100, s.classes, new RandomState([s.seed, 1]), { noise: noiseOf(s) });
    const validation = { X: v.X, y: v.y };
    return { X, y, classes: s.classes, validation, rng, generatedByCli: true, rows: null };
  }
  return fixedRows(s, csvText);
}

/**
 * As the CLI: the data from RandomState(seed) (the sine data draw nothing without noise), validated on
 * 100 fresh rows from RandomState([seed, 1]) or on the rows --validation-split holds out.
 */
function regressionData(s: PlaygroundSettings, dataset: RegressionDatasetName): PlaygroundData {
  const rng = new RandomState(s.seed);
  const make = REGRESSION_DATASETS[dataset];
  const noise = { noise: noiseOf(s) };
  const all = make(s.samples, rng, noise);
  let train = { X: all.X, y: all.y };
  let validation: { X: Matrix; y: Matrix };
  if (s.validation > 0) {
    const split = splitValidation(all.X, all.y, s.validation, s.seed);
    train = { X: split.train.X, y: split.train.y as Matrix };
    validation = { X: split.validation.X, y: split.validation.y as Matrix };
  } else validation = make(100, new RandomState([s.seed, 1]), noise);
  return { ...train, classes: 1, validation, rng, generatedByCli: true, rows: null };
}

/** The --noise of a run the CLI generates; null: the data set's default (and for CSV rows). */
export function cliNoise(s: PlaygroundSettings, data: Pick<PlaygroundData, 'generatedByCli'>): number | null {
  if (!data.generatedByCli || s.dataset === 'csv') return null;
  const noise = noiseOf(s);
  return noise === (BOOK_NOISE[s.dataset] ?? DEFAULT_POINT_NOISE) ? null : noise;
}

function fixedRows(s: PlaygroundSettings, csvText: string | null): PlaygroundData {
  const dataRng = new RandomState([s.seed, 2]);
  let base: { X: Matrix; y: Int32Array };
  let validation: { X: Matrix; y: ClassLabels } | null = null;
  if (s.dataset === 'csv') {
    if (csvText === null) {
      throw new ScratchnetError('BAD_DATA', 'no CSV file yet', 'drop a CSV file (x0,x1,label) onto the page');
    }
    const csv = parseCsv(csvText, { source: 'the dropped file' });
    if (csv.labels === null || csv.X.cols !== 2) {
      throw new ScratchnetError(
        'BAD_DATA',
        `the dropped file has ${csv.X.cols} input columns${csv.labels === null ? ' and no class labels' : ''}`,
        'the playground draws 2-D data: two number columns, then a label column of whole numbers 0, 1, …',
      );
    }
    base = { X: csv.X, y: csv.labels };
  } else {
    base = makeWithNoise(s, s.samples, dataRng);
    if (s.validation === 0) validation = makeWithNoise(s, 100, new RandomState([s.seed, 1]));
  }
  const all = appendPoints(base, s);
  dataRng.shuffleRows(all.X, all.y);
  let train: { X: Matrix; y: ClassLabels } = all;
  if (s.validation > 0) {
    const split = splitValidation(all.X, all.y, s.validation, s.seed);
    train = { X: split.train.X, y: split.train.y as ClassLabels };
    validation = { X: split.validation.X, y: split.validation.y as ClassLabels };
  }
  let classes = s.dataset === 'csv' ? 0 : s.classes;
  for (const label of train.y) classes = Math.max(classes, label + 1);
  const rows = { ...all, heldOut: s.validation > 0 ? s.validation : null };
  const rng = new RandomState(s.seed);
  return { X: train.X, y: train.y, classes, validation, rng, generatedByCli: false, rows };
}

function makeWithNoise(s: PlaygroundSettings, samples: number, rng: RandomState) {
  const name = s.dataset;
  if (name === 'csv' || isRegressionDatasetName(name)) throw new RangeError(`${name} has no classes`);
  return CLASS_DATASETS[name](samples, s.classes, rng, { noise: noiseOf(s) });
}

function appendPoints(base: { X: Matrix; y: Int32Array }, s: PlaygroundSettings) {
  const n = base.X.rows + s.points.length;
  const X = Matrix.zeros(n, 2);
  X.data.set(base.X.data);
  const y = new Int32Array(n);
  y.set(base.y);
  s.points.forEach((p, i) => {
    X.data[2 * (base.X.rows + i)] = p.x;
    X.data[2 * (base.X.rows + i) + 1] = p.y;
    y[base.X.rows + i] = p.label;
  });
  return { X, y };
}

/**
 * The rows as the CLI's CSV (`x0,x1,label`, exact float32 values), in the order the split drew from,
 * and the --validation-split that holds out the same rows; null without a held-out share (a fresh
 * validation set is not exported: the CLI then trains on the same rows without validation).
 */
export function dataAsCsv(data: PlaygroundData): { csv: string; validationSplit: number | null } {
  const rows = data.rows ?? { X: data.X, y: data.y, heldOut: null };
  // only fixed rows become a CSV: class data (the sine data are the CLI's own)
  const labels = rows.y instanceof Matrix ? rows.y.data : rows.y;
  const lines = ['x0,x1,label'];
  for (let i = 0; i < rows.X.rows; i++) {
    lines.push(`${formatFloat32(rows.X.data[2 * i])},${formatFloat32(rows.X.data[2 * i + 1])},${labels[i]}`);
  }
  return { csv: `${lines.join('\n')}\n`, validationSplit: rows.heldOut };
}
