import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { ScratchnetError } from '../errors/scratchnet-error.ts';
import { Matrix } from './matrix.ts';
import { RandomState, type RandomStateSnapshot } from './random.ts';

function throwsCode(fn: () => unknown, code: string, mentions: string): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof ScratchnetError, `expected a ScratchnetError, got ${String(error)}`);
    assert.equal(error.code, code);
    assert.ok(
      error.message.includes(mentions),
      `message ${JSON.stringify(error.message)} should name ${mentions}`,
    );
    assert.ok(error.hint.length > 0);
    return true;
  });
}

/** Draws a bit of everything, so a resumed stream has to get every part of the state right. */
function drawMixed(rng: RandomState): number[] {
  return [
    ...rng.randn(3),
    ...rng.binomial(1, 0.9, 4),
    ...rng.binomial(300, 0.3, 2),
    ...rng.randomSample(2),
    ...rng.randint(0, 1000, 3),
    ...rng.permutation(5),
  ];
}

test('getState/setState: resuming mid-stream (gaussian cached) equals the uninterrupted stream', () => {
  const uninterrupted = new RandomState(42);
  uninterrupted.randn(5);
  const expected = drawMixed(uninterrupted);

  const first = new RandomState(42);
  first.randn(5); // odd: the second gaussian of the last pair waits in the cache
  const snapshot = first.getState();
  assert.equal(snapshot.hasGauss, true);
  assert.notEqual(snapshot.gauss, 0);

  // through JSON, as a saved training state would go
  const restored: RandomStateSnapshot = JSON.parse(JSON.stringify(snapshot));
  const resumed = new RandomState(7);
  resumed.setState(restored);
  assert.deepEqual(drawMixed(resumed), expected);
  assert.deepEqual(drawMixed(first), expected);
});

test('getState is a copy: drawing afterwards does not change it', () => {
  const rng = new RandomState(3);
  const snapshot = rng.getState();
  const before = JSON.stringify(snapshot);
  rng.randn(1000);
  assert.equal(JSON.stringify(snapshot), before);
});

test('setState accepts numpy-style has_gauss 0/1 and pos 624', () => {
  const rng = new RandomState(0);
  const state = rng.getState();
  const numpyStyle = { ...state, hasGauss: 0 } as unknown as RandomStateSnapshot;
  const other = new RandomState(1);
  other.setState(numpyStyle);
  assert.deepEqual(other.getState(), state);
  assert.equal(state.pos, 624);
});

test('seed() resets the cached gaussian, as numpy does', () => {
  const rng = new RandomState(0);
  rng.randn(1);
  assert.equal(rng.getState().hasGauss, true);
  rng.seed(0);
  assert.deepEqual(rng.getState(), new RandomState(0).getState());
  assert.deepEqual(Array.from(rng.randn(2)), Array.from(new RandomState(0).randn(2)));
});

test('setState rejects malformed states with BAD_STATE, naming what is wrong', () => {
  const good = new RandomState(0).getState();
  const rng = new RandomState(0);
  throwsCode(() => rng.setState(null as unknown as RandomStateSnapshot), 'BAD_STATE', 'null');
  throwsCode(() => rng.setState({ ...good, key: good.key.slice(1) }), 'BAD_STATE', '623 words');
  throwsCode(() => rng.setState({ ...good, key: [...good.key.slice(1), -1] }), 'BAD_STATE', 'key[623] is -1');
  throwsCode(
    () => rng.setState({ ...good, key: [...good.key.slice(1), 2 ** 32] }),
    'BAD_STATE',
    '4294967296',
  );
  throwsCode(() => rng.setState({ ...good, pos: 625 }), 'BAD_STATE', '625');
  throwsCode(() => rng.setState({ ...good, pos: 1.5 }), 'BAD_STATE', '1.5');
  throwsCode(() => rng.setState({ ...good, hasGauss: 'yes' as unknown as boolean }), 'BAD_STATE', '"yes"');
  throwsCode(() => rng.setState({ ...good, gauss: Number.NaN }), 'BAD_STATE', 'NaN');
  // a failed setState leaves the generator untouched
  assert.deepEqual(rng.getState(), good);
});

