// The n = 1 fast path (dropout masks) against numpy's general inversion loop, element by element:
// the same draws, the same generator words consumed, the same cache left behind; with the
// WebAssembly kernel (Int32Array masks) and with the TypeScript loop.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { BinomialCache, legacyBinomial } from './binomial.ts';
import { fillBinomialOneTrial } from './binomial-one-trial.ts';
import { binomialWasmAvailable, useBinomialWasm } from './binomial-wasm.ts';
import { MT19937 } from './mt19937.ts';

/** Two generators in the same state: `words` 32-bit draws into the stream of `seed`. */
function twins(seed: number, words: number): [MT19937, MT19937] {
  const a = new MT19937();
  a.seedInteger(seed);
  for (let i = 0; i < words; i++) a.nextUint32();
  const b = new MT19937();
  b.key.set(a.key);
  b.pos = a.pos;
  return [a, b];
}

function assertSameAsGeneral(fast: MT19937, general: MT19937, p: number, length: number, what: string): void {
  const fastCache = new BinomialCache();
  const generalCache = new BinomialCache();
  const got = new Int32Array(length);
  fillBinomialOneTrial(fast, p, fastCache, got);
  const want = Int32Array.from({ length }, () => legacyBinomial(general, 1, p, generalCache));
  assert.deepEqual(got, want, `${what}: draws`);
  assert.equal(fast.pos, general.pos, `${what}: words consumed`);
  assert.deepEqual(fast.key, general.key, `${what}: generator state`);
  assert.deepEqual({ ...fastCache }, { ...generalCache }, `${what}: binomial cache`);
}

const EDGE_PROBABILITIES = [0, 2 ** -60, 1e-9, 0.1, 0.3, 0.5, 0.5 + 2 ** -53, 0.7, 0.8, 0.9, 0.95];
const NEAR_ONE = [1 - 1e-9, 1 - 2 ** -53, 1];

for (const backend of ['wasm', 'typescript']) {
  test(`${backend}: binomial(1, p) fast path: same draws and words as the general loop, at edge p and block crossings`, () => {
    useBinomialWasm(backend === 'wasm');
    if (backend === 'wasm') assert.ok(binomialWasmAvailable(), 'Node has WebAssembly');
    for (const p of [...EDGE_PROBABILITIES, ...NEAR_ONE]) {
      // offsets: block start, an odd word (a double straddling two words), the last word of a block
      for (const words of [0, 1, 623, 624 + 623, 5]) {
        for (const length of [0, 1, 311, 312, 313, 2000]) {
          const [fast, general] = twins(7, words);
          assertSameAsGeneral(fast, general, p, length, `p=${p} words=${words} length=${length}`);
        }
      }
    }
  });

  test(`${backend}: property: binomial(1, p) fast path equals the general loop for any seed, p, offset and length`, () => {
    useBinomialWasm(backend === 'wasm');
    if (backend === 'wasm') assert.ok(binomialWasmAvailable(), 'Node has WebAssembly');
    fc.assert(
      fc.property(
        fc.nat(2 ** 32 - 1),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.nat(1300),
        fc.nat(3000),
        (seed, p, words, length) => {
          const [fast, general] = twins(seed, words);
          assertSameAsGeneral(fast, general, p, length, `seed=${seed} p=${p}`);
        },
      ),
      { seed: 20261122, numRuns: 150 },
    );
  });
}

/** The word that MT19937's tempering turns into `value` (tempering inverted step by step). */
function untemper(value: number): number {
  let y = value >>> 0;
  y ^= y >>> 18;
  y ^= (y << 15) & 0xefc60000;
  let t = y;
  for (let k = 0; k < 5; k++) t = y ^ ((t << 7) & 0x9d2c5680);
  y = t;
  t = y ^ (y >>> 11);
  y ^= t >>> 11;
  return y >>> 0;
}

for (const backend of ['wasm', 'typescript']) {
  test(`${backend}: planted words on the bucket boundaries take the exact comparison and agree with the general loop`, () => {
    useBinomialWasm(backend === 'wasm');
    if (backend === 'wasm') assert.ok(binomialWasmAvailable(), 'Node has WebAssembly');
    const check = new MT19937();
    check.seedInteger(0);
    check.generate();
    for (const word of [0, 1, 0x80000000, 0xffffffff, 0x12345678]) {
      check.key[0] = untemper(word);
      check.pos = 0;
      assert.equal(check.nextUint32(), word, 'untemper inverts the tempering');
    }
    for (const p of [0.9, 0.8, 0.5, 0.3, 1 - 1e-9, 0.999]) {
      const pInv = p > 0.5 ? 1 - p : p;
      const cache = new BinomialCache();
      legacyBinomial({ nextDouble: () => 0 }, 1, p, cache);
      const scaled = cache.r * 2 ** 53; // U <= qn  <=>  N <= qn · 2^53
      const edge = Math.floor(scaled / 2 ** 26); // the bucket of A where B decides
      const doubles: [number, number][] = [];
      for (const a of [edge - 1, edge, edge + 1, 2 ** 27 - 1, 0]) {
        for (const b of [
          0,
          1,
          2 ** 26 - 1,
          Math.floor(scaled) - edge * 2 ** 26,
          Math.ceil(scaled) - edge * 2 ** 26,
        ]) {
          if (a >= 0 && a < 2 ** 27 && b >= 0 && b < 2 ** 26) doubles.push([a, b]);
        }
      }
      const [fast, general] = twins(1, 0);
      fast.generate();
      doubles.forEach(([a, b], i) => {
        fast.key[2 * i] = untemper(a * 32 + 31);
        fast.key[2 * i + 1] = untemper(b * 64 + 63);
      });
      general.key.set(fast.key);
      general.pos = fast.pos;
      assertSameAsGeneral(fast, general, p, doubles.length, `planted, p=${p} (p'=${pInv})`);
    }
  });
}

test('the fast path fills Int32Array, Float32Array and Float64Array with the same draws', () => {
  const kinds = [Int32Array, Float32Array, Float64Array].map((Kind) => {
    const mt = new MT19937();
    mt.seedInteger(3);
    const out = new Kind(1000);
    fillBinomialOneTrial(mt, 0.9, new BinomialCache(), out);
    return Array.from(out);
  });
  assert.deepEqual(kinds[1], kinds[0]);
  assert.deepEqual(kinds[2], kinds[0]);
  assert.ok(kinds[0].some((v) => v === 0) && kinds[0].some((v) => v === 1));
});

test.after(() => useBinomialWasm(true));
