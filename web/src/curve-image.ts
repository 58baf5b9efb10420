// The regression picture: the sine data's points and the network's prediction as a curve over x.
import { createRgbaImage, type RgbaImage } from '../../src/data/rgba-image.ts';
import { Matrix, type Model } from '../../src/index.ts';
import type { PlotRange } from '../../src/plot/plot-range.ts';
import { discreteValue } from '../../src/plot/regression-surface.ts';

/** x from 0 to 1 (the book's sine data), y with room above and below sin. */
export const CURVE_RANGE: PlotRange = { xMin: 0, xMax: 1, yMin: -1.3, yMax: 1.3 };

const GRID = [200, 205, 212];
const TRAIN = [47, 111, 181];
const VALIDATION = [34, 34, 34];
const PREDICTION = [208, 101, 43];

/**
 * Training points as blue dots, validation points (null: hidden) as dark rings, the prediction as an
 * orange curve; `discretize` draws the prediction's sign (±1) instead, the TensorFlow Playground's
 * "discretize output" of a regression, which thresholds the output at 0.
 */
export function curveImage(
  train: { X: Matrix; y: Matrix },
  validation: { X: Matrix; y: Matrix } | null,
  model: Model,
  options: { size: number; discretize: boolean },
): RgbaImage {
  const { size } = options;
  const image = createRgbaImage(size, size);
  image.data.fill(255);
  const put = (px: number, py: number, rgb: readonly number[]) => {
    if (px < 0 || py < 0 || px >= size || py >= size) return;
    const at = 4 * (Math.round(py) * size + Math.round(px));
    image.data.set(rgb, at);
  };
  const { xMin, xMax, yMin, yMax } = CURVE_RANGE;
  const toX = (x: number) => ((x - xMin) / (xMax - xMin)) * (size - 1);
  const toY = (v: number) => ((yMax - v) / (yMax - yMin)) * (size - 1);
  for (let px = 0; px < size; px++) put(px, toY(0), GRID);
  for (let i = 0; i < train.X.rows; i++) {
    for (const [dx, dy] of [
      [0, 0],
      [1, 0],
      [0, 1],
      [1, 1],
    ])
      put(toX(train.X.data[i]) + dx, toY(train.y.data[i]) + dy, TRAIN);
  }
  const grid = new Matrix(
    size,
    1,
    Float32Array.from({ length: size }, (_, px) => xMin + (px / (size - 1)) * (xMax - xMin)),
  );
  const raw = model.predict(grid).data;
  const predicted = options.discretize ? raw.map(discreteValue) : raw;
  for (let px = 0; px < size; px++) {
    const from = toY(predicted[Math.max(0, px - 1)]);
    const to = toY(predicted[px]);
    const [low, high] = from < to ? [from, to] : [to, from];
    for (let py = Math.floor(low) - 1; py <= Math.ceil(high) + 1; py++)
      put(px, Math.max(0, Math.min(size - 1, py)), PREDICTION);
  }
  // on top: a ring of radius 3 around each validation point
  for (let i = 0; validation !== null && i < validation.X.rows; i++) {
    const cx = toX(validation.X.data[i]);
    const cy = toY(validation.y.data[i]);
    for (let a = 0; a < 16; a++)
      put(cx + 3 * Math.cos((a * Math.PI) / 8), cy + 3 * Math.sin((a * Math.PI) / 8), VALIDATION);
  }
  return image;
}
