import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { ScratchnetError } from '../errors/scratchnet-error.ts';
import { RandomState } from '../tensor/random.ts';
import { classCounts, type ImageSet, limitPerClass, stratifiedSplit, toInputs } from './image-set.ts';

/** `perClass[c]` images of class c, image i's single pixel = i (so images are tellable apart). */
function set(perClass: number[]): ImageSet {
  const labels = Uint8Array.from(perClass.flatMap((n, c) => new Array<number>(n).fill(c)));
  const pixels = Uint8Array.from(labels, (_, i) => i);
  return { count: labels.length, rows: 1, cols: 1, pixels, labels };
}

describe('stratifiedSplit', () => {
  test('exact per-class counts, nothing lost or doubled, labels travel with their images', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 3, max: 30 }), { minLength: 1, maxLength: 6 }),
        fc.nat(1000),
        (perClass, seed) => {
          const data = set(perClass);
          const { train, test } = stratifiedSplit(data, perClass.length, new RandomState(seed), {
            testPerClass: 2,
          });
          assert.deepEqual(
            classCounts(test, perClass.length),
            perClass.map(() => 2),
          );
          assert.deepEqual(
            classCounts(train, perClass.length),
            perClass.map((n) => n - 2),
          );
          const all = [...train.pixels, ...test.pixels].sort((a, b) => a - b);
          assert.deepEqual(all, Array.from(data.pixels));
          for (const part of [train, test])
            for (const [i, p] of part.pixels.entries()) assert.equal(part.labels[i], data.labels[p]);
        },
      ),
      { seed: 6, numRuns: 50 },
    );
  });

  test('the same seed gives the same split, another seed another one', () => {
    const data = set([50, 50, 50]);
    const split = (seed: number) => stratifiedSplit(data, 3, new RandomState(seed), { testPerClass: 10 });
    assert.deepEqual(split(0), split(0));
    assert.notDeepEqual(split(0).test.pixels, split(1).test.pixels);
  });

  test('trainPerClass and limitPerClass keep that many of each class', () => {
    const { train } = stratifiedSplit(set([20, 30]), 2, new RandomState(0), {
      testPerClass: 5,
      trainPerClass: 4,
    });
    assert.deepEqual(classCounts(train, 2), [4, 4]);
    assert.deepEqual(classCounts(limitPerClass(set([5, 9, 1]), 3, 3), 3), [3, 3, 1]);
  });

  test('a class too small to hold out from, or a label beyond the classes, is refused', () => {
    assert.throws(
      () => stratifiedSplit(set([5, 2]), 2, new RandomState(0), { testPerClass: 2 }),
      ScratchnetError,
    );
    assert.throws(
      () => stratifiedSplit(set([5, 5, 5]), 2, new RandomState(0), { testPerClass: 1 }),
      /label 2/,
    );
  });
});

test('toInputs scales as the book: 0 → -1, 255 → 1, 51 → (51 − 127.5) / 127.5', () => {
  const data: ImageSet = {
    count: 1,
    rows: 1,
    cols: 3,
    pixels: Uint8Array.from([0, 255, 51]),
    labels: new Uint8Array(1),
  };
  assert.deepEqual(Array.from(toInputs(data).data), [-1, 1, Math.fround(-76.5 / 127.5)]);
});
