// The picture of a regression over the plane (plane, multi-gaussian): the network's prediction as a
// heatmap, orange for positive and blue for negative as the diagram's neurons, white at 0 and full
// colour at ±1 (the targets' scale); training points as dots and validation points as rings, each
// filled with the colour of its target, so that a point that disagrees with the surface shows.
// (TensorFlow Playground uses the same two colours the other way round: orange for −1.) Discretized,
// each cell takes the full colour of its prediction's sign.
import { createRgbaImage, type RgbaImage } from '../../src/data/rgba-image.ts';
import { Matrix } from '../../src/index.ts';
import { drawMarker, type MarkerRing } from '../../src/plot/draw-marker.ts';
import { hexToRgb, OUTLINE_COLOR, type Rgb } from '../../src/plot/palette.ts';
import { dataToPixel, type PlotRange, pixelToData } from '../../src/plot/plot-range.ts';

const NEGATIVE: Rgb = [47, 111, 181];
const POSITIVE: Rgb = [208, 101, 43];
const OUTLINE = hexToRgb(OUTLINE_COLOR);
const WHITE: Rgb = [255, 255, 255];
/** The prediction is computed every CELL pixels and held across the cell. */
const CELL = 3;

/** A value's colour: white at 0, blending to orange at +1 and blue at −1 (clamped beyond). */
export function valueColor(value: number): Rgb {
  const v = Math.max(-1, Math.min(1, Number.isFinite(value) ? value : 0));
  const color = v < 0 ? NEGATIVE : POSITIVE;
  const t = Math.abs(v);
  const mix = (k: number) => Math.round(255 + (color[k] - 255) * t);
  return [mix(0), mix(1), mix(2)];
}

export interface SurfacePoints {
  X: Matrix;
  y: Matrix;
}

export function surfaceImage(
  predict: (grid: Matrix) => Matrix,
  range: PlotRange,
  size: number,
  train: SurfacePoints,
  validation: SurfacePoints | null,
  discretize = false,
): RgbaImage {
  const image = createRgbaImage(size, size);
  const box = { width: size, height: size };
  const columns = Math.ceil(size / CELL);
  const grid = Matrix.zeros(columns * columns, 2);
  for (let r = 0; r < columns; r++) {
    for (let c = 0; c < columns; c++) {
      const [x, y] = pixelToData(range, box, c * CELL + CELL / 2, r * CELL + CELL / 2);
      grid.data[2 * (r * columns + c)] = x;
      grid.data[2 * (r * columns + c) + 1] = y;
    }
  }
  const predicted = predict(grid).data;
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      const value = predicted[Math.floor(j / CELL) * columns + Math.floor(i / CELL)];
      // discretized as TensorFlow Playground does: the sign of the prediction, at full colour
      const color = valueColor(discretize ? Math.sign(value) : value);
      image.data.set([color[0], color[1], color[2], 255], 4 * (j * size + i));
    }
  }
  const radius = Math.max(2.5, size / 140);
  drawPoints(image, range, train, (color) => [
    { radius, color: OUTLINE },
    { radius: radius - 1, color },
  ]);
  if (validation !== null) {
    drawPoints(image, range, validation, (color) => [
      { radius: radius + 1, color: OUTLINE },
      { radius, color },
      { radius: (radius + 1) * 0.45, color: WHITE },
    ]);
  }
  return image;
}

function drawPoints(
  image: RgbaImage,
  range: PlotRange,
  points: SurfacePoints,
  marker: (color: Rgb) => MarkerRing[],
): void {
  const box = { width: image.width, height: image.height };
  for (let r = 0; r < points.X.rows; r++) {
    const [px, py] = dataToPixel(range, box, points.X.data[2 * r], points.X.data[2 * r + 1]);
    drawMarker(image, px, py, marker(valueColor(points.y.data[r])));
  }
}
