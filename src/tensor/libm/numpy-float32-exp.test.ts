import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { RandomState } from '../random.ts';
import { fma32, numpyExpFloat32, numpyExpFloat32Fused } from './numpy-float32-exp.ts';
import { numpyLogFloat32 } from './numpy-float32-log.ts';

// Golden values from test/fixtures/numpy/make_exp_fixtures.py: numpy 2.4.6's np.exp / np.log on float32
// arrays (its AVX-512 kernels; the AVX2+FMA3 ones give the same bits).
interface FixtureSet {
  name: string;
  size: number;
  inputChecksum: number;
  checksum: number;
}
interface FunctionFixtures {
  count: number;
  cases: string;
  sets: FixtureSet[];
}
const fixtures: { exp: FunctionFixtures; log: FunctionFixtures } = JSON.parse(
  readFileSync(new URL('../../../test/fixtures/numpy/float32-exp-log.json', import.meta.url), 'utf8'),
);

const scratchF32 = new Float32Array(1);
const scratchU32 = new Uint32Array(scratchF32.buffer);
const toBits = (x: number): number => {
  scratchF32[0] = x;
  return scratchU32[0];
};
const fromBits = (bits: number): number => {
  scratchU32[0] = bits;
  return scratchF32[0];
};
const hex = (bits: number): string => `0x${bits.toString(16).padStart(8, '0')}`;

/** The fixture's (input, output) bit-pattern pairs. */
function decodeCases(fixture: FunctionFixtures): Uint32Array {
  const bytes = Buffer.from(fixture.cases, 'base64');
  const pairs = new Uint32Array(new Uint8Array(bytes).buffer); // copied: aligned, little-endian host
  assert.equal(pairs.length, 2 * fixture.count);
  return pairs;
}

/** Inputs whose result from `fn` differs from numpy's bits (any NaN matches any NaN). */
function mismatches(pairs: Uint32Array, fn: (x: number) => number): string[] {
  const bad: string[] = [];
  for (let i = 0; i < pairs.length; i += 2) {
    const x = fromBits(pairs[i]);
    const expected = fromBits(pairs[i + 1]);
    const actual = Math.fround(fn(x));
    const same = Number.isNaN(expected) ? Number.isNaN(actual) : toBits(actual) === pairs[i + 1];
    if (!same) bad.push(`${hex(pairs[i])} (${x}): got ${actual}, numpy ${expected}`);
  }
  return bad;
}

/** The generator's checksum: sum of ((bits ^ key * 0x9E3779B9) * 0x85EBCA6B) mod 2^32, NaN as 0x7FC00000. */
function checksum(values: Float32Array, keys: Uint32Array | null): number {
  const bits = new Uint32Array(values.buffer, values.byteOffset, values.length);
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const v = Number.isNaN(values[i]) ? 0x7fc00000 : bits[i];
    const key = keys === null ? i : keys[i];
    sum = (sum + Math.imul(v ^ Math.imul(key, 0x9e3779b9), 0x85ebca6b)) >>> 0;
  }
  return sum;
}

function checkSet(set: FixtureSet, inputs: Float32Array, fn: (x: number) => number): void {
  assert.equal(inputs.length, set.size, set.name);
  assert.equal(checksum(inputs, null), set.inputChecksum, `${set.name}: inputs not regenerated as numpy's`);
  const out = new Float32Array(inputs.length);
  for (let i = 0; i < inputs.length; i++) out[i] = fn(inputs[i]);
  const keys = new Uint32Array(inputs.buffer, inputs.byteOffset, inputs.length);
  assert.equal(checksum(out, keys), set.checksum, `${set.name}: outputs differ from numpy's`);
}

function strideBits(step: number): Float32Array {
  const n = Math.floor(2 ** 32 / step) + 1;
  const bits = new Uint32Array(n);
  for (let i = 0; i < n; i++) bits[i] = i * step;
  return new Float32Array(bits.buffer);
}

function uniformFloat32(seed: number, low: number, high: number, size: number): Float32Array {
  const rng = new RandomState(seed);
  const out = new Float32Array(size);
  for (let i = 0; i < size; i++) out[i] = low + (high - low) * rng.random(); // numpy's legacy uniform
  return out;
}

const CLIP_LO = Math.fround(1e-7);
const CLIP_HI = Math.fround(1 - 1e-7);
const clip = (p: number): number => Math.min(Math.max(p, CLIP_LO), CLIP_HI);

// ---- fma32 --------------------------------------------------------------------------------------

