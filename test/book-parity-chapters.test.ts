// The book's chapter-14 and chapter-15 scripts against our numpy reference of them
// (test/fixtures/reference/): exact where numerics allow (data, initial weights, epoch 0, every
// printed learning rate), inside the bands of valid implementations for whole runs (float32 Adam
// training is chaotic: see ../shared/NUMPY-PARITY.md).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { Dense, Dropout, RandomState, spiralData } from 'scratchnet';
import { chapter14 } from '../examples/chapter-14.ts';
import { chapter15 } from '../examples/chapter-15.ts';

const reference = join(import.meta.dirname, 'fixtures/reference');
const readLog = (name: string) => readFileSync(join(reference, name), 'utf8').trim().split('\n');
const readJson = (name: string) => JSON.parse(readFileSync(join(reference, name), 'utf8'));

function sha256(array: Float32Array | Int32Array): string {
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
function compareLogs(ours: string[], theirs: string[]): number {
  assert.equal(ours.length, theirs.length, 'as many printed lines as the reference');
  assert.equal(ours[0], theirs[0], 'the epoch-0 line is identical');
  for (let i = 0; i < theirs.length - 1; i++) assert.equal(lrOf(ours[i]), lrOf(theirs[i]), `lr at line ${i}`);
  return ours.filter((line, i) => line === theirs[i]).length;
}

function within(name: string, value: number, low: number, high: number): void {
  assert.ok(value >= low && value <= high, `${name} ${value} outside [${low}, ${high}]`);
}

describe('chapter 14 (L1/L2 regularization)', () => {
  const init = readJson('chapter-14-init.json');

  test('seed 0 gives the book’s spiral data and initial weights, bit for bit', () => {
    const rng = new RandomState(0);
    const { X, y } = spiralData(100, 3, rng);
    assert.deepEqual(Array.from(X.data), init.data.X.flat());
    assert.deepEqual(Array.from(y), init.data.y);
    const dense1 = new Dense(2, 64, { rng });
    const dense2 = new Dense(64, 3, { rng });
    assert.deepEqual(Array.from(dense1.weights.data), init.initial['dense1.weights'].flat());
    assert.deepEqual(Array.from(dense2.weights.data), init.initial['dense2.weights'].flat());
    assert.ok(dense1.biases.data.every((b) => b === 0));
  });

  test('the whole run: epoch 0 and every lr exact, finals inside the bands', (t) => {
    const run = chapter14(10000, () => {});
    const identical = compareLogs(run.lines, readLog('chapter-14.log'));
    t.diagnostic(
      `identical lines: ${identical} of ${run.lines.length}; last: ${run.lines.at(-2)} | ${run.lines.at(-1)}`,
    );
    within('training accuracy', run.final.accuracy, 0.93, 0.96);
    within('validation accuracy', run.validation.accuracy, 0.81, 0.87);
    within('validation loss', run.validation.loss, 0.42, 0.55);
  });
});

describe('chapter 15 (dropout)', () => {
  const init = readJson('chapter-15-init.json');

  test('seed 0 gives the book’s data, weights and first dropout mask', () => {
    const rng = new RandomState(0);
    const { X, y } = spiralData(1000, 3, rng);
    assert.equal(sha256(X.data as Float32Array), init.data.XSha256F4);
    assert.equal(sha256(Int32Array.from(y)), init.data.ySha256I4);
    const dense1 = new Dense(2, 64, { rng });
    const dense2 = new Dense(64, 3, { rng });
    assert.deepEqual(Array.from(dense1.weights.data), init.initial['dense1.weights'].flat());
    assert.deepEqual(Array.from(dense2.weights.data), init.initial['dense2.weights'].flat());
    const dropout = new Dropout(0.1, { rng });
    dropout.forward(dense1.forward(X));
    assert.equal(sha256(dropout.mask), init.epoch0.dropoutMaskSha256I4);
    assert.equal(
      dropout.mask.reduce((a, b) => a + b, 0),
      init.epoch0.dropoutKeptCount,
    );
  });

  test('the whole run: epoch 0 and every lr exact, finals inside the bands', (t) => {
    const run = chapter15(10000, () => {});
    const identical = compareLogs(run.lines, readLog('chapter-15.log'));
    t.diagnostic(
      `identical lines: ${identical} of ${run.lines.length}; last: ${run.lines.at(-2)} | ${run.lines.at(-1)}`,
    );
    within('training accuracy', run.final.accuracy, 0.66, 0.72);
    within('validation accuracy', run.validation.accuracy, 0.72, 0.78);
  });
});
