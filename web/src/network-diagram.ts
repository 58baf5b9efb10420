// The network drawn as the TensorFlow Playground draws it: a column per layer, each neuron a small
// picture of its output over the plane, links coloured by the weight's sign and as thick as its
// size. Weights L1 has pulled to (near) zero are drawn dashed and grey; neurons the last training
// step's dropout silenced (for the first training point) are crossed out. Hover shows the numbers.
import type { Diagram } from './neuron-pictures.ts';
import { PICTURE_GRID } from './picture-grid.ts';

const HEIGHT = 330;
const MAX_SHOWN = 24;
/** |w| below this counts as dead: what the weight histograms count as "near zero" too. */
const DEAD = 0.01;
const NEGATIVE = [47, 111, 181];
const POSITIVE = [208, 101, 43];

interface Placed {
  x: number;
  y: number;
  size: number;
}

function column(n: number, x: number): Placed[] {
  const shown = Math.min(n, MAX_SHOWN);
  const size = Math.max(8, Math.min(30, Math.floor(HEIGHT / shown) - 3));
  const step = Math.min(size + 6, HEIGHT / shown);
  const top = (HEIGHT - step * shown) / 2 + (step - size) / 2;
  return Array.from({ length: shown }, (_, j) => ({ x, y: top + j * step, size }));
}

/** Orange for positive, blue for negative, as strong as |value| / scale. */
function paint(canvas: HTMLCanvasElement, values: Float32Array, offset: number, scale: number): void {
  const context = canvas.getContext('2d');
  if (context === null) return;
  const image = context.createImageData(PICTURE_GRID, PICTURE_GRID);
  for (let p = 0; p < PICTURE_GRID * PICTURE_GRID; p++) {
    const v = Math.max(-1, Math.min(1, values[offset + p] / scale));
    const color = v < 0 ? NEGATIVE : POSITIVE;
    const t = Math.abs(v);
    for (let k = 0; k < 3; k++) image.data[4 * p + k] = Math.round(255 + (color[k] - 255) * t);
    image.data[4 * p + 3] = 255;
  }
  context.putImageData(image, 0, 0);
}

/**
 * The pictures as the TensorFlow Playground's "discretize output" draws them: ±1 by which side of
 * its midpoint each value is (0 for most activations, 0.5 for a sigmoid); a softmax output is 1
 * where its class wins and 0 (white) elsewhere.
 */
function hardValues(values: Float32Array, activation: string, cells: number): Float32Array {
  if (activation !== 'softmax') {
    const middle = activation === 'sigmoid' ? 0.5 : 0;
    return values.map((v) => (v > middle ? 1 : v < middle ? -1 : 0));
  }
  const out = new Float32Array(values.length);
  for (let p = 0; p < cells; p++) {
    let best = p;
    for (let at = p + cells; at < values.length; at += cells) if (values[at] > values[best]) best = at;
    out[best] = 1;
  }
  return out;
}

function largest(values: Float32Array): number {
  let max = 0;
  for (const v of values) if (Math.abs(v) > max) max = Math.abs(v);
  return max > 0 ? max : 1;
}

const fmt = (v: number) => (Math.abs(v) >= 0.001 || v === 0 ? v.toFixed(3) : v.toExponential(1));

function neuronTitle(diagram: Diagram, l: number, j: number): string {
  const layer = diagram.layers[l];
  const from = l === 0 ? diagram.inputNames : Array.from({ length: layer.nIn }, (_, k) => `h${l}.${k + 1}`);
  const weights = from
    .slice(0, 16)
    .map((name, k) => `${name} ${fmt(layer.weights[k * layer.nOut + j])}`)
    .join(', ');
  const last = l === diagram.layers.length - 1;
  const silenced = layer.silenced?.[j] === 1 ? '\nsilenced by dropout in the last step' : '';
  return (
    `${last ? 'output' : `layer ${l + 1}`} neuron ${j + 1} (${layer.activation})\nbias ${fmt(layer.biases[j])}\n` +
    `weights in: ${weights}${from.length > 16 ? ', …' : ''}${silenced}`
  );
}

