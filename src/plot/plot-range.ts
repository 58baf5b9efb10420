import { ScratchnetError } from '../errors/scratchnet-error.ts';
import type { Matrix } from '../tensor/matrix.ts';

/** The rectangle of the input plane a picture shows, in data units. */
export interface PlotRange {
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

export interface DataRangeOptions {
  /** Room added on each side, as a share of the data's extent. @default 0.1 */
  padding?: number;
  /**
   * Width / height of the picture: the shorter side of the range is widened (about its centre) so
   * that one data unit is as many pixels across as up, and circles in the data stay circles.
   * Omitted: no widening.
   */
  aspect?: number;
}

const DEFAULTS = { padding: 0.1 } as const;
const EMPTY_RANGE: PlotRange = { xMin: -1, xMax: 1, yMin: -1, yMax: 1 };

/**
 * The bounds of the first two columns of every given matrix, padded. Without any finite point,
 * [-1, 1] × [-1, 1]; a zero extent (one point, a vertical line) gets one unit of room.
 */
export function dataRange(
  inputs: readonly (Matrix | undefined)[],
  options: DataRangeOptions = {},
): PlotRange {
  let xMin = Number.POSITIVE_INFINITY;
  let xMax = Number.NEGATIVE_INFINITY;
  let yMin = Number.POSITIVE_INFINITY;
  let yMax = Number.NEGATIVE_INFINITY;
  for (const matrix of inputs) {
    if (matrix === undefined || matrix.cols < 2) continue;
    const { data, cols, rows } = matrix;
    for (let r = 0; r < rows; r++) {
      const x = data[r * cols];
      const y = data[r * cols + 1];
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      if (x < xMin) xMin = x;
      if (x > xMax) xMax = x;
      if (y < yMin) yMin = y;
      if (y > yMax) yMax = y;
    }
  }
  if (xMin > xMax) return { ...EMPTY_RANGE };
  const padding = options.padding ?? DEFAULTS.padding;
  let [x0, x1] = pad(xMin, xMax, padding);
  let [y0, y1] = pad(yMin, yMax, padding);
  const aspect = options.aspect;
  if (aspect !== undefined && Number.isFinite(aspect) && aspect > 0) {
    const width = x1 - x0;
    const height = y1 - y0;
    if (width / height < aspect) [x0, x1] = grow(x0, x1, height * aspect);
    else [y0, y1] = grow(y0, y1, width / aspect);
  }
  return { xMin: x0, xMax: x1, yMin: y0, yMax: y1 };
}

/** Data coordinates → pixel coordinates (0 at the left and top edges; y grows downwards in pixels). */
export function dataToPixel(
  range: PlotRange,
  size: { width: number; height: number },
  x: number,
  y: number,
): [number, number] {
  return [
    ((x - range.xMin) / (range.xMax - range.xMin)) * size.width,
    ((range.yMax - y) / (range.yMax - range.yMin)) * size.height,
  ];
}

/** Pixel coordinates → data coordinates: the inverse of dataToPixel (for clicks on a canvas). */
export function pixelToData(
  range: PlotRange,
  size: { width: number; height: number },
  px: number,
  py: number,
): [number, number] {
  return [
    range.xMin + (px / size.width) * (range.xMax - range.xMin),
    range.yMax - (py / size.height) * (range.yMax - range.yMin),
  ];
}

/** Throws INVALID_OPTION unless the range is finite with min < max on both axes. */
export function checkPlotRange(range: PlotRange): void {
  const { xMin, xMax, yMin, yMax } = range;
  const finite = [xMin, xMax, yMin, yMax].every(Number.isFinite);
  if (!finite || !(xMin < xMax) || !(yMin < yMax)) {
    throw new ScratchnetError(
      'INVALID_OPTION',
      `the plot range must have finite xMin < xMax and yMin < yMax, got x ${xMin}..${xMax}, y ${yMin}..${yMax}`,
      'omit the range to use the bounds of the data, padded by 10%',
    );
  }
}

function pad(low: number, high: number, share: number): [number, number] {
  const extent = high - low;
  const room = extent > 0 ? extent * share : 1;
  return [low - room, high + room];
}

function grow(low: number, high: number, extent: number): [number, number] {
  const centre = (low + high) / 2;
  return [centre - extent / 2, centre + extent / 2];
}
