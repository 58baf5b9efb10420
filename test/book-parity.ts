// Helpers shared by the chapter-14 and chapter-15 parity tests.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatEpochLine } from 'scratchnet';

export const reference = join(import.meta.dirname, 'fixtures/reference');
export const readLog = (name: string) => readFileSync(join(reference, name), 'utf8').trim().split('\n');
export const readJson = (name: string) => JSON.parse(readFileSync(join(reference, name), 'utf8'));

export function sha256(array: Float32Array | Int32Array): string {
  const bytes = new Uint8Array(array.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < array.length; i++) {
    if (array instanceof Float32Array) view.setFloat32(i * 4, array[i], true);
    else view.setInt32(i * 4, array[i], true);
  }
  return createHash('sha256').update(bytes).digest('hex');
}

const lrOf = (line: string) => line.slice(line.indexOf('lr: '));

/** Lines of our run identical to the reference's, and the learning-rate strings all identical. */
export function compareLogs(ours: string[], theirs: string[]): number {
  assert.equal(ours.length, theirs.length, 'as many printed lines as the reference');
  assert.equal(ours[0], theirs[0], 'the epoch-0 line is identical');
  for (let i = 0; i < theirs.length - 1; i++) assert.equal(lrOf(ours[i]), lrOf(theirs[i]), `lr at line ${i}`);
  return ours.filter((line, i) => line === theirs[i]).length;
}

export function within(name: string, value: number, low: number, high: number): void {
  assert.ok(value >= low && value <= high, `${name} ${value} outside [${low}, ${high}]`);
}

/** What a reference script records at each printed epoch (before that epoch's update). */
export interface PrintedEpochs {
  epoch: number[];
  accuracy: number[];
  dataLoss: number[];
  regularizationLoss: number[];
  loss: number[];
  lr: number[];
}

/** The per-epoch columns of a Model's History (epoch k + 1 after its update = the script's epoch k). */
export interface HistoryColumns {
  accuracy: number[];
  dataLoss: number[];
  regularizationLoss: number[];
  loss: number[];
  learningRate: number[];
}

/**
 * The book's loop prints epoch k before its update, the Model reports epoch k + 1 after it: the
 * script's epoch-k numbers are the Model's history entry k, and the rate the script prints at epoch k
 * is the one update k used (history entry k − 1; the initial rate at epoch 0). Asserts every recorded
 * number bit for bit (unless `exact` is false) and returns the script's lines as the Model's numbers
 * print them.
 */
export function linesFromHistory(
  h: HistoryColumns,
  printed: PrintedEpochs,
  initialRate: number,
  exact = true,
): string[] {
  return printed.epoch.map((k, i) => {
    const learningRate = k === 0 ? initialRate : h.learningRate[k - 1];
    const what = `epoch ${k}`;
    if (!exact) return formatEpochLine({ ...rowOf(h, k), epoch: k, learningRate });
    assert.equal(h.dataLoss[k], printed.dataLoss[i], `${what}: data loss`);
    assert.equal(h.regularizationLoss[k], printed.regularizationLoss[i], `${what}: regularization loss`);
    assert.equal(h.loss[k], printed.loss[i], `${what}: loss`);
    assert.equal(h.accuracy[k], printed.accuracy[i], `${what}: accuracy`);
    assert.equal(learningRate, printed.lr[i], `${what}: learning rate`);
    return formatEpochLine({ ...rowOf(h, k), epoch: k, learningRate });
  });
}

function rowOf(h: HistoryColumns, k: number) {
  return {
    accuracy: h.accuracy[k],
    loss: h.loss[k],
    dataLoss: h.dataLoss[k],
    regularizationLoss: h.regularizationLoss[k],
  };
}
