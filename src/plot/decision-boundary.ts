import { createRgbaImage, type RgbaImage } from '../data/rgba-image.ts';
import { ScratchnetError } from '../errors/scratchnet-error.ts';
import { Matrix } from '../tensor/matrix.ts';
import { drawMarker, type MarkerRing } from './draw-marker.ts';
import { classRgb, hexToRgb, OUTLINE_COLOR, type Rgb } from './palette.ts';
import { checkPlotRange, dataRange, dataToPixel, type PlotRange, pixelToData } from './plot-range.ts';

export type { PlotRange } from './plot-range.ts';
export { dataRange, dataToPixel, pixelToData } from './plot-range.ts';

/** Points of a 2-D data set: inputs n×2, labels the class index of each row. */
export interface LabelledPoints {
  inputs: Matrix;
  labels: ArrayLike<number>;
}

export interface DecisionBoundaryOptions {
  /** Number of classes (the model's outputs; 2 also accepts a single sigmoid output). */
  classCount: number;
  /** @default 512 */
  width?: number;
  /** @default 512 */
  height?: number;
  /** The part of the input plane shown. @default the bounds of train and validation, padded 10%, square units */
  range?: PlotRange;
  /** Drawn as class-coloured dots with a dark outline. */
  train?: LabelledPoints;
  /** Drawn as white dots with a thick class-coloured ring, over the training points. */
  validation?: LabelledPoints;
  /**
   * The model is evaluated once every `cellSize` pixels along each axis and the class probabilities
   * interpolated between: 1 evaluates every pixel; 4 is 16 times cheaper, for live views. @default 1
   */
  cellSize?: number;
  /**
   * Hard colours: every pixel its most probable class at one strength, with no paling where the
   * model is unsure (the TensorFlow Playground's "discretize output"). @default false
   */
  discrete?: boolean;
  /** Rows per call of predictProbabilities. @default 4096 */
  batchSize?: number;
  /** Radius of a point marker in pixels. @default min(width, height) / 140, at least 2.5 */
  pointRadius?: number;
}

const DEFAULTS = { width: 512, height: 512, cellSize: 1, batchSize: 4096 } as const;
const WHITE: Rgb = [255, 255, 255];
const OUTLINE = hexToRgb(OUTLINE_COLOR);
/** How much of the class colour a region gets at the least and at full confidence. */
const TINT_AT_CHANCE = 0.1;
const TINT_AT_CERTAINTY = 0.62;
/** How far a pixel on a class border is darkened, so the boundary reads as a line. */
const BORDER_SHADE = 0.3;

/**
 * The classes a model predicts over the input plane, as a picture: each pixel takes the colour of its
 * most probable class, pale where the model is unsure (near chance) and stronger where it is confident,
 * with a thin dark line where the predicted class changes; training and validation points on top.
 * `predictProbabilities` maps an n×2 grid of inputs to n×classCount probabilities (e.g. model.predict).
 */
export function renderDecisionBoundary(
  predictProbabilities: (grid: Matrix) => Matrix,
  options: DecisionBoundaryOptions,
): RgbaImage {
  const width = options.width ?? DEFAULTS.width;
  const height = options.height ?? DEFAULTS.height;
  const image = createRgbaImage(width, height);
  const classCount = options.classCount;
  if (!Number.isInteger(classCount) || classCount < 1) {
    throw new ScratchnetError(
      'INVALID_OPTION',
      `classCount must be a positive integer, got ${classCount}`,
      'pass the number of classes the model predicts',
    );
  }
  for (const [name, points] of [
    ['train', options.train],
    ['validation', options.validation],
  ] as const) {
    if (points !== undefined) checkPoints(name, points, classCount);
  }
  const range =
    options.range ??
    dataRange([options.train?.inputs, options.validation?.inputs], { aspect: width / height });
  checkPlotRange(range);
  const grid = evaluateGrid(predictProbabilities, range, image, classCount, options);
  paintRegions(image, grid, classCount, options);
  const radius = options.pointRadius ?? Math.max(2.5, Math.min(width, height) / 140);
  if (options.train) drawPoints(image, range, options.train, (c) => trainingMarker(c, radius));
  if (options.validation) drawPoints(image, range, options.validation, (c) => validationMarker(c, radius));
  return image;
}

