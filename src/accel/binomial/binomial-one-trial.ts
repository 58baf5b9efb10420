// binomial(1, p), the dropout mask, drawn fast but exactly as numpy's legacy binomial draws it: see
// fillBinomialOneTrial. binomial.test.ts checks it against legacyBinomial element by element.

import { type BinomialCache, setUpInversion } from '../../tensor/binomial.ts';
import { MT_STATE_LENGTH, type MT19937 } from '../../tensor/mt19937.ts';
import { drawNextAhead, takeDrawnAhead } from './binomial-ahead.ts';
import { fillBinomialOneTrialWasm, type OneTrialConstants } from './binomial-wasm.ts';

/**
 * Fills `out` with binomial(1, p) draws: the values, and the generator words consumed, of calling
 * legacyBinomial(mt, 1, p, cache) for each element in turn, and the same cache left behind. When the
 * same request repeats (a dropout mask, step after step), a helper thread may draw the next one ahead
 * meanwhile (binomial-ahead.ts). Always true: the kernel table's slot for RandomState.fillBinomial.
 *
 * numpy/random/src/legacy/legacy-distributions.c (legacy_random_binomial_original) always takes
 * inversion for n = 1, with p' = min(p, 1 - p), flipping the result when p > 0.5; and
 * numpy/random/src/distributions/distributions.c (random_binomial_inversion) then has
 * bound = min(n, np + 10·sqrt(np·q + 1)) = 1, so its loop reduces to, per uniform U:
 *   U <= qn            → 0     (qn = exp(1 · log(1 - p')))
 *   U - qn <= px1      → 1     (px1 = ((1 - 1 + 1) · p' · qn) / (1 · q), q = 1 - p')
 *   otherwise X = 2 > bound: start over with the next U for the same element (numpy's redraw).
 * U = (A · 2^26 + B) / 2^53 with A the top 27 bits of the first word and B of the second; for all but
 * a bucket or two of A the outcome is settled by A alone, so the second word is skipped (it is still
 * consumed) and no double is built. The other buckets take the exact comparisons above.
 */
export function fillBinomialOneTrial(
  mt: MT19937,
  p: number,
  cache: BinomialCache,
  out: Int32Array | Float32Array | Float64Array,
): boolean {
  if (out.length === 0) return true; // numpy sets the cache up only when it draws
  const trial = oneTrial(p, cache);
  // first, always: a draw ahead still running is waited for before anything is written
  if (!takeDrawnAhead(mt, trial, out)) fillHere(mt, trial, out);
  if (out instanceof Int32Array) drawNextAhead(mt, trial, out.length);
  return true;
}

function fillHere(
  mt: MT19937,
  trial: OneTrialConstants,
  out: Int32Array | Float32Array | Float64Array,
): void {
  if (out instanceof Int32Array && fillBinomialOneTrialWasm(mt, trial, out)) return;
  const length = out.length;
  let pos = mt.pos;
  let i = 0;
  while (i < length) {
    if (pos >= MT_STATE_LENGTH) {
      mt.generate();
      pos = 0;
    }
    if (pos === MT_STATE_LENGTH - 1) {
      // the two words straddle a regeneration: take them one by one
      mt.pos = pos;
      const outcome = inversionOneTrial(mt.nextDouble(), trial.qn, trial.px1);
      pos = mt.pos;
      if (outcome >= 0) out[i++] = outcome === 0 ? trial.atZero : trial.atOne;
      continue;
    }
    // a pair of words settles at most one element, so this never draws past the last one
    const end = pos + 2 * Math.min(length - i, (MT_STATE_LENGTH - pos) >> 1);
    i = settlePairs(mt.key, pos, end, trial, out, i);
    pos = end;
  }
  mt.pos = pos;
}

let lastTrial: { p: number; trial: OneTrialConstants } | null = null;

