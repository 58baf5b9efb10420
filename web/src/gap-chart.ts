// The comparison's chart: the train − validation accuracy gap of both networks over the epochs.
const WIDTH = 360;
const HEIGHT = 170;
const PAD = { left: 40, right: 10, top: 22, bottom: 24 };
const MAX_POINTS = 300;

function path(gaps: readonly number[], top: number, epochs: number): string {
  const step = Math.max(1, Math.ceil(gaps.length / MAX_POINTS));
  const w = WIDTH - PAD.left - PAD.right;
  const h = HEIGHT - PAD.top - PAD.bottom;
  const points: string[] = [];
  for (let i = 0; i < gaps.length; i += step) {
    const g = gaps[i];
    if (!Number.isFinite(g)) continue;
    const x = PAD.left + (w * (i + 1)) / Math.max(1, epochs);
    const y = PAD.top + h * (1 - Math.max(0, Math.min(1, g / top)));
    points.push(`${x.toFixed(1)},${y.toFixed(1)}`);
  }
  return points.join(' ');
}

export function renderGapChartSvg(withRegularization: readonly number[], without: readonly number[]): string {
  const all = [...withRegularization, ...without].filter(Number.isFinite);
  const top = Math.max(0.05, ...all.map((g) => Math.ceil(g * 20) / 20));
  const epochs = Math.max(withRegularization.length, without.length, 1);
  const last = (gaps: readonly number[]) => gaps.at(-1) ?? Number.NaN;
  const fmt = (g: number) => (Number.isFinite(g) ? g.toFixed(3) : '–');
  const bottom = HEIGHT - PAD.bottom;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" ` +
    `role="img" aria-label="train minus validation accuracy, with and without regularization" ` +
    `data-gap-with="${last(withRegularization)}" data-gap-without="${last(without)}">` +
    `<text x="${PAD.left}" y="14" font-size="12" font-weight="600">train − validation accuracy</text>` +
    `<line x1="${PAD.left}" y1="${bottom}" x2="${WIDTH - PAD.right}" y2="${bottom}" stroke="#999"/>` +
    `<line x1="${PAD.left}" y1="${PAD.top}" x2="${PAD.left}" y2="${bottom}" stroke="#999"/>` +
    `<text x="${PAD.left - 4}" y="${PAD.top + 4}" font-size="10" text-anchor="end">${top.toFixed(2)}</text>` +
    `<text x="${PAD.left - 4}" y="${bottom}" font-size="10" text-anchor="end">0</text>` +
    `<text x="${WIDTH - PAD.right}" y="${HEIGHT - 6}" font-size="10" text-anchor="end">epoch ${epochs}</text>` +
    `<polyline fill="none" stroke="#2f6fb5" stroke-width="2" points="${path(withRegularization, top, epochs)}"/>` +
    `<polyline fill="none" stroke="#d0652b" stroke-width="2" points="${path(without, top, epochs)}"/>` +
    `<text x="${PAD.left + 6}" y="${PAD.top + 14}" font-size="11" fill="#2f6fb5">with regularization: ${fmt(last(withRegularization))}</text>` +
    `<text x="${PAD.left + 6}" y="${PAD.top + 28}" font-size="11" fill="#d0652b">without: ${fmt(last(without))}</text>` +
    '</svg>'
  );
}
