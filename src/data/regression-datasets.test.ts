import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { ScratchnetError } from '../errors/scratchnet-error.ts';
import { RandomState } from '../tensor/random.ts';
import { multiGaussianData, multiGaussianTarget } from './multi-gaussian.ts';
import { planeData, planeTarget } from './plane.ts';
import { REGRESSION_DATASETS } from './regression-datasets.ts';
import { sineData } from './sine.ts';

const PLAYGROUND_SETS = { planeData, multiGaussianData };

test('plane and multi-gaussian are seeded: the same seed gives the same points and targets, another seed others', () => {
  for (const make of Object.values(PLAYGROUND_SETS)) {
    const a = make(80, new RandomState(7), { noise: 0.2 });
    const b = make(80, new RandomState(7), { noise: 0.2 });
    const c = make(80, new RandomState(8), { noise: 0.2 });
    assert.deepEqual(a.X.data, b.X.data);
    assert.deepEqual(a.y.data, b.y.data);
    assert.notDeepEqual(a.X.data, c.X.data);
  }
});

test('shapes: samples x 2 float32 points, samples x 1 float32 targets, points in [-1, 1]²', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 300 }), fc.nat(1000), (samples, seed) => {
      for (const make of Object.values(PLAYGROUND_SETS)) {
        const { X, y } = make(samples, new RandomState(seed));
        assert.deepEqual(X.shape, [samples, 2]);
        assert.deepEqual(y.shape, [samples, 1]);
        assert.equal(y.dtype, 'float32');
        for (const v of X.data) assert.ok(v >= -1 && v <= 1, `${v}`);
      }
    }),
    { seed: 21, numRuns: 30 },
  );
});

test('noise 0 gives exactly the noiseless function of each stored point', () => {
  for (const [make, target] of [
    [planeData, planeTarget],
    [multiGaussianData, multiGaussianTarget],
  ] as const) {
    const { X, y } = make(500, new RandomState(3), { noise: 0 });
    for (let i = 0; i < X.rows; i++) {
      assert.equal(y.data[i], Math.fround(target(X.data[2 * i], X.data[2 * i + 1])), `row ${i}`);
    }
  }
});

test('targets: the plane is 0.6 (x1 + x2) in [-1.2, 1.2]; multi-gaussian in [-1, 1], ±1 at the bump centres', () => {
  // the Playground's (x + y) / 10 on [-6, 6]²: its corner (6, 6) is 1.2, here the corner (1, 1)
  assert.equal(planeTarget(1, 1), 1.2);
  assert.equal(planeTarget(-0.5, 0.25), -0.15);
  // bumps at the Playground's (±4 or 0, ±2.5), here divided by 6; the signs alternate
  assert.equal(multiGaussianTarget(-4 / 6, 2.5 / 6), 1);
  assert.equal(multiGaussianTarget(0, 2.5 / 6), -1);
  assert.equal(multiGaussianTarget(0, -2.5 / 6), 1);
  assert.equal(multiGaussianTarget(4 / 6, -2.5 / 6), -1);
  // half way out (the Playground's distance 1 of radius 2): 0.5; the origin is 2.5 from every centre
  assert.ok(Math.abs(multiGaussianTarget(-4 / 6, 3.5 / 6) - 0.5) < 1e-12);
  assert.equal(multiGaussianTarget(0, 0), 0);
  for (const [make, bound] of [
    [planeData, 1.2],
    [multiGaussianData, 1],
  ] as const) {
    const { y } = make(2000, new RandomState(4), { noise: 0 });
    let max = 0;
    for (const v of y.data) max = Math.max(max, Math.abs(v));
    assert.ok(max <= Math.fround(bound) && max > 0.8 * bound, `${make.name}: max |y| ${max}`);
  }
});

test('noise moves the targets, not the points (four draws per point whatever the noise)', () => {
  for (const make of Object.values(PLAYGROUND_SETS)) {
    const clean = make(300, new RandomState(5), { noise: 0 });
    const noisy = make(300, new RandomState(5), { noise: 0.5 });
    assert.deepEqual(noisy.X.data, clean.X.data);
    assert.notDeepEqual(noisy.y.data, clean.y.data);
  }
  // the plane's jitter of up to ±0.5 per coordinate moves its target by at most 0.6 · 1
  const clean = planeData(300, new RandomState(5), { noise: 0 });
  const noisy = planeData(300, new RandomState(5), { noise: 0.5 });
  for (let i = 0; i < 300; i++) assert.ok(Math.abs(noisy.y.data[i] - clean.y.data[i]) <= 0.6 + 1e-6);
});

test('the default noise is 0.1, the other Playground-style sets’', () => {
  for (const make of Object.values(PLAYGROUND_SETS)) {
    assert.deepEqual(
      make(50, new RandomState(1)).y.data,
      make(50, new RandomState(1), { noise: 0.1 }).y.data,
    );
  }
});

test('sine noise: 0 draws nothing and gives the book’s data; noise adds noise · randn to each target', () => {
  const book = sineData(200);
  const rng = new RandomState(2);
  const quiet = sineData(200, { noise: 0, rng });
  assert.deepEqual(quiet.y.data, book.y.data);
  assert.equal(rng.random(), new RandomState(2).random(), 'noise 0 leaves the generator untouched');
  const noisy = sineData(200, { noise: 0.25, rng: new RandomState(2) });
  const draws = new RandomState(2);
  for (let i = 0; i < 200; i++) {
    const expected = Math.fround(Math.sin((2 * Math.PI * i) / 200) + 0.25 * draws.gauss());
    assert.equal(noisy.y.data[i], expected, `row ${i}`);
  }
  assert.deepEqual(noisy.X.data, book.X.data);
  assert.deepEqual(REGRESSION_DATASETS.sine(200, new RandomState(2), { noise: 0.25 }).y.data, noisy.y.data);
});

test('bad options are refused with a ScratchnetError naming the value', () => {
  const cases: [() => unknown, string, string][] = [
    [() => planeData(0, new RandomState(0)), 'INVALID_OPTION', 'planeData samples'],
    [() => planeData(2.5, new RandomState(0)), 'INVALID_OPTION', '2.5'],
    [() => multiGaussianData(10, {} as RandomState), 'INVALID_OPTION', 'RandomState'],
    [() => planeData(10, new RandomState(0), { noise: -1 }), 'INVALID_OPTION', 'planeData noise'],
    [() => multiGaussianData(10, new RandomState(0), { noise: Number.NaN }), 'INVALID_OPTION', 'NaN'],
    [() => planeData(2 ** 27, new RandomState(0)), 'INVALID_OPTION', 'too many'],
    [() => planeData(10, new RandomState(0), { nosie: 1 } as object), 'UNKNOWN_OPTION', 'nosie'],
    [() => sineData(10, { noise: -0.5 }), 'INVALID_OPTION', 'sineData noise'],
    [() => sineData(10, { noise: 0.1, rng: {} as RandomState }), 'INVALID_OPTION', 'RandomState'],
  ];
  for (const [fn, code, mentions] of cases) {
    assert.throws(fn, (error: unknown) => {
      assert.ok(error instanceof ScratchnetError, String(error));
      assert.equal(error.code, code);
      assert.ok(error.message.includes(mentions), error.message);
      return true;
    });
  }
});