/** Class probabilities at grid nodes spaced `cellSize` pixels apart, at pixel centres. */
interface ProbabilityGrid {
  columns: number;
  rows: number;
  values: Float32Array;
}

function evaluateGrid(
  predict: (grid: Matrix) => Matrix,
  range: PlotRange,
  size: { width: number; height: number },
  classCount: number,
  options: DecisionBoundaryOptions,
): ProbabilityGrid {
  const cell = Math.max(1, Math.floor(options.cellSize ?? DEFAULTS.cellSize));
  const columns = Math.ceil((size.width - 1) / cell) + 1;
  const rows = Math.ceil((size.height - 1) / cell) + 1;
  const total = columns * rows;
  const values = new Float32Array(total * classCount);
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? DEFAULTS.batchSize));
  for (let start = 0; start < total; start += batchSize) {
    const count = Math.min(batchSize, total - start);
    const inputs = Matrix.zeros(count, 2);
    for (let k = 0; k < count; k++) {
      const node = start + k;
      const px = (node % columns) * cell + 0.5;
      const py = Math.floor(node / columns) * cell + 0.5;
      const [x, y] = pixelToData(range, size, px, py);
      inputs.data[2 * k] = x;
      inputs.data[2 * k + 1] = y;
    }
    const output = predict(inputs);
    copyProbabilities(output, count, classCount, values, start * classCount);
  }
  return { columns, rows, values };
}

/** Copies one batch of outputs; a single column with two classes is a sigmoid's P(class 1). */
function copyProbabilities(output: Matrix, count: number, classCount: number, out: Float32Array, at: number) {
  const sigmoid = classCount === 2 && output.cols === 1;
  if (output.rows !== count || (output.cols !== classCount && !sigmoid)) {
    throw new ScratchnetError(
      'SHAPE_MISMATCH',
      `predictProbabilities returned ${output.rows}x${output.cols} for ${count} grid points and ${classCount} classes`,
      `it must return one row per input row and ${classCount} columns (one probability per class)`,
    );
  }
  if (!sigmoid) {
    out.set(output.data.subarray(0, count * classCount), at);
    return;
  }
  for (let k = 0; k < count; k++) {
    out[at + 2 * k] = 1 - output.data[k];
    out[at + 2 * k + 1] = output.data[k];
  }
}

function paintRegions(
  image: RgbaImage,
  grid: ProbabilityGrid,
  classCount: number,
  options: Pick<DecisionBoundaryOptions, 'cellSize' | 'discrete'>,
) {
  const { width, height, data } = image;
  const cell = Math.max(1, Math.floor(options.cellSize ?? DEFAULTS.cellSize));
  const discrete = options.discrete === true;
  const colors = Array.from({ length: classCount }, (_, k) => classRgb(k));
  const winners = new Int32Array(width * height);
  const probabilities = new Float64Array(classCount);
  const chance = 1 / classCount;
  for (let j = 0; j < height; j++) {
    for (let i = 0; i < width; i++) {
      interpolate(grid, i / cell, j / cell, classCount, probabilities);
      let best = 0;
      for (let k = 1; k < classCount; k++) if (probabilities[k] > probabilities[best]) best = k;
      const confidence = classCount === 1 || discrete ? 1 : (probabilities[best] - chance) / (1 - chance);
      const tint = TINT_AT_CHANCE + (TINT_AT_CERTAINTY - TINT_AT_CHANCE) * clamp01(confidence);
      const offset = (j * width + i) * 4;
      for (let c = 0; c < 3; c++) data[offset + c] = WHITE[c] + (colors[best][c] - WHITE[c]) * tint;
      data[offset + 3] = 255;
      winners[j * width + i] = best;
    }
  }
  shadeBorders(image, winners);
}