/** round-to-float32(a * b + c) by exact integer arithmetic (every float32 is a multiple of 2^-149). */
function exactFma32(a: number, b: number, c: number): number {
  const scale = 2 ** 149;
  const n = BigInt(a * scale) * BigInt(b * scale) + BigInt(c * scale) * BigInt(scale); // units of 2^-298
  if (n === 0n) return a * b + c; // the sign of an exact zero follows IEEE's rules, as in double
  const negative = n < 0n;
  const magnitude = negative ? -n : n;
  const exponent = magnitude.toString(2).length - 1 - 298; // of the leading bit
  const shift = Math.max(exponent - 23, -149) + 298; // the float32 quantum, in units of 2^-298
  let q = magnitude >> BigInt(shift);
  const rest = magnitude - (q << BigInt(shift));
  const half = 1n << BigInt(shift - 1);
  if (rest > half || (rest === half && (q & 1n) === 1n)) q += 1n;
  const value = Math.fround(Number(q) * 2 ** (shift - 298));
  return negative ? -value : value;
}

function randomFloat32(rng: RandomState, minExponent: number, maxExponent: number): number {
  const exponent = minExponent + Math.floor(rng.random() * (maxExponent - minExponent + 1));
  const mantissa = 1 + Math.floor(rng.random() * 2 ** 23) / 2 ** 23;
  return Math.fround((rng.random() < 0.5 ? -1 : 1) * mantissa * 2 ** exponent);
}

test('fma32 rounds a * b + c once to float32 (exact BigInt reference)', () => {
  const rng = new RandomState(99);
  for (let i = 0; i < 20000; i++) {
    const a = randomFloat32(rng, -80, 60);
    const b = randomFloat32(rng, -80, 60);
    const c = i % 3 === 0 ? -Math.fround(a * b) : randomFloat32(rng, -130, 100);
    const expected = exactFma32(a, b, c);
    assert.ok(Object.is(fma32(a, b, c), expected), `fma32(${a}, ${b}, ${c}) should be ${expected}`);
  }
});

test('fma32 breaks the double-rounding ties that fround(a * b + c) gets wrong', () => {
  // c plus half the float32 gap next to it, minus 2^-46 of that: a plain double sum lands exactly on
  // the midpoint (the 2^-46 part is below double precision there) and fround rounds it to even, half
  // the time the wrong way; likewise below powers of two (smaller gap) and among subnormals
  const rng = new RandomState(5);
  const a0 = Math.fround(1 + 2 ** -23);
  const b0 = Math.fround(1 - 2 ** -23);
  let naiveWrong = 0;
  let cases = 0;
  for (let i = 0; i < 4000; i++) {
    let c = randomFloat32(rng, -140, 100);
    if (i % 4 === 0) c = Math.sign(c) * 2 ** Math.round(Math.log2(Math.abs(c))); // a power of two
    if (i % 8 === 1) c = Math.sign(c) * Math.floor(rng.random() * 2 ** 23) * 2 ** -149; // subnormal
    const gapExponent = Math.max(Math.floor(Math.log2(Math.abs(c))) - 23, -149);
    for (const halfGap of [2 ** (gapExponent - 1), 2 ** (gapExponent - 2)]) {
      if (halfGap < 2 ** -150) continue;
      for (const sign of [1, -1]) {
        const split = Math.log2(halfGap) / 2;
        const a = Math.fround(a0 * 2 ** Math.floor(split));
        const b = Math.fround(sign * b0 * 2 ** (Math.log2(halfGap) - Math.floor(split)));
        const expected = exactFma32(a, b, c);
        assert.ok(Object.is(fma32(a, b, c), expected), `fma32(${a}, ${b}, ${c}) should be ${expected}`);
        if (!Object.is(Math.fround(a * b + c), expected)) naiveWrong++;
        cases++;
      }
    }
  }
  assert.ok(naiveWrong > cases / 10, `only ${naiveWrong} of ${cases} cases were hard`);
});

test('fma32 special values', () => {
  assert.equal(fma32(1, 1, Number.NaN), Number.NaN);
  assert.equal(fma32(Number.POSITIVE_INFINITY, 1, 1), Number.POSITIVE_INFINITY);
  assert.ok(Object.is(fma32(-0, 1, -0), -0));
  assert.ok(Object.is(fma32(1, 1, -1), 0));
  assert.equal(fma32(2 ** 64, 2 ** 64, 0), Number.POSITIVE_INFINITY);
  assert.ok(Object.is(fma32(2 ** -75, 2 ** -75, 0), 0)); // 2^-150: halfway to the least subnormal, to even
  assert.equal(fma32(Math.fround(2 ** -75 * (1 + 2 ** -23)), 2 ** -75, 0), 2 ** -149);
  assert.equal(fma32(Math.fround(2 ** -75 * (1 + 2 ** -23)), -(2 ** -75), 2 ** -148), 2 ** -149);
});

// ---- exp ----------------------------------------------------------------------------------------

