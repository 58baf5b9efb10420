import { CLASS_COLORS } from './palette.ts';
import { type AxisTick, escapeXml, type LineSeries, svgDocument, svgLineChartGroup } from './svg-axes.ts';

/** One setting of a regularization sweep, averaged over its seeds. */
export interface SweepChartPoint {
  l2: number;
  l1: number;
  dropout: number;
  validationAccuracy: number;
  /** Training minus validation accuracy. */
  gap: number;
  /** Sample standard deviations over the seeds (null for one seed): drawn as error bars. */
  validationAccuracyStd?: number | null;
  gapStd?: number | null;
}

type Axis = 'l2' | 'l1' | 'dropout';
type Value = (p: SweepChartPoint) => readonly [mean: number, std: number | null | undefined];

interface Line {
  label: string;
  color: string;
  /** The line's points in strength order, each with its x on the chart (nudged apart from other lines). */
  points: { x: number; point: SweepChartPoint }[];
}

const AXIS_NAMES: Record<Axis, string> = { l2: 'L2', l1: 'L1', dropout: 'dropout' };
const PANEL = { width: 520, height: 380 } as const;
const LEGEND_ROW = 20;

/**
 * The picture of a sweep: validation accuracy (left) and the generalization gap (right) against the
 * regularization strength, one line per setting of the other axes, with ± one standard deviation over
 * the seeds as error bars. The strength is the first of L2, L1, dropout that takes more than one value;
 * penalties go on a log axis with 0 one decade left of the smallest penalty, so that "no
 * regularization" has its place.
 */
export function sweepChartSvg(points: readonly SweepChartPoint[]): string {
  const axis = strengthAxis(points);
  const place = placement(axis, points);
  const lines = linesOf(points, axis, place);
  const common = {
    width: PANEL.width,
    height: PANEL.height,
    xLabel: `${AXIS_NAMES[axis]}${axis === 'dropout' ? ' rate' : ' λ (hidden weights and biases)'}`,
    xDomain: place.domain,
    xTicks: place.ticks,
    legend: 'none' as const,
  };
  const accuracy: Value = (p) => [p.validationAccuracy, p.validationAccuracyStd];
  const gap: Value = (p) => [p.gap, p.gapStd];
  const left = svgLineChartGroup(
    { ...common, title: 'validation accuracy', yLabel: 'accuracy', series: seriesOf(lines, accuracy) },
    0,
    0,
  );
  const right = svgLineChartGroup(
    {
      ...common,
      title: 'generalization gap (train − validation accuracy)',
      yLabel: 'gap',
      series: seriesOf(lines, gap),
      yDomain: gapDomain(points),
    },
    PANEL.width,
    0,
  );
  const legendHeight = LEGEND_ROW * lines.length + 12;
  return svgDocument(
    PANEL.width * 2,
    PANEL.height + legendHeight,
    left + right + legend(lines, PANEL.height),
    'Regularization sweep: validation accuracy and generalization gap against the regularization strength',
  );
}

function strengthAxis(points: readonly SweepChartPoint[]): Axis {
  for (const axis of ['l2', 'l1', 'dropout'] as const) {
    if (new Set(points.map((p) => p[axis])).size > 1) return axis;
  }
  return 'l2';
}

/** One line per setting of the other axes that vary, nudged sideways so that error bars do not overlap. */
function linesOf(points: readonly SweepChartPoint[], axis: Axis, place: Placement): Line[] {
  const others = (['l2', 'l1', 'dropout'] as const).filter(
    (a) => a !== axis && new Set(points.map((p) => p[a])).size > 1,
  );
  const groups = new Map<string, SweepChartPoint[]>();
  for (const point of points) {
    const label = lineLabel(point, others);
    groups.set(label, [...(groups.get(label) ?? []), point]);
  }
  const span = place.domain[1] - place.domain[0];
  return [...groups].map(([label, members], i) => {
    const nudge = (i - (groups.size - 1) / 2) * 0.012 * span;
    return {
      label,
      color: CLASS_COLORS[i % CLASS_COLORS.length],
      points: [...members]
        .sort((a, b) => a[axis] - b[axis])
        .map((point) => ({ x: place.position(point[axis]) + nudge, point })),
    };
  });
}

/** Each line with markers, and an error bar (a two-point series) at each of its points. */
function seriesOf(lines: readonly Line[], value: Value): LineSeries[] {
  const series: LineSeries[] = [];
  for (const line of lines) {
    for (const { x, point } of line.points) {
      const [mean, std] = value(point);
      if (std === null || std === undefined || std === 0) continue;
      const bar = [[x, mean - std] as const, [x, mean + std] as const];
      series.push({ label: `${line.label} ± std`, color: line.color, points: bar, strokeWidth: 1.25 });
    }
    series.push({
      label: line.label,
      color: line.color,
      markers: true,
      points: line.points.map(({ x, point }) => [x, value(point)[0]] as const),
    });
  }
  return series;
}

/** The gap's axis always shows 0: no gap is the goal. */
function gapDomain(points: readonly SweepChartPoint[]): [number, number] {
  const ends = points.flatMap((p) => [p.gap - (p.gapStd ?? 0), p.gap + (p.gapStd ?? 0)]);
  return [Math.min(0, ...ends), Math.max(0, ...ends)];
}

function legend(lines: readonly Line[], top: number): string {
  const rows = lines.map((line, i) => {
    const y = top + 6 + LEGEND_ROW * i + LEGEND_ROW / 2;
    return (
      `<line x1="62" x2="90" y1="${y}" y2="${y}" stroke="${line.color}" stroke-width="2.5"/>` +
      `<circle cx="76" cy="${y}" r="3.5" fill="${line.color}" stroke="#ffffff"/>` +
      `<text x="98" y="${y}" dy="0.32em" fill="#222222">${escapeXml(line.label)}</text>`
    );
  });
  const note = `<text x="${PANEL.width + 62}" y="${top + 6 + LEGEND_ROW / 2}" dy="0.32em" fill="#555555">mean over the seeds; bars: ± 1 sample standard deviation</text>`;
  return `${rows.join('\n')}\n${note}\n`;
}

function lineLabel(point: SweepChartPoint, others: readonly Axis[]): string {
  if (others.length === 0) return 'mean over the seeds';
  return others
    .map((a) => (point[a] > 0 ? `${AXIS_NAMES[a]} ${tickLabel(point[a])}` : `no ${AXIS_NAMES[a]}`))
    .join(', ');
}

/** 0, 5e-4, 1e-3, 0.1: penalties as people write them. */
function tickLabel(value: number): string {
  return value === 0 || value >= 0.01 ? String(value) : value.toExponential();
}

interface Placement {
  position: (value: number) => number;
  domain: readonly [number, number];
  ticks: AxisTick[];
}

/** Where each strength sits on the x axis, and a tick at every swept value. */
function placement(axis: Axis, points: readonly SweepChartPoint[]): Placement {
  const values = [...new Set(points.map((p) => p[axis]))].sort((a, b) => a - b);
  const positive = values.filter((v) => v > 0);
  const logarithmic = axis !== 'dropout' && positive.length > 0;
  const zeroAt = logarithmic ? Math.log10(positive[0]) - 1 : 0;
  const position = (value: number) => (!logarithmic ? value : value > 0 ? Math.log10(value) : zeroAt);
  const at = values.map(position);
  const low = Math.min(...at);
  const high = Math.max(...at);
  const pad = high > low ? (high - low) * 0.08 : 0.5;
  return {
    position,
    domain: [low - pad, high + pad],
    ticks: values.map((value) => ({ value: position(value), label: tickLabel(value) })),
  };
}
