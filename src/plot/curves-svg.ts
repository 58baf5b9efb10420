import type { HistoryData } from '../model/history.ts';
import { SERIES_COLORS } from './palette.ts';
import { escapeXml, type LineSeries, svgDocument, svgLineChartGroup } from './svg-axes.ts';

export interface TrainingCurvesOptions {
  /** Heading above the four panels. @default 'Training curves' */
  title?: string;
  /** Width of the whole picture in pixels (two panels side by side). @default 960 */
  width?: number;
}

type Point = readonly [number, number];

const DEFAULTS = { title: 'Training curves', width: 960 } as const;
const PANEL_HEIGHT = 300;
const HEADER_HEIGHT = 36;
/** Left and right margins of a panel, to turn its width into the number of pixel columns of its plot. */
const PANEL_MARGINS = 108;
const LOG_DECADES_SHOWN = 1e4;

/**
 * Four panels of a training history as one SVG: training vs validation data loss (the overfitting gap),
 * training vs validation accuracy, data loss vs regularization loss, and the learning rate.
 * Epochs without validation (NaN) are skipped; long runs are thinned per pixel column keeping each
 * column's minimum and maximum, so 10,000 epochs stay small and spikes stay visible.
 */
export function renderTrainingCurvesSvg(history: HistoryData, options: TrainingCurvesOptions = {}): string {
  const width = Math.max(320, Math.round(options.width ?? DEFAULTS.width));
  const title = options.title ?? DEFAULTS.title;
  const panelWidth = Math.floor(width / 2);
  const columns = Math.max(10, panelWidth - PANEL_MARGINS);
  const series = (label: string, color: string, values: readonly number[], dashed = false): LineSeries => ({
    label,
    color,
    dashed,
    points: downsampleMinMax(finitePoints(history.epoch, values), columns),
  });
  const present = (s: LineSeries) => s.points.length > 0;
  const epochs = history.epoch.length;
  const xDomain = epochs > 0 ? ([history.epoch[0], history.epoch[epochs - 1]] as const) : undefined;
  const common = { width: panelWidth, height: PANEL_HEIGHT, xLabel: 'epoch', xDomain, minMarginLeft: 80 };

  const panels = curvePanels(history, series, present, common, panelWidth);
  const heading = `<text x="16" y="24" font-size="17" font-weight="600" fill="#222222">${escapeXml(title)}</text>\n`;
  return svgDocument(panelWidth * 2, HEADER_HEIGHT + 2 * PANEL_HEIGHT, heading + panels.join(''), title);
}

type SeriesOf = (label: string, color: string, values: readonly number[], dashed?: boolean) => LineSeries;

interface PanelCommon {
  width: number;
  height: number;
  xLabel: string;
  xDomain: readonly [number, number] | undefined;
  minMarginLeft: number;
}

/** The four panels, left to right, top to bottom. */
function curvePanels(
  history: HistoryData,
  series: SeriesOf,
  present: (s: LineSeries) => boolean,
  common: PanelCommon,
  panelWidth: number,
): string[] {
  const lossSeries = [
    series('training', SERIES_COLORS.training, history.dataLoss),
    series('validation', SERIES_COLORS.validation, history.valDataLoss),
  ].filter(present);
  const accuracySeries = [
    series('training', SERIES_COLORS.training, history.accuracy),
    series('validation', SERIES_COLORS.validation, history.valAccuracy),
  ].filter(present);
  const partsSeries = [
    series('data loss', SERIES_COLORS.dataLoss, history.dataLoss),
    series('regularization loss', SERIES_COLORS.regularizationLoss, history.regularizationLoss, true),
  ].filter(present);
  const logParts = partsSeries.every((s) => s.points.every((p) => p[1] > 0)) && partsSeries.length > 0;
  const rateSeries = [series('learning rate', SERIES_COLORS.learningRate, history.learningRate)];

  return [
    svgLineChartGroup(
      { ...common, series: lossSeries, title: 'Data loss: training vs validation', yLabel: 'loss' },
      0,
      HEADER_HEIGHT,
    ),
    svgLineChartGroup(
      {
        ...common,
        series: accuracySeries,
        title: 'Accuracy: training vs validation',
        yLabel: 'accuracy',
        legend: 'bottom-right',
      },
      panelWidth,
      HEADER_HEIGHT,
    ),
    svgLineChartGroup(
      {
        ...common,
        series: partsSeries,
        title: 'Training loss: data vs regularization',
        yLabel: logParts ? 'loss (log scale)' : 'loss',
        yScale: logParts ? 'log' : 'linear',
        yDomain: logParts ? logDomain(partsSeries) : undefined,
        legend: logParts ? 'bottom-right' : 'top-right',
      },
      0,
      HEADER_HEIGHT + PANEL_HEIGHT,
    ),
    svgLineChartGroup(
      { ...common, series: rateSeries, title: 'Learning rate', yLabel: 'learning rate', legend: 'none' },
      panelWidth,
      HEADER_HEIGHT + PANEL_HEIGHT,
    ),
  ];
}

/**
 * At most four decades below the largest value: the regularization loss of the first epochs (freshly
 * initialised small weights) can be a million times smaller than later, and would squash the rest.
 */
function logDomain(series: readonly LineSeries[]): [number, number] {
  let low = Number.POSITIVE_INFINITY;
  let high = 0;
  for (const s of series) {
    for (const [, y] of s.points) {
      if (y < low) low = y;
      if (y > high) high = y;
    }
  }
  return [Math.max(low, high / LOG_DECADES_SHOWN), high];
}

/** (epoch, value) pairs where the value is finite (epochs without validation hold NaN). */
export function finitePoints(epochs: readonly number[], values: readonly number[]): Point[] {
  const out: Point[] = [];
  const n = Math.min(epochs.length, values.length);
  for (let i = 0; i < n; i++) {
    if (Number.isFinite(values[i]) && Number.isFinite(epochs[i])) out.push([epochs[i], values[i]]);
  }
  return out;
}

/**
 * Thins points (in x order) to at most two per column of `columns` equal slices of the x range: each
 * column's lowest and highest point, in their original order. A line through them covers the same
 * pixels as the full line, so a one-epoch spike survives. Returns the input when it is already short.
 */
export function downsampleMinMax(points: readonly Point[], columns: number): Point[] {
  if (points.length <= 2 * columns) return [...points];
  const x0 = points[0][0];
  const span = points[points.length - 1][0] - x0 || 1;
  const out: Point[] = [];
  let column = -1;
  let low: Point | null = null;
  let high: Point | null = null;
  let lowIndex = 0;
  let highIndex = 0;
  const flush = () => {
    if (low === null || high === null) return;
    if (lowIndex === highIndex) out.push(low);
    else if (lowIndex < highIndex) out.push(low, high);
    else out.push(high, low);
  };
  for (let i = 0; i < points.length; i++) {
    const point = points[i];
    const c = Math.min(columns - 1, Math.floor(((point[0] - x0) / span) * columns));
    if (c !== column) {
      flush();
      column = c;
      low = high = point;
      lowIndex = highIndex = i;
      continue;
    }
    if (low !== null && point[1] < low[1]) {
      low = point;
      lowIndex = i;
    }
    if (high !== null && point[1] > high[1]) {
      high = point;
      highIndex = i;
    }
  }
  flush();
  return out;
}
