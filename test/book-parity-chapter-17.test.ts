// The book's chapter-17 script (regression on sine data: Linear output, mean squared error, the
// regression accuracy) against our numpy reference of it (test/fixtures/reference/chapter17.py), run
// with the Model API (examples/regression.ts). The book's sine data are float64, so the loss, its
// gradient and the output layer's bias gradient are float64 while the rest is float32. The full run
// is 10,001 epochs of a 1-64-64-1 network on 1,000 points (about 40 s of CPU here); the tests take its
// first 2,001 (21 printed lines) and 1,001. Run whole once (2026-12-06): with numpy's sine values all
// 101 lines and every printed number identical; with sineData's Math.sin all 101 lines identical, the
// float64 data loss bit-identical at 8 of the 101 printed epochs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Matrix, sineData } from 'scratchnet';
import { regression } from '../examples/regression.ts';
import { linesFromHistory, type PrintedEpochs, readJson, readLog } from './book-parity.ts';

const reference = readJson('chapter-17.json');
const log = readLog('chapter-17.log');

/** The reference's first `n` printed epochs. */
function firstLines(n: number): PrintedEpochs {
  const printed: PrintedEpochs = reference.printed;
  return Object.fromEntries(
    Object.entries(printed).map(([key, values]) => [key, values.slice(0, n)]),
  ) as PrintedEpochs;
}

test('chapter 17 with numpy’s sine values: every printed line and number bit for bit (2,001 epochs)', () => {
  const { X } = sineData(1000, { dtype: 'float64' });
  const y = new Matrix(1000, 1, Float64Array.from(reference.y as number[]));
  const run = regression(2001, () => {}, { X, y });
  assert.deepEqual(linesFromHistory(run.history, firstLines(21), 0.005), log.slice(0, 21));
});

test('chapter 17 with sineData’s float64 Math.sin: the printed lines of 1,001 epochs identical', () => {
  // Math.sin differs from numpy's (glibc's) sin in the last bit for 29 of the 1,000 points, so the
  // float64 data loss differs in its last bits: the lines, not every bit, are compared
  const run = regression(1001, () => {});
  assert.deepEqual(linesFromHistory(run.history, firstLines(11), 0.005, false), log.slice(0, 11));
});
