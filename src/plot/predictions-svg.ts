import { Matrix } from '../tensor/matrix.ts';
import { SERIES_COLORS } from './palette.ts';
import { svgLineChart } from './svg-axes.ts';

export interface PredictionsSvgOptions {
  /** @default 'Data and model' */
  title?: string;
  /** @default 720 */
  width?: number;
  /** @default 420 */
  height?: number;
  /** Points at which the model's curve is evaluated. @default 400 */
  samples?: number;
}

const DEFAULTS = { title: 'Data and model', width: 720, height: 420, samples: 400 } as const;

/**
 * A 1-D regression as an SVG line chart: the data (x → y, one input and one output column) and the
 * model's curve over the same x range (the book's chapter-17 sine picture).
 */
export function renderPredictionsSvg(
  predict: (inputs: Matrix) => Matrix,
  data: { X: Matrix; y: Matrix },
  options: PredictionsSvgOptions = {},
): string {
  const samples = Math.max(2, Math.floor(options.samples ?? DEFAULTS.samples));
  const order = Array.from({ length: data.X.rows }, (_, i) => i).sort(
    (a, b) => data.X.data[a] - data.X.data[b],
  );
  const dataPoints = order.map((i) => [data.X.data[i], data.y.data[i * data.y.cols]] as const);
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (const [x] of dataPoints) {
    if (x < low) low = x;
    if (x > high) high = x;
  }
  if (!(low < high)) [low, high] = [low - 1, low + 1];
  const xs = new Float32Array(samples);
  for (let i = 0; i < samples; i++) xs[i] = low + ((high - low) * i) / (samples - 1);
  const predicted = predict(new Matrix(samples, 1, xs));
  const modelPoints = Array.from(xs, (x, i) => [x, predicted.data[i * predicted.cols]] as const);
  return svgLineChart({
    title: options.title ?? DEFAULTS.title,
    width: options.width ?? DEFAULTS.width,
    height: options.height ?? DEFAULTS.height,
    xLabel: 'x',
    yLabel: 'y',
    series: [
      { label: 'data', color: SERIES_COLORS.training, points: dataPoints, strokeWidth: 3 },
      { label: 'model', color: SERIES_COLORS.validation, points: modelPoints, dashed: true, strokeWidth: 2 },
    ],
  });
}