/**
 * Redraws the diagram into `host` (the canvases are kept while the network's shape stays);
 * `discrete` paints each picture by sign alone (the page's "discretize output").
 */
export function drawDiagram(host: HTMLElement, diagram: Diagram, discrete = false): void {
  const widths = [diagram.inputNames.length, ...diagram.layers.map((l) => l.nOut)];
  const shape = widths.join(',');
  const width = Math.max(host.clientWidth, 320);
  const gap = (width - 40) / Math.max(1, widths.length - 1);
  const columns = widths.map((n, c) => column(n, 20 + c * gap));
  if (host.dataset.shape !== shape) {
    host.replaceChildren();
    host.dataset.shape = shape;
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('width', String(width));
    svg.setAttribute('height', String(HEIGHT));
    host.append(svg);
    columns.forEach((placed, c) => {
      placed.forEach((p, j) => {
        const canvas = document.createElement('canvas');
        canvas.width = PICTURE_GRID;
        canvas.height = PICTURE_GRID;
        canvas.className = 'neuron';
        canvas.dataset.layer = String(c);
        canvas.dataset.neuron = String(j);
        canvas.style.left = `${p.x - p.size / 2}px`;
        canvas.style.top = `${p.y}px`;
        canvas.style.width = `${p.size}px`;
        canvas.style.height = `${p.size}px`;
        host.append(canvas);
      });
      if (widths[c] > MAX_SHOWN) {
        const more = document.createElement('span');
        more.className = 'more';
        more.textContent = `+${widths[c] - MAX_SHOWN}`;
        more.style.left = `${placed[0].x - 12}px`;
        host.append(more);
      }
    });
  }
  const canvases = host.querySelectorAll<HTMLCanvasElement>('canvas.neuron');
  let index = 0;
  const cells = PICTURE_GRID * PICTURE_GRID;
  const inputPictures = discrete ? hardValues(diagram.inputPictures, 'linear', cells) : diagram.inputPictures;
  const inputScale = largest(inputPictures);
  for (let j = 0; j < columns[0].length; j++) {
    const canvas = canvases[index++];
    paint(canvas, inputPictures, j * cells, inputScale);
    canvas.title = `input ${diagram.inputNames[j]}`;
  }
  diagram.layers.forEach((layer, l) => {
    const pictures = discrete ? hardValues(layer.pictures, layer.activation, cells) : layer.pictures;
    const scale = largest(pictures);
    for (let j = 0; j < columns[l + 1].length; j++) {
      const canvas = canvases[index++];
      paint(canvas, pictures, j * cells, scale);
      canvas.title = neuronTitle(diagram, l, j);
      canvas.classList.toggle('silenced', layer.silenced?.[j] === 1);
    }
  });
  drawLinks(host, diagram, columns);
}

function drawLinks(host: HTMLElement, diagram: Diagram, columns: Placed[][]): void {
  const svg = host.querySelector('svg');
  if (svg === null) return;
  const lines: string[] = [];
  let dead = 0;
  let total = 0;
  diagram.layers.forEach((layer, l) => {
    const max = largest(layer.weights);
    for (let k = 0; k < layer.nIn; k++) {
      for (let j = 0; j < layer.nOut; j++) {
        const w = layer.weights[k * layer.nOut + j];
        total++;
        if (Math.abs(w) < DEAD) dead++;
        const a = columns[l][k];
        const b = columns[l + 1][j];
        if (a === undefined || b === undefined) continue;
        const [x1, y1, x2, y2] = [a.x + a.size / 2, a.y + a.size / 2, b.x - b.size / 2, b.y + b.size / 2];
        const kind = Math.abs(w) < DEAD ? 'dead' : w < 0 ? 'negative' : 'positive';
        const strokeWidth = kind === 'dead' ? 0.8 : 0.4 + (3.6 * Math.abs(w)) / max;
        lines.push(
          `<line class="${kind}" x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" stroke-width="${strokeWidth.toFixed(2)}">` +
            `<title>weight ${fmt(w)}</title></line>`,
        );
      }
    }
  });
  svg.innerHTML = lines.join('');
  host.dataset.deadLinks = String(dead);
  host.dataset.links = String(total);
}
