import { escapeXml } from './svg-axes.ts';

export interface WeightHistogramOptions {
  /** Heading, e.g. the layer's name. @default 'weights' */
  title?: string;
  /** @default 300 */
  width?: number;
  /** @default 120 */
  height?: number;
  /** Bars across the range of the values that are not near zero. @default 24 */
  bins?: number;
  /**
   * Values with |w| below this are counted in their own bar, not in the bins: the book's L1 gradient
   * (a subgradient) leaves weights oscillating within about one step of zero rather than at zero.
   * (Adam at lr 0.05 keeps them within a few thousandths.) @default 0.01
   */
  nearZero?: number;
}

export interface WeightHistogram {
  /** Left edge of the first bin and width of every bin. */
  start: number;
  binWidth: number;
  counts: number[];
  /** |w| < nearZero, exact zeros included. */
  nearZero: number;
  exactZero: number;
  total: number;
}

const DEFAULTS = { title: 'weights', width: 300, height: 120, bins: 24, nearZero: 0.01 } as const;
const BAR_COLOR = '#5b7fb5';
const NEAR_ZERO_COLOR = '#d0652b';

/** Counts of the values per bin, with the near-zero and exactly-zero ones counted apart. */
export function weightHistogram(
  values: ArrayLike<number>,
  options: WeightHistogramOptions = {},
): WeightHistogram {
  const bins = Math.max(1, Math.floor(options.bins ?? DEFAULTS.bins));
  const nearZero = options.nearZero ?? DEFAULTS.nearZero;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let near = 0;
  let exact = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === 0) exact++;
    if (Math.abs(v) < nearZero) near++;
    else {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  if (min > max) [min, max] = [-nearZero, nearZero];
  const binWidth = max > min ? (max - min) / bins : 1;
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Math.abs(v) < nearZero) continue;
    counts[Math.min(bins - 1, Math.floor((v - min) / binWidth))]++;
  }
  return { start: min, binWidth, counts, nearZero: near, exactZero: exact, total: values.length };
}

/**
 * A histogram of one layer's weights as an SVG string: the bins of the values away from zero, and
 * beside them one bar, in another colour, for the weights within `nearZero` of zero, labelled with
 * how many are exactly zero. The counts are also in data- attributes, for tests and tools.
 */
export function renderWeightHistogramSvg(
  values: ArrayLike<number>,
  options: WeightHistogramOptions = {},
): string {
  const width = options.width ?? DEFAULTS.width;
  const height = options.height ?? DEFAULTS.height;
  const nearZero = options.nearZero ?? DEFAULTS.nearZero;
  const h = weightHistogram(values, options);
  const top = 18;
  const bottom = height - 16;
  const plotWidth = width - 70;
  const tallest = Math.max(1, h.nearZero, ...h.counts);
  const barWidth = plotWidth / h.counts.length;
  const scale = (count: number) => ((bottom - top) * count) / tallest;
  const bars = h.counts
    .map((count, i) => {
      const from = h.start + i * h.binWidth;
      const label = `${count} weights in [${from.toPrecision(3)}, ${(from + h.binWidth).toPrecision(3)})`;
      return `<rect x="${(i * barWidth).toFixed(1)}" y="${(bottom - scale(count)).toFixed(1)}" width="${Math.max(1, barWidth - 1).toFixed(1)}" height="${scale(count).toFixed(1)}" fill="${BAR_COLOR}"><title>${escapeXml(label)}</title></rect>`;
    })
    .join('');
  const zeroX = plotWidth + 14;
  const zeroLabel = `${h.nearZero} weights with |w| < ${nearZero}, ${h.exactZero} exactly 0`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" ` +
    `aria-label="${escapeXml(`${options.title ?? DEFAULTS.title}: ${h.total} weights, ${zeroLabel}`)}" ` +
    `data-total="${h.total}" data-near-zero="${h.nearZero}" data-exact-zero="${h.exactZero}">` +
    `<text x="0" y="12" font-size="12" font-weight="600">${escapeXml(options.title ?? DEFAULTS.title)}</text>` +
    `<text x="${width}" y="12" font-size="11" text-anchor="end" fill="${NEAR_ZERO_COLOR}">≈0: ${h.nearZero} (=0: ${h.exactZero}) of ${h.total}</text>` +
    bars +
    `<rect x="${zeroX}" y="${(bottom - scale(h.nearZero)).toFixed(1)}" width="${Math.max(8, barWidth * 2).toFixed(1)}" height="${scale(h.nearZero).toFixed(1)}" fill="${NEAR_ZERO_COLOR}"><title>${escapeXml(zeroLabel)}</title></rect>` +
    `<line x1="0" x2="${plotWidth}" y1="${bottom}" y2="${bottom}" stroke="#888"/>` +
    `<text x="0" y="${height - 3}" font-size="10" fill="#555">${h.start.toPrecision(2)}</text>` +
    `<text x="${plotWidth}" y="${height - 3}" font-size="10" fill="#555" text-anchor="end">${(h.start + h.binWidth * h.counts.length).toPrecision(2)}</text>` +
    `<text x="${zeroX}" y="${height - 3}" font-size="10" fill="${NEAR_ZERO_COLOR}">≈0</text>` +
    `</svg>`
  );
}