test('bad seeds: INVALID_OPTION naming the value (numpy rejects the same)', () => {
  throwsCode(() => new RandomState(-1), 'INVALID_OPTION', '-1');
  throwsCode(() => new RandomState(2 ** 32), 'INVALID_OPTION', '4294967296');
  throwsCode(() => new RandomState(1.5), 'INVALID_OPTION', '1.5');
  throwsCode(() => new RandomState(Number.NaN), 'INVALID_OPTION', 'NaN');
  throwsCode(() => new RandomState('1' as unknown as number), 'INVALID_OPTION', '"1"');
  throwsCode(() => new RandomState([]), 'INVALID_OPTION', 'empty array');
  throwsCode(() => new RandomState([1, -2]), 'INVALID_OPTION', '-2');
  assert.equal(new RandomState(4294967295).getState().key[0], 4294967295);
});

test('bad binomial arguments: INVALID_OPTION naming n or p', () => {
  const rng = new RandomState(0);
  throwsCode(() => rng.binomial(1, -0.1, 3), 'INVALID_OPTION', '-0.1');
  throwsCode(() => rng.binomial(1, 1.1, 3), 'INVALID_OPTION', '1.1');
  throwsCode(() => rng.binomial(1, Number.NaN, 3), 'INVALID_OPTION', 'NaN');
  throwsCode(() => rng.binomial(-1, 0.5, 3), 'INVALID_OPTION', '-1');
  throwsCode(() => rng.binomial(2.5, 0.5, 3), 'INVALID_OPTION', '2.5');
  throwsCode(() => rng.binomialOne(Number.POSITIVE_INFINITY, 0.5), 'INVALID_OPTION', 'Infinity');
  throwsCode(() => rng.fillBinomial(2 ** 25, 0.5, new Float32Array(1)), 'INVALID_OPTION', '33554432');
  throwsCode(() => rng.binomial(1, 0.5, -1), 'INVALID_OPTION', '-1');
  // validation happens before any draw
  assert.deepEqual(rng.getState(), new RandomState(0).getState());
});

test('bad randint, size and permutation arguments: INVALID_OPTION naming the value', () => {
  const rng = new RandomState(0);
  throwsCode(() => rng.randint(5, 5, 1), 'INVALID_OPTION', 'low = 5 and high = 5');
  throwsCode(() => rng.randint(6, 5, 1), 'INVALID_OPTION', 'low = 6 and high = 5');
  throwsCode(() => rng.randint(0.5, 5, 1), 'INVALID_OPTION', '0.5');
  throwsCode(() => rng.randint(0, 2 ** 60, 1), 'INVALID_OPTION', String(2 ** 60));
  throwsCode(() => rng.randint(-(2 ** 53) + 1, 2 ** 53, 1), 'INVALID_OPTION', 'over 2**53');
  throwsCode(() => rng.randn(2.5), 'INVALID_OPTION', '2.5');
  throwsCode(() => rng.randomSample(-3), 'INVALID_OPTION', '-3');
  throwsCode(() => rng.permutation(-1), 'INVALID_OPTION', '-1');
});

test('fill variants draw the same stream as the allocating ones', () => {
  const a = new RandomState(5);
  const b = new RandomState(5);
  const ints = a.binomial(1, 0.8, 50);
  const floats = new Float32Array(50);
  b.fillBinomial(1, 0.8, floats);
  assert.deepEqual(Array.from(floats), Array.from(ints));
  // float32 gaussians are the float64 ones rounded, like randn(...).astype('float32')
  const wide = a.randn(9);
  const narrow = new Float32Array(9);
  b.fillRandn(narrow);
  assert.deepEqual(Array.from(narrow), Array.from(wide, Math.fround));
  const uniform = new Float64Array(4);
  b.fillRandomSample(uniform);
  assert.deepEqual(Array.from(uniform), Array.from(a.randomSample(4)));
  assert.equal(a.binomialOne(10, 0.3), b.binomial(10, 0.3, 1)[0]);
});