/** Bilinear interpolation of the class probabilities at fractional grid position (u, v). */
function interpolate(grid: ProbabilityGrid, u: number, v: number, classCount: number, out: Float64Array) {
  const c0 = Math.min(Math.floor(u), grid.columns - 1);
  const r0 = Math.min(Math.floor(v), grid.rows - 1);
  const c1 = Math.min(c0 + 1, grid.columns - 1);
  const r1 = Math.min(r0 + 1, grid.rows - 1);
  const fu = u - c0;
  const fv = v - r0;
  const { values, columns } = grid;
  for (let k = 0; k < classCount; k++) {
    const top =
      values[(r0 * columns + c0) * classCount + k] * (1 - fu) +
      values[(r0 * columns + c1) * classCount + k] * fu;
    const bottom =
      values[(r1 * columns + c0) * classCount + k] * (1 - fu) +
      values[(r1 * columns + c1) * classCount + k] * fu;
    out[k] = top * (1 - fv) + bottom * fv;
  }
}

/** Darkens each pixel whose right or lower neighbour has another predicted class. */
function shadeBorders(image: RgbaImage, winners: Int32Array) {
  const { width, height, data } = image;
  for (let j = 0; j < height; j++) {
    for (let i = 0; i < width; i++) {
      const here = winners[j * width + i];
      const right = i + 1 < width && winners[j * width + i + 1] !== here;
      const below = j + 1 < height && winners[(j + 1) * width + i] !== here;
      if (!right && !below) continue;
      const offset = (j * width + i) * 4;
      for (let c = 0; c < 3; c++) data[offset + c] += (OUTLINE[c] - data[offset + c]) * BORDER_SHADE;
    }
  }
}

function drawPoints(
  image: RgbaImage,
  range: PlotRange,
  points: LabelledPoints,
  marker: (classIndex: number) => MarkerRing[],
) {
  const { data, cols, rows } = points.inputs;
  const markers = new Map<number, MarkerRing[]>();
  for (let r = 0; r < rows; r++) {
    const label = points.labels[r];
    let rings = markers.get(label);
    if (rings === undefined) {
      rings = marker(label);
      markers.set(label, rings);
    }
    const [px, py] = dataToPixel(range, image, data[r * cols], data[r * cols + 1]);
    drawMarker(image, px, py, rings);
  }
}

/** A filled dot in the class colour with a dark outline. */
function trainingMarker(classIndex: number, radius: number): MarkerRing[] {
  return [
    { radius, color: OUTLINE },
    { radius: radius - 1, color: classRgb(classIndex) },
  ];
}

/** A white dot inside a thick ring of the class colour, edged dark: unmistakably not a training point. */
function validationMarker(classIndex: number, radius: number): MarkerRing[] {
  const r = radius + 1;
  return [
    { radius: r, color: OUTLINE },
    { radius: r - 1, color: classRgb(classIndex) },
    { radius: r * 0.45, color: WHITE },
  ];
}

function checkPoints(name: string, points: LabelledPoints, classCount: number) {
  const { inputs, labels } = points;
  if (inputs.cols !== 2 || labels.length !== inputs.rows) {
    throw new ScratchnetError(
      'SHAPE_MISMATCH',
      `${name} points must be n×2 inputs with n labels, got ${inputs.rows}x${inputs.cols} inputs and ${labels.length} labels`,
      'a decision boundary is drawn over two input columns; pass one class label per row',
    );
  }
  for (let r = 0; r < labels.length; r++) {
    const label = labels[r];
    if (!Number.isInteger(label) || label < 0 || label >= classCount) {
      throw new ScratchnetError(
        'BAD_LABEL',
        `${name} label ${label} at row ${r} is not a class index in 0..${classCount - 1}`,
        'labels must be integer class indices below classCount',
      );
    }
  }
}

function clamp01(value: number): number {
  return value <= 0 ? 0 : value >= 1 ? 1 : value;
}