/** Sets the cache up as numpy does, and derives the constants (kept for the next call with this p). */
function oneTrial(p: number, cache: BinomialCache): OneTrialConstants {
  const flip = p > 0.5;
  const pInv = flip ? 1 - p : p;
  setUpInversion(1, pInv, cache);
  if (lastTrial !== null && Object.is(lastTrial.p, p)) return lastTrial.trial;
  const qn = cache.r;
  const px1 = (1 * pInv * qn) / (1 * cache.q);
  const trial = { qn, px1, atZero: flip ? 1 : 0, atOne: flip ? 0 : 1, ...settledBuckets(qn, px1) };
  lastTrial = { p, trial };
  return trial;
}

/**
 * Settles elements from out[i] on, one per pair of state words key[pos..end) (a pair spent on a redraw
 * settles none). Its own function, called once per block, so that V8 optimizes it as a whole rather
 * than on-stack-replacing one long loop. Returns the next element's index.
 */
function settlePairs(
  key: Uint32Array,
  start: number,
  end: number,
  trial: OneTrialConstants,
  out: Int32Array | Float32Array | Float64Array,
  first: number,
): number {
  const { zeroBelow, oneBelow, atZero, atOne } = trial;
  const unsettled = trial.oneFrom - zeroBelow;
  let i = first;
  for (let pos = start; pos < end; pos += 2) {
    let a = key[pos];
    a ^= a >>> 11;
    a ^= (a << 7) & 0x9d2c5680;
    a ^= (a << 15) & 0xefc60000;
    a ^= a >>> 18;
    const top = a >>> 5;
    // zeroBelow <= top < oneFrom, or top >= oneBelow: B decides (one case in 2^27 or so)
    if ((top - zeroBelow) >>> 0 < unsettled || top >= oneBelow) {
      const u = (top * 67108864 + (temper(key[pos + 1]) >>> 6)) / 9007199254740992;
      const outcome = inversionOneTrial(u, trial.qn, trial.px1);
      if (outcome >= 0) out[i++] = outcome === 0 ? atZero : atOne;
      continue;
    }
    out[i++] = top < zeroBelow ? atZero : atOne;
  }
  return i;
}

/** numpy's inversion loop for n = 1 on one uniform: 0, 1, or -1 for a redraw. */
function inversionOneTrial(u: number, qn: number, px1: number): number {
  if (u <= qn) return 0;
  return u - qn <= px1 ? 1 : -1;
}

/** MT19937's tempering of one state word. */
function temper(word: number): number {
  let y = word;
  y ^= y >>> 11;
  y ^= (y << 7) & 0x9d2c5680;
  y ^= (y << 15) & 0xefc60000;
  y ^= y >>> 18;
  return y >>> 0;
}

const BUCKETS = 134217728; // 2^27 values of A
const BUCKET_WIDTH = 67108864; // 2^26 values of N = A · 2^26 + B per A

/**
 * The ranges of A that settle an element whatever B is, with N = A · 2^26 + B and U = N / 2^53:
 * A < zeroBelow   → every N <= qn · 2^53, so U <= qn: outcome 0;
 * oneFrom <= A < oneBelow → every N > qn · 2^53, and U - qn <= px1 at the bucket's largest U (hence at
 * all of them: rounding is monotonic): outcome 1. Each test is exact double arithmetic on integers
 * below 2^53; each is monotonic in A, so a binary search finds the ends.
 */
function settledBuckets(qn: number, px1: number): { zeroBelow: number; oneFrom: number; oneBelow: number } {
  const scaled = qn * 9007199254740992;
  const zeroBelow = firstFailing(0, BUCKETS, (a) => (a + 1) * BUCKET_WIDTH - 1 <= scaled);
  const oneFrom = firstFailing(0, BUCKETS, (a) => !(a * BUCKET_WIDTH > scaled));
  const oneBelow = firstFailing(
    oneFrom,
    BUCKETS,
    (a) => ((a + 1) * BUCKET_WIDTH - 1) / 9007199254740992 - qn <= px1,
  );
  return { zeroBelow, oneFrom, oneBelow };
}

/** The first a in [low, high) where `holds` is false (high if none), for a predicate true then false. */
function firstFailing(low: number, high: number, holds: (a: number) => boolean): number {
  let lo = low;
  let hi = high;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (holds(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
