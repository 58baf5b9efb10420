import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { spiralData } from '../data/spiral.ts';
import { Matrix } from '../tensor/matrix.ts';
import { RandomState } from '../tensor/random.ts';
import { splitValidation } from './validation-split.ts';

function counts(labels: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let i = 0; i < labels.length; i++) out[labels[i]] = (out[labels[i]] ?? 0) + 1;
  return out;
}

test('data sorted by class (as `scratchnet data` writes them) give every class its share of validation rows', () => {
  // the bug: holding out the last 20% of a spiral sorted by class held out class 2 only
  const { X, y } = spiralData(100, 3, new RandomState(0));
  const split = splitValidation(X, y, 0.2, 0);
  assert.equal(split.kind, 'stratified');
  assert.deepEqual(counts(split.validation.y as Int32Array), [20, 20, 20]);
  assert.deepEqual(counts(split.train.y as Int32Array), [80, 80, 80]);
  assert.deepEqual(split.missingClasses, []);
});

test('the same seed holds out the same rows, another seed others; rows keep their order', () => {
  // row i holds the value i, so each part's values say which rows it took, and in what order
  const X = Matrix.fromRows(Array.from({ length: 150 }, (_, i) => [i]));
  const y = Int32Array.from({ length: 150 }, (_, i) => Math.floor(i / 50));
  const a = splitValidation(X, y, 0.3, 7);
  const b = splitValidation(X, y, 0.3, 7);
  const c = splitValidation(X, y, 0.3, 8);
  assert.deepEqual(a.validation.X.data, b.validation.X.data);
  assert.notDeepEqual(a.validation.X.data, c.validation.X.data);
  const train = Array.from(a.train.X.data);
  const held = Array.from(a.validation.X.data);
  assert.deepEqual(
    train,
    [...train].sort((p, q) => p - q),
  );
  assert.deepEqual(
    held,
    [...held].sort((p, q) => p - q),
  );
  assert.deepEqual(
    [...train, ...held].sort((p, q) => p - q),
    Array.from(X.data),
  );
  assert.deepEqual(counts(a.validation.y as Int32Array), [15, 15, 15]);
});

test('a class too small to hold a row out is named, and keeps its row for training', () => {
  const X = Matrix.fromRows([[1], [2], [3], [4], [5]]);
  const y = Int32Array.from([0, 0, 0, 0, 1]);
  const split = splitValidation(X, y, 0.25, 0);
  assert.deepEqual(split.missingClasses, [1]);
  // 5 − floor(5 · 0.75) = 2 rows held out, both of class 0 (its quota 1.6 rounds up; class 1 keeps its one row)
  assert.deepEqual(counts(split.train.y as Int32Array), [2, 1]);
  assert.deepEqual(Array.from(split.validation.y as Int32Array), [0, 0]);
});

test('regression targets: a seeded random share of n − floor(n·(1 − f)) rows, targets moving with their rows', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 2, max: 60 }),
      fc.constantFrom(0.1, 0.2, 0.5),
      fc.nat(1000),
      (n, f, seed) => {
        const X = Matrix.fromRows(Array.from({ length: n }, (_, i) => [i]));
        const y = Matrix.fromRows(Array.from({ length: n }, (_, i) => [10 * i]));
        const held = n - Math.floor(n * (1 - f));
        if (held === 0 || held === n) {
          assert.throws(
            () => splitValidation(X, y, f, seed),
            /leaves \d+ for training and \d+ for validation/,
          );
          return;
        }
        const split = splitValidation(X, y, f, seed);
        assert.equal(split.kind, 'random');
        assert.equal(split.validation.X.rows, held);
        const vy = split.validation.y as Matrix;
        for (let i = 0; i < held; i++) assert.equal(vy.data[i], 10 * split.validation.X.data[i]);
      },
    ),
    { seed: 4, numRuns: 100 },
  );
});

test('class labels: as many rows held out as Keras would, shared in proportion to the classes', () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 6 }),
      fc.constantFrom(0.1, 0.2, 0.25, 0.3, 0.5),
      fc.nat(1000),
      (sizes, f, seed) => {
        const y = Int32Array.from(sizes.flatMap((n, label) => Array<number>(n).fill(label)));
        const X = Matrix.fromRows(Array.from(y, (_, i) => [i]));
        const n = y.length;
        const total = n - Math.floor(n * (1 - f));
        const room = sizes.reduce((sum, size) => sum + size - 1, 0);
        if (total === 0 || room === 0) {
          assert.throws(
            () => splitValidation(X, y, f, seed),
            /leaves \d+ for training and \d+ for validation/,
          );
          return;
        }
        const split = splitValidation(X, y, f, seed);
        const held = counts(split.validation.y as Int32Array);
        assert.equal(split.validation.X.rows, Math.min(total, room));
        sizes.forEach((size, label) => {
          const h = held[label] ?? 0;
          assert.ok(h <= size - 1, `class ${label} keeps a training row`);
          // within one row of its proportional share, unless capped
          if (total <= room && size > 1)
            assert.ok(h >= Math.floor((size * total) / n) && h <= Math.ceil((size * total) / n));
        });
      },
    ),
    { seed: 6, numRuns: 200 },
  );
});
