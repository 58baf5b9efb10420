import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fnv1a, loadRandomFixtures } from '../../test/fixtures/numpy/random-fixtures.ts';
import { RandomState } from './random.ts';

// Golden values from numpy's legacy RandomState (test/fixtures/numpy/make_random_fixtures.py), compared
// bit for bit: deepEqual on arrays of doubles fails on any last-bit difference.
const fixtures = loadRandomFixtures();

for (const fixture of fixtures.seeds) {
  const { seed } = fixture;
  describe(`RandomState(${seed}) matches numpy ${fixtures.numpyVersion}`, () => {
    test('state after seeding (mt19937_seed, not init_by_array)', () => {
      assert.deepEqual(new RandomState(seed).getState(), fixture.initialState);
    });

    test('random_sample of sizes 1, 5, 1000 in a row', () => {
      const rng = new RandomState(seed);
      const got = [1, 5, 1000].map((size) => Array.from(rng.randomSample(size)));
      assert.deepEqual(got, fixture.randomSample);
    });

    test('randn of sizes 1, 2, 7, 1000 in a row (odd sizes leave a cached gaussian)', () => {
      const rng = new RandomState(seed);
      const got = [1, 2, 7, 1000].map((size) => Array.from(rng.randn(size)));
      assert.deepEqual(got, fixture.randn);
      assert.deepEqual(rng.getState(), fixture.stateAfterRandn);
    });

    test('binomial: inversion, p > 0.5, BTPE, edges', () => {
      for (const { n, p, values } of fixture.binomial) {
        const got = new RandomState(seed).binomial(n, p, values.length);
        assert.deepEqual(Array.from(got), values, `binomial(${n}, ${p})`);
      }
    });

    test('randint: 32-bit and 64-bit masked rejection', () => {
      const rng = new RandomState(seed);
      for (const { low, high, values } of fixture.randint) {
        assert.deepEqual(
          Array.from(rng.randint(low, high, values.length)),
          values,
          `randint(${low}, ${high})`,
        );
      }
    });

    test('shuffle(arange(50)) then permutation(100)', () => {
      const rng = new RandomState(seed);
      const array = Array.from({ length: 50 }, (_, i) => i);
      rng.shuffle(array);
      assert.deepEqual(array, fixture.shuffle50);
      assert.deepEqual(Array.from(rng.permutation(100)), fixture.permutation100);
    });

    test('mixed stream: randn(3), binomial(1, 0.9, 7), randn(5), random_sample(2), binomial(200, 0.4, 5), randn(1)', () => {
      const rng = new RandomState(seed);
      const got = {
        randn3: Array.from(rng.randn(3)),
        binomial1: Array.from(rng.binomial(1, 0.9, 7)),
        randn5: Array.from(rng.randn(5)),
        randomSample2: Array.from(rng.randomSample(2)),
        binomial200: Array.from(rng.binomial(200, 0.4, 5)),
        randn1: Array.from(rng.randn(1)),
      };
      assert.deepEqual(got, fixture.mixed);
      assert.deepEqual(rng.getState(), fixture.stateAfterMixed);
      assert.equal(fixture.stateAfterMixed.hasGauss, true);
    });

    test("a state taken in numpy (with a cached gaussian) continues numpy's stream here", () => {
      const rng = new RandomState(12345);
      rng.setState(fixture.stateAfterMixed);
      assert.deepEqual(
        { randn4: Array.from(rng.randn(4)), randomSample2: Array.from(rng.randomSample(2)) },
        fixture.afterMixed,
      );
    });
  });
}

test("binomial inversion's redraw branch (X > bound: start over) matches numpy", () => {
  // The planted state makes the first uniform 1 - 2^-53, which walks the CDF past its bound.
  for (const { n, p, values, stateAfter } of fixtures.redraw.cases) {
    const rng = new RandomState();
    rng.setState(fixtures.redraw.state);
    assert.equal(rng.random(), 1 - 2 ** -53);
    rng.setState(fixtures.redraw.state);
    assert.deepEqual(Array.from(rng.binomial(n, p, values.length)), values, `binomial(${n}, ${p})`);
    assert.deepEqual(rng.getState(), stateAfter);
    // 5 draws took 6 uniforms (12 words): one redraw
    assert.equal(stateAfter.pos, 12);
  }
});

test('array seeds go through init_by_array, as np.random.seed([...])', () => {
  for (const { seed, keyHead, randn5 } of fixtures.arraySeeds) {
    const rng = new RandomState(seed);
    assert.deepEqual(rng.getState().key.slice(0, 8), keyHead);
    assert.deepEqual(Array.from(rng.randn(5)), randn5);
  }
});

test('long streams (hashed): 200k gaussians for two seeds, 50k BTPE binomials', () => {
  // A Math.log-based gaussian would differ in about 5% of these; a correctly rounded log in ~75.
  for (const { seed, kind, args, fnv1a: expected, last } of fixtures.hashed) {
    const rng = new RandomState(seed);
    const values = Array.isArray(args) ? rng.binomial(...args) : rng.randn(args);
    assert.equal(values[values.length - 1], last, `${kind} seed ${seed}: last value`);
    assert.equal(fnv1a(values), expected, `${kind} seed ${seed}: hash of all values`);
  }
});

test('the documented example: RandomState(0).randn(3)', () => {
  assert.deepEqual(
    Array.from(new RandomState(0).randn(3)),
    [1.764052345967664, 0.4001572083672233, 0.9787379841057392],
  );
});