test('randint picks Int32Array when the values fit, Float64Array otherwise', () => {
  const rng = new RandomState(0);
  assert.ok(rng.randint(-(2 ** 31), 2 ** 31, 2) instanceof Int32Array);
  assert.ok(rng.randint(0, 2 ** 31 + 1, 2) instanceof Float64Array);
  assert.deepEqual(Array.from(rng.randint(7, 8, 3)), [7, 7, 7]);
});

test('shuffleRows applies one permutation to the rows and their labels, as shuffle(X) would', () => {
  const X = Matrix.fromRows([
    [0, 0.5],
    [1, 1.5],
    [2, 2.5],
    [3, 3.5],
    [4, 4.5],
  ]);
  const labels = new Int32Array([0, 1, 2, 3, 4]);
  const targets = Matrix.fromRows([[0], [10], [20], [30], [40]]);
  new RandomState(9).shuffleRows(X, labels);
  new RandomState(9).shuffleRows(X.clone(), targets);
  const order = [0, 1, 2, 3, 4];
  new RandomState(9).shuffle(order);
  assert.deepEqual(Array.from(labels), order);
  assert.deepEqual(
    X.toRows(),
    order.map((i) => [i, i + 0.5]),
  );
  assert.deepEqual(
    targets.toRows(),
    order.map((i) => [i * 10]),
  );
  assert.throws(() => new RandomState(0).shuffleRows(X, new Int32Array(4)), { code: 'SHAPE_MISMATCH' });
});

test('property: permutation(n) holds each of 0..n-1 once', () => {
  fc.assert(
    fc.property(fc.nat(400), fc.nat(2 ** 32 - 1), (n, seed) => {
      const perm = Array.from(new RandomState(seed).permutation(n)).sort((a, b) => a - b);
      return perm.every((value, i) => value === i) && perm.length === n;
    }),
    { seed: 11, numRuns: 200 },
  );
});

test('property: binomial draws lie in [0, n]; p = 0 gives 0 and p = 1 gives n', () => {
  fc.assert(
    fc.property(
      fc.nat(5000),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.nat(2 ** 32 - 1),
      (n, p, seed) => {
        const rng = new RandomState(seed);
        const draws = rng.binomial(n, p, 20);
        const inRange = draws.every((k) => k >= 0 && k <= n);
        return (
          inRange &&
          rng.binomial(n, 0, 3).every((k) => k === 0) &&
          rng.binomial(n, 1, 3).every((k) => k === n)
        );
      },
    ),
    { seed: 12, numRuns: 300 },
  );
});

test('property: randint stays in [low, high); shuffle keeps the multiset', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: -1e9, max: 1e9 }),
      fc.integer({ min: 1, max: 2 ** 40 }),
      fc.nat(),
      (low, span, seed) => {
        const draws = new RandomState(seed).randint(low, low + span, 20);
        return draws.every((v) => Number.isInteger(v) && v >= low && v < low + span);
      },
    ),
    { seed: 13, numRuns: 300 },
  );
  fc.assert(
    fc.property(fc.array(fc.integer()), fc.nat(), (values, seed) => {
      const shuffled = [...values];
      new RandomState(seed).shuffle(shuffled);
      const sort = (a: number[]) => [...a].sort((x, y) => x - y);
      return JSON.stringify(sort(shuffled)) === JSON.stringify(sort(values));
    }),
    { seed: 14, numRuns: 200 },
  );
});

test('binomial keeps its expectation: mean of binomial(1, 0.9) over 20000 draws is near 0.9', () => {
  const draws = new RandomState(0).binomial(1, 0.9, 20000);
  const mean = draws.reduce((sum, k) => sum + k, 0) / draws.length;
  // standard error sqrt(0.9 * 0.1 / 20000) ~ 0.0021; 5 of them
  assert.ok(Math.abs(mean - 0.9) < 0.011, `mean ${mean}`);
});
