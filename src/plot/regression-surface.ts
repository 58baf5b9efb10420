// The picture of a regression over the plane (plane, multi-gaussian): the network's prediction as a
// heatmap, orange for positive and blue for negative as the playground diagram's neurons, white at 0
// and full colour at ±1 (the targets' scale); training points as dots and validation points as rings,
// each filled with the colour of its target, so that a point that disagrees with the surface shows.
// (TensorFlow Playground uses the same two colours the other way round: orange for −1.) Discretized,
// each cell takes the full colour of its prediction's sign. The playground and `scratchnet train` /
// `scratchnet plot` (surface.png) both draw it here.
import { createRgbaImage, type RgbaImage } from '../data/rgba-image.ts';
import { ScratchnetError } from '../errors/scratchnet-error.ts';
import { Matrix } from '../tensor/matrix.ts';
import { drawMarker, type MarkerRing } from './draw-marker.ts';
import { hexToRgb, OUTLINE_COLOR, type Rgb } from './palette.ts';
import { checkPlotRange, dataRange, dataToPixel, type PlotRange, pixelToData } from './plot-range.ts';

/** Points with a value each: inputs n×2, targets n×1. */
export interface SurfacePoints {
  X: Matrix;
  y: Matrix;
}

export interface RegressionSurfaceOptions {
  /** @default 512 */
  width?: number;
  /** @default 512 */
  height?: number;
  /** The part of the input plane shown. @default the bounds of train and validation, padded 10%, square units */
  range?: PlotRange;
  /** Drawn as dots filled with their target's colour, dark outline. */
  train?: SurfacePoints | null;
  /** Drawn as rings in their target's colour with a white centre, over the training points. */
  validation?: SurfacePoints | null;
  /**
   * The model is evaluated at the centre of each `cellSize` × `cellSize` block of pixels and the
   * block takes that colour: 1 evaluates every pixel; the playground uses 3. @default 1
   */
  cellSize?: number;
  /**
   * Each cell the full colour of its prediction's side of 0, a prediction of 0 counting as positive
   * (TensorFlow Playground's "discretize output", and the sine curve's rule). @default false
   */
  discrete?: boolean;
  /** Rows per call of `predict`. @default 4096 */
  batchSize?: number;
}

const DEFAULTS = { width: 512, height: 512, cellSize: 1, batchSize: 4096 } as const;
const NEGATIVE: Rgb = [47, 111, 181];
const POSITIVE: Rgb = [208, 101, 43];
const OUTLINE = hexToRgb(OUTLINE_COLOR);
const WHITE: Rgb = [255, 255, 255];

/** A value's colour: white at 0, blending to orange at +1 and blue at −1 (clamped beyond; white if not finite). */
export function valueColor(value: number): Rgb {
  const v = Math.max(-1, Math.min(1, Number.isFinite(value) ? value : 0));
  const color = v < 0 ? NEGATIVE : POSITIVE;
  const t = Math.abs(v);
  const mix = (k: number) => Math.round(255 + (color[k] - 255) * t);
  return [mix(0), mix(1), mix(2)];
}

/**
 * A one-output model's prediction over the input plane, as a picture. `predict` maps an n×2 grid of
 * inputs to an n×1 matrix of predictions (e.g. model.predict).
 */
export function renderRegressionSurface(
  predict: (grid: Matrix) => Matrix,
  options: RegressionSurfaceOptions = {},
): RgbaImage {
  const width = options.width ?? DEFAULTS.width;
  const height = options.height ?? DEFAULTS.height;
  const train = options.train ?? null;
  const validation = options.validation ?? null;
  if (train !== null) checkPoints('train', train);
  if (validation !== null) checkPoints('validation', validation);
  const range = options.range ?? dataRange([train?.X, validation?.X], { aspect: width / height });
  checkPlotRange(range);
  const image = createRgbaImage(width, height);
  const cell = Math.max(1, Math.floor(options.cellSize ?? DEFAULTS.cellSize));
  const columns = Math.ceil(width / cell);
  const predicted = evaluateCells(predict, range, image, cell, options.batchSize);
  const discrete = options.discrete === true;
  for (let j = 0; j < height; j++) {
    for (let i = 0; i < width; i++) {
      const value = predicted[Math.floor(j / cell) * columns + Math.floor(i / cell)];
      const color = valueColor(discrete ? discreteValue(value) : value);
      image.data.set([color[0], color[1], color[2], 255], 4 * (j * width + i));
    }
  }
  const radius = Math.max(2.5, Math.min(width, height) / 140);
  if (train !== null) {
    drawPoints(image, range, train, (color) => [
      { radius, color: OUTLINE },
      { radius: radius - 1, color },
    ]);
  }
  if (validation !== null) {
    drawPoints(image, range, validation, (color) => [
      { radius: radius + 1, color: OUTLINE },
      { radius, color },
      { radius: (radius + 1) * 0.45, color: WHITE },
    ]);
  }
  return image;
}

/** The prediction at the centre of every cell, row by row. */
function evaluateCells(
  predict: (grid: Matrix) => Matrix,
  range: PlotRange,
  box: { width: number; height: number },
  cell: number,
  batch: number | undefined,
): Float32Array {
  const columns = Math.ceil(box.width / cell);
  const total = columns * Math.ceil(box.height / cell);
  const values = new Float32Array(total);
  const batchSize = Math.max(1, Math.floor(batch ?? DEFAULTS.batchSize));
  for (let start = 0; start < total; start += batchSize) {
    const count = Math.min(batchSize, total - start);
    const grid = Matrix.zeros(count, 2);
    for (let k = 0; k < count; k++) {
      const r = Math.floor((start + k) / columns);
      const c = (start + k) % columns;
      const [x, y] = pixelToData(range, box, c * cell + cell / 2, r * cell + cell / 2);
      grid.data[2 * k] = x;
      grid.data[2 * k + 1] = y;
    }
    const output = predict(grid);
    if (output.rows !== count || output.cols !== 1) {
      throw new ScratchnetError(
        'SHAPE_MISMATCH',
        `predict returned ${output.rows}x${output.cols} for ${count} grid points`,
        'a regression surface is drawn for a model with one output: one row per input row, one column',
      );
    }
    values.set(output.data.subarray(0, count), start);
  }
  return values;
}

function drawPoints(
  image: RgbaImage,
  range: PlotRange,
  points: SurfacePoints,
  marker: (color: Rgb) => MarkerRing[],
): void {
  const { data, cols } = points.X;
  for (let r = 0; r < points.X.rows; r++) {
    const [px, py] = dataToPixel(range, image, data[r * cols], data[r * cols + 1]);
    drawMarker(image, px, py, marker(valueColor(points.y.data[r])));
  }
}

function checkPoints(name: string, points: SurfacePoints): void {
  const { X, y } = points;
  if (X.cols !== 2 || y.cols !== 1 || y.rows !== X.rows) {
    throw new ScratchnetError(
      'SHAPE_MISMATCH',
      `${name} points must be n×2 inputs with n×1 targets, got ${X.rows}x${X.cols} inputs and ${y.rows}x${y.cols} targets`,
      'a regression surface is drawn over two input columns with one target value per row',
    );
  }
}

/** A discretized prediction: +1 at or above 0, -1 below (NaN counts as neither and stays white). */
export function discreteValue(value: number): number {
  if (Number.isNaN(value)) return 0;
  return value >= 0 ? 1 : -1;
}
