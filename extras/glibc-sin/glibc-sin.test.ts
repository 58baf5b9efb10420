import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import fc from 'fast-check';
import { sineData } from '../../src/data/sine.ts';
import { fromWords } from '../../src/tensor/libm/float-bits.ts';
import { glibcSin } from './glibc-sin.ts';

// Golden values from test/fixtures/numpy/make_sin_fixtures.py: numpy's float64 np.sin, checked there to
// equal the C library's sin (glibc 2.36, x86-64 with FMA) at every argument. Doubles as 16 hex digits.
interface SinFixtures {
  hard: number;
  sineData: Record<string, string[]>;
  points: [string, string][];
}
const fixtures: SinFixtures = JSON.parse(
  readFileSync(new URL('../../test/fixtures/numpy/sin.json', import.meta.url), 'utf8'),
);
const fromHex = (hex: string): number =>
  fromWords(Number.parseInt(hex.slice(0, 8), 16), Number.parseInt(hex.slice(8), 16));
const points = fixtures.points.map(([x, y]) => [fromHex(x), fromHex(y)] as const);
/** The argument of nnfs sine_data(n)'s i-th point: 2 * np.pi * (np.arange(n) / n)[i]. */
const sineArgument = (i: number, n: number) => 2 * Math.PI * (i / n);

/** The fixture arguments where `sin` and numpy differ. */
function mismatches(sin: (x: number) => number): string[] {
  return points.filter(([x, y]) => !Object.is(sin(x), y)).map(([x]) => x.toString());
}

test('glibcSin equals numpy’s (glibc’s) sin bit for bit: hard, random, huge and special arguments', () => {
  assert.ok(points.length > 6000 && fixtures.hard > 100);
  assert.deepEqual(mismatches(glibcSin), []);
});

test('glibcSin on the book’s sine_data(n) arguments equals np.sin for n = 1, 7, 100, 1000, 4096', () => {
  for (const [size, expected] of Object.entries(fixtures.sineData)) {
    const n = Number(size);
    assert.equal(expected.length, n);
    for (let i = 0; i < n; i++) {
      assert.ok(Object.is(glibcSin(sineArgument(i, n)), fromHex(expected[i])), `sine_data(${n})[${i}]`);
    }
  }
});

test('Math.sin is not numpy’s sin: the reason glibcSin exists', () => {
  const expected = fixtures.sineData['1000'];
  const differing = expected.filter((hex, i) => Math.sin(sineArgument(i, 1000)) !== fromHex(hex)).length;
  // 29 of the 1,000 with V8's sin in 2026; if V8 ever matched glibc here, this folder could go
  assert.ok(differing > 0, `Math.sin differs from np.sin on ${differing} of sine_data(1000)'s points`);
  assert.ok(mismatches(Math.sin).length > 0);
});

test('glibcSin: NaN and ±Infinity give NaN; ±0, subnormals and |x| < 2^-26 come back unchanged', () => {
  for (const x of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
    assert.ok(Number.isNaN(glibcSin(x)), `sin(${x})`);
  }
  for (const x of [0, -0, 5e-324, -5e-324, 2 ** -1022, 1e-9, -(2 ** -26) * (1 - 2 ** -53)]) {
    assert.ok(Object.is(glibcSin(x), x), `sin(${x})`);
  }
  assert.equal(glibcSin(Math.PI / 2), 1);
  assert.equal(glibcSin(Math.PI), 1.2246467991473532e-16); // sin of the double nearest pi: pi - that double
});

test('glibcSin is odd and within 1 ulp of Math.sin for random doubles (both err < 1 ulp)', () => {
  const ulp = (y: number) => 2 ** (Math.floor(Math.log2(Math.abs(y))) - 52);
  fc.assert(
    fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e20, max: 1e20 }), (x) => {
      const y = glibcSin(x);
      return Object.is(glibcSin(-x), -y) && (y === 0 || Math.abs(y - Math.sin(x)) <= ulp(y));
    }),
    { seed: 16, numRuns: 5000 },
  );
});

test('sineData float64 with glibc’s sine equals numpy’s sine_data bit for bit (Math.sin differs at 29 of 1,000)', () => {
  for (const [size, hexes] of Object.entries(fixtures.sineData)) {
    const { X, y } = sineData(Number(size), { dtype: 'float64', sin: glibcSin });
    assert.equal(y.dtype, 'float64');
    const bits = new DataView(y.data.buffer);
    hexes.forEach((hex, i) => {
      assert.equal(X.data[i], i / Number(size));
      assert.equal(
        bits
          .getBigUint64(i * 8, true)
          .toString(16)
          .padStart(16, '0'),
        hex,
        `sine_data(${size}) y[${i}]`,
      );
    });
  }
});
