import { Dense } from '../layers/dense.ts';
import { Dropout } from '../layers/dropout.ts';
import type { Layer } from '../layers/layer.ts';
import { kindTitle } from './layer-kind.ts';
import type { LayerStack } from './layer-stack.ts';
import type { Objective } from './objective.ts';

const HEADER = ['Layer', 'Kind', 'Output shape', 'Params', 'Regularizers', 'Dropout'];
/** Columns aligned right (the parameter count); the others align left. */
const RIGHT = new Set([3]);

/**
 * A Keras-like table of the finalized network, e.g. for the book's chapter-15 network:
 *
 * ```
 * Layer     Kind     Output shape  Params  Regularizers        Dropout
 * ------------------------------------------------------------------
 * dense1    Dense    (batch, 64)      192  L2w 5e-4, L2b 5e-4
 * ...
 * ```
 */
export function summarize(stack: LayerStack, objective: Partial<Objective>): string {
  const rows: string[][] = [];
  let width: number | null = null;
  let total = 0;
  for (const layer of stack.layers) {
    if (layer instanceof Dense) width = layer.nNeurons;
    const count = layer.parameters().reduce((sum, p) => sum + p.value.data.length, 0);
    total += count;
    const shape = width === null ? '(batch, ?)' : `(batch, ${width})`;
    const rate = layer instanceof Dropout ? String(layer.rate) : '';
    rows.push([layer.name, kindTitle(layer), shape, String(count), regularizers(layer), rate]);
  }
  const lines = table([HEADER, ...rows]);
  const rule = '-'.repeat(Math.max(...lines.map((line) => line.length)));
  const out = [lines[0], rule, ...lines.slice(1), rule, `Total params: ${total}`];
  const training = describeObjective(stack, objective);
  if (training !== '') out.push(training);
  return `${out.join('\n')}\n`;
}

/** 'L2w 5e-4, L2b 5e-4': the non-zero λs, weights before biases, L1 before L2 (the book's order). */
function regularizers(layer: Layer): string {
  if (!(layer instanceof Dense)) return '';
  const terms: [string, number][] = [
    ['L1w', layer.weightRegularizerL1],
    ['L2w', layer.weightRegularizerL2],
    ['L1b', layer.biasRegularizerL1],
    ['L2b', layer.biasRegularizerL2],
  ];
  return terms
    .filter(([, value]) => value > 0)
    .map(([label, value]) => `${label} ${shortNumber(value)}`)
    .join(', ');
}

/** 5e-4 rather than 0.0005; 0.05 and 0.02 stay as written. */
export function shortNumber(value: number): string {
  return value !== 0 && Math.abs(value) < 0.01 ? value.toExponential() : String(value);
}

function describeObjective(stack: LayerStack, objective: Partial<Objective>): string {
  const parts: string[] = [];
  if (objective.loss !== undefined) {
    const fused = objective.head?.fused ? ` (backward fused with ${stack.layers.at(-1)?.name})` : '';
    parts.push(`Loss: ${objective.loss.name}${fused}`);
  }
  const optimizer = objective.optimizer;
  if (optimizer !== undefined) {
    const decay = optimizer.decay ? `, decay ${shortNumber(optimizer.decay)}` : '';
    parts.push(`optimizer: ${optimizer.name} (learning rate ${shortNumber(optimizer.learningRate)}${decay})`);
  }
  if (objective.accuracy !== undefined) parts.push(`accuracy: ${objective.accuracy.name}`);
  return parts.join('; ');
}

function table(rows: readonly string[][]): string[] {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  return rows.map((row) =>
    row
      .map((cell, c) => (RIGHT.has(c) ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
      .join('  ')
      .trimEnd(),
  );
}