test('numpyExpFloat32 equals np.exp on float32 for every fixture case', () => {
  const pairs = decodeCases(fixtures.exp);
  assert.ok(fixtures.exp.count > 9000);
  assert.deepEqual(mismatches(pairs, numpyExpFloat32).slice(0, 10), []);
});

test('a correctly rounded exp is not numpy: the reason numpyExpFloat32 exists', () => {
  const pairs = decodeCases(fixtures.exp);
  const correctlyRounded = (x: number) => Math.fround(Math.exp(x));
  assert.ok(mismatches(pairs, correctlyRounded).length > 1000);
});

test('numpyExpFloat32 reproduces np.exp on a million softmax-range inputs and a sweep of all bit patterns', () => {
  const [uniform, sweep] = fixtures.exp.sets;
  checkSet(uniform, uniformFloat32(123, -30, 0, 1e6), numpyExpFloat32);
  checkSet(sweep, strideBits(4099), numpyExpFloat32);
});

test('the plain-rounding numpyExpFloat32 equals the exact-fma form on a sweep of bit patterns and the softmax range', () => {
  const differing: string[] = [];
  const compare = (bits: number) => {
    const x = fromBits(bits);
    const fast = numpyExpFloat32(x);
    const fused = numpyExpFloat32Fused(x);
    if (!Object.is(fast, fused) && !(Number.isNaN(fast) && Number.isNaN(fused))) differing.push(hex(bits));
  };
  for (let bits = 0; bits < 2 ** 32; bits += 10007) compare(bits); // ~430k patterns over everything
  for (let bits = 0xbf800000; bits < 0xc2d00000; bits += 97) compare(bits); // x in [-104, -1]: ~330k
  assert.deepEqual(differing.slice(0, 10), []);
});

test('numpyExpFloat32 special values and thresholds', () => {
  assert.equal(numpyExpFloat32(0), 1);
  assert.equal(numpyExpFloat32(-0), 1);
  assert.equal(numpyExpFloat32(Number.POSITIVE_INFINITY), Number.POSITIVE_INFINITY);
  assert.ok(Object.is(numpyExpFloat32(Number.NEGATIVE_INFINITY), 0));
  assert.ok(Number.isNaN(numpyExpFloat32(Number.NaN)));
  assert.equal(numpyExpFloat32(88.72283935546875), Number.POSITIVE_INFINITY);
  assert.equal(toBits(numpyExpFloat32(fromBits(0x42b17217))), 0x7f7fff84); // just below: finite
  assert.ok(Object.is(numpyExpFloat32(fromBits(0xc2cff1b5)), 0)); // -103.97208404541015625
  assert.equal(numpyExpFloat32(fromBits(0xc2cff1b4)), 2 ** -149); // just above: the least subnormal
  assert.equal(numpyExpFloat32(1), Math.fround(2.7182819843292236)); // 1 ulp above fl32(e)
});

// ---- log ----------------------------------------------------------------------------------------

test('numpyLogFloat32 equals np.log on float32 for every fixture case', () => {
  const pairs = decodeCases(fixtures.log);
  assert.ok(fixtures.log.count > 8000);
  assert.deepEqual(mismatches(pairs, numpyLogFloat32).slice(0, 10), []);
  const correctlyRounded = (x: number) => Math.fround(Math.log(x));
  assert.ok(mismatches(pairs, correctlyRounded).length > 1000);
});

test('numpyLogFloat32 reproduces np.log on clipped probabilities and a sweep of all bit patterns', () => {
  const [uniform, softmaxLike, sweep] = fixtures.log.sets;
  const rng = new RandomState(7);
  const probabilities = new Float32Array(1e6);
  for (let i = 0; i < probabilities.length; i++) probabilities[i] = clip(Math.fround(rng.random()));
  checkSet(uniform, probabilities, numpyLogFloat32);
  const exps = uniformFloat32(5, -17, 0, 1e6);
  for (let i = 0; i < exps.length; i++) exps[i] = clip(numpyExpFloat32(exps[i]));
  checkSet(softmaxLike, exps, numpyLogFloat32);
  checkSet(sweep, strideBits(4099), numpyLogFloat32);
});

test('numpyLogFloat32 special values', () => {
  assert.equal(numpyLogFloat32(1), 0);
  assert.ok(Object.is(numpyLogFloat32(1), 0));
  assert.equal(numpyLogFloat32(0), Number.NEGATIVE_INFINITY);
  assert.equal(numpyLogFloat32(-0), Number.NEGATIVE_INFINITY);
  assert.equal(numpyLogFloat32(Number.POSITIVE_INFINITY), Number.POSITIVE_INFINITY);
  assert.ok(Number.isNaN(numpyLogFloat32(-1)));
  assert.ok(Number.isNaN(numpyLogFloat32(Number.NEGATIVE_INFINITY)));
  assert.ok(Number.isNaN(numpyLogFloat32(Number.NaN)));
});
