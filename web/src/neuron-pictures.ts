// What the network diagram shows: every neuron's output over the plane, on a small grid, and each
// Dense layer's weights and biases. Computed apart from the model's own layers (in float64, from a
// copy of the weights), so that drawing never touches a buffer that training reads: the page's
// numbers stay the library's, bit for bit.
import { Dense, Dropout, LeakyReLU, type Model, ReLU, Sigmoid, Softmax, Tanh } from '../../src/index.ts';
import type { PlotRange } from '../../src/plot/plot-range.ts';
import { PICTURE_GRID } from './picture-grid.ts';

export interface DiagramLayer {
  nIn: number;
  nOut: number;
  /** Row-major [nIn, nOut], as Dense stores them. */
  weights: Float32Array;
  biases: Float32Array;
  /** nOut pictures of PICTURE_GRID² values each, row by row from the top of the plane. */
  pictures: Float32Array;
  /** 1 for each neuron the last training step's dropout silenced for the first training point. */
  silenced: Uint8Array | null;
  /** 'softmax' for the output layer of a classifier; else the hidden activation's name. */
  activation: string;
}

export interface Diagram {
  inputNames: string[];
  /** The inputs' own pictures: each input column over the plane. */
  inputPictures: Float32Array;
  layers: DiagramLayer[];
}

/**
 * The plane's grid points, passed through `features` (the identity for plain x1, x2): one row per
 * point, PICTURE_GRID² rows.
 */
function gridInputs(range: PlotRange, features: (x: number, y: number) => number[]): number[][] {
  const rows: number[][] = [];
  for (let r = 0; r < PICTURE_GRID; r++) {
    const y = range.yMax - ((r + 0.5) / PICTURE_GRID) * (range.yMax - range.yMin);
    for (let c = 0; c < PICTURE_GRID; c++) {
      const x = range.xMin + ((c + 0.5) / PICTURE_GRID) * (range.xMax - range.xMin);
      rows.push(features(x, y));
    }
  }
  return rows;
}

function activate(layer: unknown, values: number[]): void {
  if (layer instanceof ReLU) for (let i = 0; i < values.length; i++) values[i] = Math.max(0, values[i]);
  else if (layer instanceof LeakyReLU)
    for (let i = 0; i < values.length; i++) values[i] = values[i] < 0 ? layer.alpha * values[i] : values[i];
  else if (layer instanceof Sigmoid)
    for (let i = 0; i < values.length; i++) values[i] = 1 / (1 + Math.exp(-values[i]));
  else if (layer instanceof Tanh) for (let i = 0; i < values.length; i++) values[i] = Math.tanh(values[i]);
  else if (layer instanceof Softmax) {
    const max = Math.max(...values);
    let sum = 0;
    for (let i = 0; i < values.length; i++) {
      values[i] = Math.exp(values[i] - max);
      sum += values[i];
    }
    for (let i = 0; i < values.length; i++) values[i] /= sum;
  }
}

/** Transposes point-major rows into neuron-major pictures. */
function pictures(rows: readonly number[][], width: number): Float32Array {
  const out = new Float32Array(width * rows.length);
  rows.forEach((row, p) => {
    for (let j = 0; j < width; j++) out[j * rows.length + p] = row[j];
  });
  return out;
}

export function networkDiagram(
  model: Model,
  range: PlotRange,
  inputNames: string[],
  features: (x: number, y: number) => number[],
): Diagram {
  let rows = gridInputs(range, features);
  const inputPictures = pictures(rows, inputNames.length);
  const layers: DiagramLayer[] = [];
  const stack = model.layers;
  for (let i = 0; i < stack.length; i++) {
    const dense = stack[i];
    if (!(dense instanceof Dense)) continue;
    const { nInputs: nIn, nNeurons: nOut } = dense;
    const w = dense.weights.data;
    const b = dense.biases.data;
    const activation = stack[i + 1];
    rows = rows.map((x) => {
      const out = Array.from(b);
      for (let k = 0; k < nIn; k++) for (let j = 0; j < nOut; j++) out[j] += x[k] * w[k * nOut + j];
      activate(activation, out);
      return out;
    });
    const dropout = stack[i + 2];
    const mask = dropout instanceof Dropout ? dropout.mask : null;
    layers.push({
      nIn,
      nOut,
      weights: Float32Array.from(w),
      biases: Float32Array.from(b),
      pictures: pictures(rows, nOut),
      silenced:
        mask !== null && mask.length >= nOut
          ? Uint8Array.from(mask.subarray(0, nOut), (m) => (m === 0 ? 1 : 0))
          : null,
      activation: activation?.name.replace(/\d+$/, '') ?? 'linear',
    });
  }
  return { inputNames, inputPictures, layers };
}
