import { type ScaleContinuousNumeric, scaleLinear, scaleLog } from 'd3-scale';
import { line } from 'd3-shape';

// Line charts as SVG text: d3-scale places the ticks, d3-shape writes the paths, and this file only
// lays out a frame around them. Pure (no DOM), so the CLI, the sweep and the playground share it.

export type ScaleKind = 'linear' | 'log';
export type LegendPosition = 'top-right' | 'top-left' | 'bottom-right' | 'bottom-left' | 'none';

export interface LineSeries {
  label: string;
  /** CSS colour of the line (and its markers). */
  color: string;
  /** [x, y] pairs in x order; a non-finite y (or y ≤ 0 on a log axis) breaks the line there. */
  points: readonly (readonly [number, number])[];
  /** Dashed line. @default false */
  dashed?: boolean;
  /** A small circle at every point. @default false */
  markers?: boolean;
  /** Stroke width in pixels. @default 1.75 */
  strokeWidth?: number;
}

export interface AxisTick {
  value: number;
  label: string;
}

export interface LineChartSpec {
  series: readonly LineSeries[];
  title?: string;
  xLabel?: string;
  yLabel?: string;
  /** @default 640 */
  width?: number;
  /** @default 400 */
  height?: number;
  /** @default 'linear' */
  xScale?: ScaleKind;
  /** @default 'linear' */
  yScale?: ScaleKind;
  /** Axis range; by default the extent of the finite points, rounded outwards to nice numbers. */
  xDomain?: readonly [number, number];
  yDomain?: readonly [number, number];
  /** Ticks to use instead of the scale's own (e.g. a categorical sweep axis). */
  xTicks?: readonly AxisTick[];
  yTicks?: readonly AxisTick[];
  /** @default 'top-right' */
  legend?: LegendPosition;
  /** Room left of the plot at least (panels stacked in a column line up when they share it). @default 0 */
  minMarginLeft?: number;
}

const DEFAULTS = { width: 640, height: 400, strokeWidth: 1.75 } as const;
const FONT = 'font-family="system-ui, -apple-system, \'Segoe UI\', Helvetica, Arial, sans-serif"';
const AXIS_COLOR = '#444444';
const GRID_COLOR = '#e6e6e6';
const TEXT_COLOR = '#222222';
/** Rough width of a character of the 12 px sans-serif text, to size margins and legends. */
const CHAR_WIDTH = 6.8;

/** A complete standalone SVG document holding one chart. */
export function svgLineChart(spec: LineChartSpec): string {
  const width = spec.width ?? DEFAULTS.width;
  const height = spec.height ?? DEFAULTS.height;
  return svgDocument(width, height, svgLineChartGroup(spec, 0, 0), spec.title ?? 'chart');
}

/**
 * Wraps chart groups into an SVG document with a white background. The title is what screen
 * readers announce and what a browser shows on hover, so it names the picture.
 */
export function svgDocument(width: number, height: number, body: string, title = 'chart'): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" width="${width}" height="${height}" ` +
    `viewBox="0 0 ${width} ${height}" ${FONT} font-size="12">\n<title>${escapeXml(title)}</title>\n` +
    `<rect width="${width}" height="${height}" fill="#ffffff"/>\n${body}</svg>\n`
  );
}

