// The n = 1 fast path (dropout masks) against numpy's general inversion loop, element by element:
// the same draws, the same generator words consumed, the same cache left behind; with the
// WebAssembly kernel (Int32Array masks) and with the TypeScript loop.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { fillBinomialOneTrial } from '../accel/binomial/binomial-one-trial.ts';
import {
  binomialWasmAvailable,
  fillBinomialOneTrialWasm,
  type OneTrialConstants,
  useBinomialWasm,
} from '../accel/binomial/binomial-wasm.ts';
import { BinomialCache, legacyBinomial } from './binomial.ts';
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

for (const backend of ['wasm', 'typescript']) {
  test(`${backend}: long masks crossing many regenerations, from even and odd words, equal the general loop`, () => {
    useBinomialWasm(backend === 'wasm');
    for (const words of [0, 1, 623, 2 * 624 + 2]) {
      const [fast, general] = twins(11, words);
      assertSameAsGeneral(fast, general, 0.9, 40000, `p=0.9 words=${words} length=40000`);
    }
  });
}

// No p that numpy's inversion is given leaves more than a bucket or two of A unsettled, and none
// redraws outside a bucket of 2^-27: the kernel's exact path is tested here on constants that send
// three elements in eight to it and redraw one in eight. With qn = 0.625 and px1 = 0.25 (exact in
// binary, so is U - qn for U >= qn): U <= qn settles 0 below A = 5 · 2^24, and U - qn <= px1 settles 1
// below A = 7 · 2^24; the constants below claim only A < 4 · 2^24 and 5 · 2^24 < A < 6 · 2^24 settled
// (a subset, so the answers must not change), and everything else takes the double comparisons.
const BUSY: OneTrialConstants = {
  qn: 0.625,
  px1: 0.25,
  atZero: 0,
  atOne: 1,
  zeroBelow: 4 * 2 ** 24,
  oneFrom: 5 * 2 ** 24 + 1,
  oneBelow: 6 * 2 ** 24,
};

/** numpy's inversion loop for n = 1 on `trial`'s qn and px1, one double (two words) per try. */
function inversionMask(
  mt: MT19937,
  trial: OneTrialConstants,
  length: number,
): { mask: Int32Array; tries: number } {
  const mask = new Int32Array(length);
  let tries = 0;
  for (let i = 0; i < length; i++) {
    for (;;) {
      tries++;
      const u = mt.nextDouble();
      if (u <= trial.qn) mask[i] = trial.atZero;
      else if (u - trial.qn <= trial.px1) mask[i] = trial.atOne;
      else continue;
      break;
    }
  }
  return { mask, tries };
}

function assertKernelSameAsLoop(seed: number, words: number, length: number, trial: OneTrialConstants): void {
  const [fast, loop] = twins(seed, words);
  const got = new Int32Array(length);
  assert.ok(fillBinomialOneTrialWasm(fast, trial, got), 'the kernel ran');
  const want = inversionMask(loop, trial, length).mask;
  const what = `seed=${seed} words=${words} length=${length} atZero=${trial.atZero}`;
  assert.deepEqual(got, want, `${what}: draws`);
  assert.equal(fast.pos, loop.pos, `${what}: words consumed`);
  assert.deepEqual(fast.key, loop.key, `${what}: generator state`);
}

test('wasm: elements the top bits leave unsettled and redraws, many and anywhere, equal the inversion loop', () => {
  useBinomialWasm(true);
  assert.ok(binomialWasmAvailable(), 'Node has WebAssembly');
  const flipped = { ...BUSY, atZero: 1, atOne: 0 };
  // the redraws are real: one try in eight (10000 elements take about 11430 tries)
  const [mt] = twins(5, 0);
  const { mask, tries } = inversionMask(mt, BUSY, 10000);
  assert.ok(tries > 11000 && tries < 12000, `tries for 10000 elements: ${tries}`);
  assert.ok(mask.includes(0) && mask.includes(1));
  for (const trial of [BUSY, flipped]) {
    for (const words of [0, 1, 2, 3, 5, 619, 620, 621, 622, 623, 624 + 623]) {
      for (const length of [1, 3, 4, 7, 8, 9, 15, 16, 17, 311, 312, 313, 20000]) {
        assertKernelSameAsLoop(3, words, length, trial);
      }
    }
  }
  fc.assert(
    fc.property(fc.nat(2 ** 32 - 1), fc.nat(1300), fc.nat(3000), fc.boolean(), (seed, words, length, flip) =>
      assertKernelSameAsLoop(seed, words, length, flip ? flipped : BUSY),
    ),
    { seed: 20261123, numRuns: 100 },
  );
});

test('wasm: planted pairs on every bucket edge of exact constants, in every lane of the vector groups', () => {
  useBinomialWasm(true);
  assert.ok(binomialWasmAvailable(), 'Node has WebAssembly');
  // BUSY's qn and px1 with their exact buckets: A = 5 · 2^24 is decided by B (0 → 0, else 1), and
  // A >= 7 · 2^24 by B too (0 → 1, else a redraw); a lane misjudged as settled answers 1 instead
  const tight = { ...BUSY, zeroBelow: 5 * 2 ** 24, oneFrom: 5 * 2 ** 24 + 1, oneBelow: 7 * 2 ** 24 };
  const edges = [0, 5 * 2 ** 24 - 1, 5 * 2 ** 24, 5 * 2 ** 24 + 1, 7 * 2 ** 24 - 1, 7 * 2 ** 24, 2 ** 27 - 1];
  const lows = [0, 1, 2 ** 26 - 1];
  for (const trial of [tight, { ...tight, atZero: 1, atOne: 0 }]) {
    for (const start of [0, 1, 5]) {
      for (const every of [1, 3, 7]) {
        const [fast, loop] = twins(9, 0);
        fast.generate();
        fast.pos = start;
        // one planted pair in `every`, cycling through all edge and B combinations
        for (let j = 0, k = 0; start + 2 * j + 1 < 624; j++) {
          if (j % every !== 0) continue;
          fast.key[start + 2 * j] = untemper(edges[k % edges.length] * 32 + 31);
          fast.key[start + 2 * j + 1] = untemper(lows[Math.floor(k / edges.length) % lows.length] * 64 + 63);
          k++;
        }
        loop.key.set(fast.key);
        loop.pos = fast.pos;
        const got = new Int32Array(400);
        assert.ok(fillBinomialOneTrialWasm(fast, trial, got), 'the kernel ran');
        const what = `start=${start} every=${every} atZero=${trial.atZero}`;
        assert.deepEqual(got, inversionMask(loop, trial, 400).mask, `${what}: draws`);
        assert.equal(fast.pos, loop.pos, `${what}: words consumed`);
        assert.deepEqual(fast.key, loop.key, `${what}: generator state`);
      }
    }
  }
});

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
