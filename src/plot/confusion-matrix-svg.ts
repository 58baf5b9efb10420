import { escapeXml, svgDocument } from './svg-axes.ts';

const CELL = 44;
const TEXT = '#222222';

/**
 * A confusion matrix as an SVG picture: true classes down, predicted classes across, each cell shaded
 * by its share of its row (white to blue) and labelled with its count; the diagonal is outlined.
 */
export function confusionMatrixSvg(
  counts: readonly (readonly number[])[],
  names: readonly string[],
  title = 'Confusion matrix (test set)',
): string {
  const n = counts.length;
  const left = 12 + 7 * Math.max(...names.map((name) => name.length));
  const top = 40 + 7 * Math.max(...names.map((name) => name.length));
  const width = left + n * CELL + 20;
  const height = top + n * CELL + 40;
  const parts = [
    `<text x="${left}" y="20" font-size="14" font-weight="600" fill="${TEXT}">${escapeXml(title)}</text>`,
  ];
  for (let p = 0; p < n; p++) {
    const x = left + p * CELL + CELL / 2;
    parts.push(
      `<text transform="translate(${x + 4},${top - 6}) rotate(-60)" fill="${TEXT}">${escapeXml(names[p])}</text>`,
    );
  }
  for (let t = 0; t < n; t++) {
    const rowTotal = counts[t].reduce((a, b) => a + b, 0) || 1;
    const y = top + t * CELL;
    parts.push(
      `<text x="${left - 6}" y="${y + CELL / 2 + 4}" text-anchor="end" fill="${TEXT}">${escapeXml(names[t])}</text>`,
    );
    for (let p = 0; p < n; p++) {
      const share = counts[t][p] / rowTotal;
      const x = left + p * CELL;
      const stroke = t === p ? ` stroke="${TEXT}" stroke-width="1.5"` : ' stroke="#dddddd"';
      parts.push(
        `<rect x="${x}" y="${y}" width="${CELL}" height="${CELL}" fill="${shade(share)}"${stroke}/>`,
      );
      const ink = share > 0.5 ? '#ffffff' : TEXT;
      parts.push(
        `<text x="${x + CELL / 2}" y="${y + CELL / 2 + 4}" text-anchor="middle" fill="${ink}">${counts[t][p]}</text>`,
      );
    }
  }
  parts.push(
    `<text x="${left + (n * CELL) / 2}" y="${top + n * CELL + 26}" text-anchor="middle" fill="${TEXT}">rows: true class · columns: predicted class · shade: share of the row</text>`,
  );
  return svgDocument(
    width,
    height,
    `${parts.join('\n')}\n`,
    'Confusion matrix: true class against predicted class',
  );
}

/** White at 0, a deep blue (#08519c) at 1. */
function shade(share: number): string {
  const mix = (from: number, to: number) => Math.round(from + (to - from) * Math.sqrt(share));
  return `rgb(${mix(255, 8)},${mix(255, 81)},${mix(255, 156)})`;
}
