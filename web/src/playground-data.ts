// The data a playground run trains on, drawn exactly as `scratchnet train` draws the same run.

import { parseCsv } from '../../src/data/csv.ts';
import {
  CLASS_DATASETS,
  type ClassLabels,
  circleData,
  formatFloat32,
  gaussianData,
  Matrix,
  RandomState,
  ScratchnetError,
  sineData,
  xorData,
} from '../../src/index.ts';
import { DEFAULT_NOISE, type PlaygroundSettings } from './settings.ts';

export interface PlaygroundData {
  X: Matrix;
  /** Class labels; for the sine data (regression), the targets. */
  y: ClassLabels | Matrix;
  classes: number;
  validation: { X: Matrix; y: ClassLabels | Matrix } | null;
  /** The generator the weights, dropout masks and shuffles draw from. */
  rng: RandomState;
  /**
   * True when `scratchnet train --dataset <name>` makes these very data (a generated set with its
   * default noise, the CLI's fresh validation set, no clicked points); otherwise the run is exported
   * as CSV (training rows, then validation rows) with --validation-split.
   */
  generatedByCli: boolean;
}

/**
 * The CLI's own stream when it can make the data: the data from RandomState(seed), then the weights
 * from the same generator; validation from RandomState([seed, 1]). Otherwise the data are fixed rows,
 * as a CSV is to the CLI: generated from RandomState([seed, 2]) (validation from [seed, 1]), clicked
 * points appended, rows shuffled so a held-out share holds every class; the weights then come from a
 * fresh RandomState(seed), as the CLI's do for a CSV.
 */
export function makePlaygroundData(s: PlaygroundSettings, csvText: string | null): PlaygroundData {
  if (s.dataset === 'sine') {
    // as the CLI: the book's sine_data, validated on sine_data(100); nothing drawn from the generator
    const { X, y } = sineData(s.samples);
    return {
      X,
      y,
      classes: 1,
      validation: sineData(100),
      rng: new RandomState(s.seed),
      generatedByCli: true,
    };
  }
  const noiseIsDefault = s.dataset === 'spiral' || s.dataset === 'vertical' || s.noise === DEFAULT_NOISE;
  if (s.dataset !== 'csv' && noiseIsDefault && s.validation === 0 && s.points.length === 0) {
    const rng = new RandomState(s.seed);
    const make = CLASS_DATASETS[s.dataset];
    const { X, y } = make(s.samples, s.classes, rng);
    const v = make(100, s.classes, new RandomState([s.seed, 1]));
    return { X, y, classes: s.classes, validation: { X: v.X, y: v.y }, rng, generatedByCli: true };
  }
  return fixedRows(s, csvText);
}

function fixedRows(s: PlaygroundSettings, csvText: string | null): PlaygroundData {
  const dataRng = new RandomState([s.seed, 2]);
  let base: { X: Matrix; y: Int32Array };
  let validation: { X: Matrix; y: Int32Array } | null = null;
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
  if (s.validation > 0) {
    const at = Math.floor(all.X.rows * (1 - s.validation));
    validation = { X: rowsOf(all.X, at, all.X.rows), y: all.y.slice(at) };
    all.X = rowsOf(all.X, 0, at);
    all.y = all.y.slice(0, at);
  }
  let classes = s.dataset === 'csv' ? 0 : s.classes;
  for (const label of all.y) classes = Math.max(classes, label + 1);
  return { X: all.X, y: all.y, classes, validation, rng: new RandomState(s.seed), generatedByCli: false };
}

function makeWithNoise(s: PlaygroundSettings, samples: number, rng: RandomState) {
  if (s.dataset === 'circle') return circleData(samples, s.classes, rng, { noise: s.noise });
  if (s.dataset === 'xor') return xorData(samples, s.classes, rng, { noise: s.noise });
  if (s.dataset === 'gaussian') return gaussianData(samples, s.classes, rng, { noise: s.noise });
  return CLASS_DATASETS[s.dataset === 'vertical' ? 'vertical' : 'spiral'](samples, s.classes, rng);
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

function rowsOf(m: Matrix, start: number, end: number): Matrix {
  return new Matrix(end - start, m.cols, m.data.slice(start * m.cols, end * m.cols));
}

/**
 * Training rows then validation rows as the CLI's CSV (`x0,x1,label`, exact float32 values), and
 * the --validation-split that holds out exactly those validation rows.
 */
export function dataAsCsv(data: PlaygroundData): { csv: string; validationSplit: number | null } {
  const lines = ['x0,x1,label'];
  const add = (X: Matrix, y: ClassLabels | Matrix) => {
    // only fixed rows become a CSV: class data (the sine data are the CLI's own)
    const labels = y instanceof Matrix ? y.data : y;
    for (let i = 0; i < X.rows; i++)
      lines.push(`${formatFloat32(X.data[2 * i])},${formatFloat32(X.data[2 * i + 1])},${labels[i]}`);
  };
  add(data.X, data.y);
  if (data.validation !== null) add(data.validation.X, data.validation.y);
  const csv = `${lines.join('\n')}\n`;
  if (data.validation === null) return { csv, validationSplit: null };
  return { csv, validationSplit: splitFor(data.X.rows, data.validation.X.rows) };
}

/** A short fraction f with floor(n·(1 − f)) = training rows, as Model.train's validationSplit computes it. */
function splitFor(training: number, held: number): number {
  const n = training + held;
  // held/n itself can land a hair short (n·(1 − f) just under the count); a quarter row less cannot
  for (let digits = 2; digits <= 17; digits++) {
    for (const candidate of [held / n, (held - 0.25) / n]) {
      const f = Number(candidate.toPrecision(digits));
      if (f > 0 && f < 1 && Math.floor(n * (1 - f)) === training) return f;
    }
  }
  return (held - 0.25) / n;
}
