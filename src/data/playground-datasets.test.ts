import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { ScratchnetError } from '../errors/scratchnet-error.ts';
import { RandomState } from '../tensor/random.ts';
import { circleData } from './circle.ts';
import { gaussianData } from './gaussian.ts';
import { xorData } from './xor.ts';

const GENERATORS = { circleData, xorData, gaussianData };

test('each playground data set is seeded: the same seed gives the same points, another seed others', () => {
  for (const make of Object.values(GENERATORS)) {
    const a = make(50, 3, new RandomState(7));
    const b = make(50, 3, new RandomState(7));
    const c = make(50, 3, new RandomState(8));
    assert.deepEqual(a.X.data, b.X.data);
    assert.notDeepEqual(a.X.data, c.X.data);
  }
});

test('rows come class by class with `samples` rows per class', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 5 }), (samples, classes) => {
      for (const make of Object.values(GENERATORS)) {
        const { X, y } = make(samples, classes, new RandomState(0));
        assert.equal(X.rows, samples * classes);
        assert.equal(X.cols, 2);
        for (let row = 0; row < y.length; row++) assert.equal(y[row], Math.floor(row / samples));
      }
    }),
    { seed: 5, numRuns: 30 },
  );
});

test('without noise, circle points lie in their ring: radius in [(c + 0.1) / k, (c + 0.9) / k]', () => {
  const { X, y } = circleData(200, 3, new RandomState(1), { noise: 0 });
  for (let row = 0; row < X.rows; row++) {
    const r = Math.hypot(X.data[2 * row], X.data[2 * row + 1]);
    assert.ok(r >= (y[row] + 0.1) / 3 - 1e-6 && r <= (y[row] + 0.9) / 3 + 1e-6, `row ${row}: r ${r}`);
  }
});

test('without noise, two-class xor is class 0 where x·y > 0 and class 1 where x·y < 0', () => {
  const { X, y } = xorData(200, 2, new RandomState(2), { noise: 0 });
  for (let row = 0; row < X.rows; row++) {
    const product = X.data[2 * row] * X.data[2 * row + 1];
    assert.equal(product > 0 ? 0 : 1, y[row], `row ${row}`);
  }
});

test('gaussian clouds centre on radius 0.5: class means within 0.05 of their centres', () => {
  const { X } = gaussianData(2000, 4, new RandomState(3), { noise: 0 });
  for (let c = 0; c < 4; c++) {
    let sx = 0;
    let sy = 0;
    for (let i = 0; i < 2000; i++) {
      sx += X.data[2 * (c * 2000 + i)];
      sy += X.data[2 * (c * 2000 + i) + 1];
    }
    const angle = Math.PI / 4 + (2 * Math.PI * c) / 4;
    assert.ok(Math.abs(sx / 2000 - 0.5 * Math.cos(angle)) < 0.05);
    assert.ok(Math.abs(sy / 2000 - 0.5 * Math.sin(angle)) < 0.05);
  }
});

test('a negative or non-finite noise is refused with INVALID_OPTION naming it', () => {
  for (const [name, make] of Object.entries(GENERATORS)) {
    for (const noise of [-0.1, Number.NaN, Number.POSITIVE_INFINITY]) {
      assert.throws(
        () => make(10, 2, new RandomState(0), { noise }),
        (error: unknown) =>
          error instanceof ScratchnetError && error.code === 'INVALID_OPTION' && error.message.includes(name),
      );
    }
  }
});