/** One chart as an SVG `<g>` at (left, top), for composing several panels into one document. */
export function svgLineChartGroup(spec: LineChartSpec, left: number, top: number): string {
  const width = spec.width ?? DEFAULTS.width;
  const height = spec.height ?? DEFAULTS.height;
  const margin = { top: spec.title ? 30 : 12, right: 28, bottom: spec.xLabel ? 44 : 28, left: 0 };
  const plotHeight = Math.max(10, height - margin.top - margin.bottom);
  const y = makeScale(spec.yScale, spec.yDomain ?? extent(spec.series, 1, spec.yScale), [plotHeight, 0]);
  const yTicks = ticksOf(y, spec.yTicks, Math.max(2, Math.round(plotHeight / 45)), spec.yScale);
  // The left margin fits the longest tick label, so the rotated axis label never overlaps it.
  const labelWidth = Math.max(0, ...yTicks.map((tick) => tick.label.length)) * CHAR_WIDTH;
  margin.left = Math.max(spec.minMarginLeft ?? 0, Math.round(labelWidth + (spec.yLabel ? 34 : 14)));
  const plotWidth = Math.max(10, width - margin.left - margin.right);
  const x = makeScale(spec.xScale, spec.xDomain ?? extent(spec.series, 0, spec.xScale), [0, plotWidth]);
  const xTicks = ticksOf(x, spec.xTicks, Math.max(2, Math.round(plotWidth / 90)), spec.xScale);
  const parts: string[] = [`<g transform="translate(${left},${top})">`];
  if (spec.title) {
    parts.push(
      `<text x="${margin.left}" y="18" font-size="14" font-weight="600" fill="${TEXT_COLOR}">${escapeXml(spec.title)}</text>`,
    );
  }
  parts.push(`<g transform="translate(${margin.left},${margin.top})">`);
  parts.push(xAxis(x, xTicks, spec.xLabel, plotWidth, plotHeight));
  parts.push(yAxis(y, yTicks, spec.yLabel, plotWidth, plotHeight, margin.left));
  parts.push(
    `<rect width="${plotWidth}" height="${plotHeight}" fill="none" stroke="${AXIS_COLOR}" stroke-width="1"/>`,
  );
  // Clip to the plot area, so a fixed domain (an accuracy axis from 0 to 1) never lets lines spill out.
  const clipId = `plot-clip-${Math.round(left)}-${Math.round(top)}`;
  parts.push(
    `<clipPath id="${clipId}"><rect width="${plotWidth}" height="${plotHeight}"/></clipPath>`,
    `<g clip-path="url(#${clipId})">`,
  );
  for (const series of spec.series) parts.push(seriesPath(series, x, y, spec.yScale === 'log'));
  parts.push('</g>');
  parts.push(legend(spec.series, spec.legend ?? 'top-right', plotWidth, plotHeight));
  parts.push('</g></g>\n');
  return parts.join('\n');
}

/** Escapes text for use inside SVG elements and attributes. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

type Scale = ScaleContinuousNumeric<number, number>;

function makeScale(kind: ScaleKind | undefined, domain: readonly [number, number], range: [number, number]) {
  const [low, high] = widen(domain, kind);
  const scale: Scale = kind === 'log' ? scaleLog() : scaleLinear();
  return scale.domain([low, high]).range(range).nice();
}

/** The extent of the usable values of one coordinate over all series. */
function extent(series: readonly LineSeries[], coordinate: 0 | 1, kind: ScaleKind | undefined) {
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (const s of series) {
    for (const point of s.points) {
      const value = point[coordinate];
      if (!usable(value, kind === 'log')) continue;
      if (value < low) low = value;
      if (value > high) high = value;
    }
  }
  return [low, high] as const;
}

/** An empty or zero-width domain would make a degenerate scale; give it some room. */
function widen(domain: readonly [number, number], kind: ScaleKind | undefined): [number, number] {
  const [low, high] = domain;
  if (!Number.isFinite(low) || !Number.isFinite(high)) return kind === 'log' ? [0.1, 1] : [0, 1];
  if (low < high) return [low, high];
  if (kind === 'log') return [low / 2, low * 2];
  const pad = low === 0 ? 1 : Math.abs(low) * 0.1;
  return [low - pad, high + pad];
}

function usable(value: number, log: boolean): boolean {
  return Number.isFinite(value) && (!log || value > 0);
}

function ticksOf(
  scale: Scale,
  custom: readonly AxisTick[] | undefined,
  count: number,
  kind: ScaleKind | undefined,
): AxisTick[] {
  if (custom) return [...custom];
  // Plain numbers ('~g': 0.0001, 1e-5), not d3's SI prefixes (100µ), which read as units.
  const format = kind === 'log' ? scale.tickFormat(count, '~g') : scale.tickFormat(count);
  return scale.ticks(count).map((value) => ({ value, label: format(value) }));
}

