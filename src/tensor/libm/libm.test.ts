import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import fc from 'fast-check';
import { fromWords, highWord, lowWord, pow2 } from './float-bits.ts';
import { exactFma, fma } from './fma.ts';
import { glibcExp } from './glibc-exp.ts';
import { glibcLog } from './glibc-log.ts';

// Golden values from test/fixtures/numpy/make_libm_fixtures.py: Python's math.log/math.exp are the C
// library's, as numpy's legacy random code calls them (glibc 2.36, x86-64 with FMA).
type Encoded = number | 'NaN' | 'Infinity' | '-Infinity';
interface LibmFixtures {
  log: Encoded[][];
  exp: Encoded[][];
  fma: Encoded[][];
}
const fixtures: LibmFixtures = JSON.parse(
  readFileSync(new URL('../../../test/fixtures/numpy/libm.json', import.meta.url), 'utf8'),
);
const decode = (value: Encoded): number => (typeof value === 'number' ? value : Number(value));

function assertSameDouble(actual: number, expected: number, label: string): void {
  assert.ok(Object.is(actual, expected), `${label}: got ${actual}, expected ${expected}`);
}

test('glibcLog equals glibc log on hard, near-one, subnormal and special arguments', () => {
  assert.ok(fixtures.log.length > 250);
  for (const [x, y] of fixtures.log) assertSameDouble(glibcLog(decode(x)), decode(y), `log(${x})`);
  assert.ok(Number.isNaN(glibcLog(-1)));
  assert.ok(Number.isNaN(glibcLog(Number.NaN)));
});

test('Math.log is not glibc log: the reason glibcLog exists', () => {
  const differing = fixtures.log.filter(([x, y]) => typeof x === 'number' && Math.log(x) !== y).length;
  assert.ok(differing > 0, 'if V8 ever matches glibc everywhere, glibcLog could go');
});

test('glibcExp equals glibc exp, overflow and underflow included', () => {
  assert.ok(fixtures.exp.length > 200);
  for (const [x, y] of fixtures.exp) assertSameDouble(glibcExp(decode(x)), decode(y), `exp(${x})`);
  assert.ok(Number.isNaN(glibcExp(Number.NaN)));
  assert.equal(glibcExp(Number.POSITIVE_INFINITY), Number.POSITIVE_INFINITY);
});

test('fma rounds a * b + c once (exact rational reference)', () => {
  for (const [a, b, c, expected] of fixtures.fma) {
    const args = [decode(a), decode(b), decode(c)] as const;
    assertSameDouble(fma(...args), decode(expected), `fma(${args.join(', ')})`);
    assertSameDouble(exactFma(...args), decode(expected), `exactFma(${args.join(', ')})`);
  }
});

test('fma by hand: (1 + 2^-52)(1 - 2^-52) - 1 = -2^-104, which a plain multiply-add loses', () => {
  assert.equal(fma(1 + 2 ** -52, 1 - 2 ** -52, -1), -(2 ** -104));
  assert.equal((1 + 2 ** -52) * (1 - 2 ** -52) - 1, 0);
  // 0.1 * 10 is exactly 1 + 2^-54 (0.1 is 0x1.999999999999ap-4), which rounds to 1 unfused
  assert.equal(fma(0.1, 10, -1), 2 ** -54);
});

test('fma fast path agrees with the exact path on random doubles, midpoints included', () => {
  const finite = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e300, max: 1e300 });
  fc.assert(
    fc.property(finite, finite, finite, (a, b, c) => Object.is(fma(a, b, c), exactFma(a, b, c))),
    { seed: 20240601, numRuns: 3000 },
  );
  // c cancels the rounded product, leaving the product's rounding error (often near a midpoint)
  fc.assert(
    fc.property(
      fc.double({ min: 0.5, max: 2, noNaN: true }),
      fc.double({ min: 0.5, max: 2, noNaN: true }),
      (a, b) => {
        const c = -(a * b);
        return (
          Object.is(fma(a, b, c), exactFma(a, b, c)) && Object.is(fma(a, b, c / 3), exactFma(a, b, c / 3))
        );
      },
    ),
    { seed: 7, numRuns: 3000 },
  );
});

test('float bits: words, powers of two, subnormals', () => {
  assert.equal(highWord(1), 0x3ff00000);
  assert.equal(lowWord(1 + 2 ** -52), 1);
  assert.equal(fromWords(0x80000000, 0), -0);
  assert.ok(Object.is(fromWords(0x80000000, 0), -0));
  assert.equal(pow2(-1074), 5e-324);
  assert.equal(pow2(-1043), 2 ** -1043);
  assert.equal(pow2(1023), 2 ** 1023);
  assert.equal(pow2(-1022), 2.2250738585072014e-308);
});