function xAxis(
  x: Scale,
  ticks: AxisTick[],
  label: string | undefined,
  plotWidth: number,
  plotHeight: number,
) {
  const out: string[] = [];
  for (const tick of ticks) {
    const px = round(x(tick.value));
    if (!(px >= -0.5 && px <= plotWidth + 0.5)) continue;
    out.push(`<line x1="${px}" x2="${px}" y2="${plotHeight}" stroke="${GRID_COLOR}"/>`);
    out.push(
      `<line x1="${px}" x2="${px}" y1="${plotHeight}" y2="${plotHeight + 5}" stroke="${AXIS_COLOR}"/>`,
    );
    if (tick.label) {
      out.push(
        `<text x="${px}" y="${plotHeight + 18}" text-anchor="middle" fill="${TEXT_COLOR}">${escapeXml(tick.label)}</text>`,
      );
    }
  }
  if (label) {
    out.push(
      `<text x="${round(plotWidth / 2)}" y="${plotHeight + 38}" text-anchor="middle" fill="${TEXT_COLOR}">${escapeXml(label)}</text>`,
    );
  }
  return out.join('\n');
}

function yAxis(
  y: Scale,
  ticks: AxisTick[],
  label: string | undefined,
  plotWidth: number,
  plotHeight: number,
  marginLeft: number,
) {
  const out: string[] = [];
  for (const tick of ticks) {
    const py = round(y(tick.value));
    if (!(py >= -0.5 && py <= plotHeight + 0.5)) continue;
    out.push(`<line x2="${plotWidth}" y1="${py}" y2="${py}" stroke="${GRID_COLOR}"/>`);
    out.push(`<line x1="-5" x2="0" y1="${py}" y2="${py}" stroke="${AXIS_COLOR}"/>`);
    if (tick.label) {
      out.push(
        `<text x="-8" y="${py}" dy="0.32em" text-anchor="end" fill="${TEXT_COLOR}">${escapeXml(tick.label)}</text>`,
      );
    }
  }
  if (label) {
    out.push(
      `<text transform="translate(${14 - marginLeft},${round(plotHeight / 2)}) rotate(-90)" text-anchor="middle" fill="${TEXT_COLOR}">${escapeXml(label)}</text>`,
    );
  }
  return out.join('\n');
}

function seriesPath(series: LineSeries, x: Scale, y: Scale, logY: boolean): string {
  const path = line<readonly [number, number]>()
    .defined((p) => Number.isFinite(p[0]) && usable(p[1], logY))
    .x((p) => x(p[0]))
    .y((p) => y(p[1]))
    .digits(1);
  const d = path(series.points) ?? '';
  const dash = series.dashed ? ' stroke-dasharray="6 4"' : '';
  const strokeWidth = series.strokeWidth ?? DEFAULTS.strokeWidth;
  const out = [
    `<path d="${d}" fill="none" stroke="${series.color}" stroke-width="${strokeWidth}" stroke-linejoin="round"${dash}><title>${escapeXml(series.label)}</title></path>`,
  ];
  if (series.markers) {
    for (const [px, py] of series.points) {
      if (!Number.isFinite(px) || !usable(py, logY)) continue;
      out.push(
        `<circle cx="${round(x(px))}" cy="${round(y(py))}" r="3.5" fill="${series.color}" stroke="#ffffff" stroke-width="1"/>`,
      );
    }
  }
  return out.join('\n');
}

function legend(
  series: readonly LineSeries[],
  position: LegendPosition,
  plotWidth: number,
  plotHeight: number,
) {
  if (position === 'none' || series.length === 0) return '';
  const rowHeight = 17;
  const longest = Math.max(...series.map((s) => s.label.length));
  const boxWidth = 40 + longest * CHAR_WIDTH;
  const boxHeight = series.length * rowHeight + 8;
  const left = position.endsWith('right') ? plotWidth - boxWidth - 8 : 8;
  const top = position.startsWith('top') ? 8 : plotHeight - boxHeight - 8;
  const out = [
    `<g transform="translate(${round(left)},${round(top)})">`,
    `<rect width="${round(boxWidth)}" height="${boxHeight}" fill="#ffffff" fill-opacity="0.85" stroke="#cccccc" rx="3"/>`,
  ];
  series.forEach((s, i) => {
    const cy = 4 + rowHeight * i + rowHeight / 2;
    const dash = s.dashed ? ' stroke-dasharray="6 4"' : '';
    out.push(
      `<line x1="8" x2="30" y1="${cy}" y2="${cy}" stroke="${s.color}" stroke-width="2.5"${dash}/>`,
      `<text x="36" y="${cy}" dy="0.32em" fill="${TEXT_COLOR}">${escapeXml(s.label)}</text>`,
    );
  });
  out.push('</g>');
  return out.join('\n');
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
