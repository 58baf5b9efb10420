// Fused multiply-add for JavaScript, which has none. glibc's log and exp run with FMA instructions on
// every x86-64 CPU since 2013 (they pick that code path at load time), and a port of them is only
// bit-exact if each fused operation rounds once, as the hardware does.

import { highWord, lowWord, pow2 } from './float-bits.ts';

/** Veltkamp's splitter 2^27 + 1: cuts a double into two halves of at most 26 bits each. */
const SPLITTER = 134217729;
const FAST_MAX = 2 ** 450;
const FAST_MIN = 2 ** -450;
const FAST_SUM_MAX = 2 ** 900;
const FAST_SUM_MIN = 2 ** -900;

/**
 * a * b + c with a single rounding (to nearest, ties to even), like C's fma().
 *
 * Fast path: error-free transformations (Dekker's product, Knuth's two-sum) give a*b + c = x + w + v
 * exactly with x = fl(s + u); x is the answer whenever w + v stays clear of half the gap to x's
 * neighbours, which fails only when the exact value sits very near a rounding midpoint. That rare
 * case, and operands too large or small for the transformations, go to exact BigInt arithmetic.
 */
export function fma(a: number, b: number, c: number): number {
  const absA = Math.abs(a);
  const absB = Math.abs(b);
  const absC = Math.abs(c);
  if (
    !(absA < FAST_MAX && absA > FAST_MIN && absB < FAST_MAX && absB > FAST_MIN) ||
    !(absC === 0 || (absC < FAST_SUM_MAX && absC > FAST_SUM_MIN))
  ) {
    return exactFma(a, b, c);
  }
  const p = a * b;
  // a * b = p + e exactly (Dekker)
  let split = SPLITTER * a;
  const aHi = split - (split - a);
  const aLo = a - aHi;
  split = SPLITTER * b;
  const bHi = split - (split - b);
  const bLo = b - bHi;
  const e = aHi * bHi - p + aHi * bLo + aLo * bHi + aLo * bLo;
  // p + c = s + t exactly (two-sum)
  const s = p + c;
  let z = s - p;
  const t = p - (s - z) + (c - z);
  // t + e = u + v exactly
  const u = t + e;
  z = u - t;
  const v = t - (u - z) + (e - z);
  // s + u = x + w exactly, so a * b + c = x + w + v exactly
  const x = s + u;
  z = x - s;
  const w = s - (x - z) + (u - z);
  const d = Math.abs(w + v);
  // |x| * 2^-54 is at most half the gap from x to either neighbour (a quarter ulp below a power of
  // two, half an ulp otherwise); w + v is rounded, hence the small margin
  const absX = Math.abs(x);
  if (d < absX * QUARTER_ULP_RATIO) return x;
  if (absX < FAST_MIN || !(absX < FAST_SUM_MAX)) return exactFma(a, b, c);
  return d < halfGap(x, w + v) * (1 - 2 ** -20) ? x : exactFma(a, b, c);
}

const QUARTER_ULP_RATIO = 2 ** -54 * (1 - 2 ** -20);

/** Half the distance from normal x to its neighbour on the side `direction` points to. */
function halfGap(x: number, direction: number): number {
  const hi = highWord(x);
  const biased = (hi >>> 20) & 0x7ff;
  const belowPowerOfTwo = (hi & 0xfffff) === 0 && lowWord(x) === 0 && direction < 0 !== x < 0;
  return pow2(biased - 1076 - (belowPowerOfTwo ? 1 : 0));
}

/** fma by exact integer arithmetic: slow, for the rare cases the fast path cannot settle. */
export function exactFma(a: number, b: number, c: number): number {
  if (!Number.isFinite(a) || !Number.isFinite(b) || !Number.isFinite(c) || a === 0 || b === 0) {
    return a * b + c; // here a * b is exact (zero, infinite or NaN), so one rounding happens anyway
  }
  const product = mantissa(a) * mantissa(b);
  const productExponent = exponent(a) + exponent(b);
  if (c === 0) return roundToDouble(product, productExponent);
  const cExponent = exponent(c);
  const low = Math.min(productExponent, cExponent);
  const sum = (product << BigInt(productExponent - low)) + (mantissa(c) << BigInt(cExponent - low));
  if (sum === 0n) return 0; // an exact zero sum rounds to +0
  return roundToDouble(sum, low);
}

/** The signed integer m with x = m * 2^exponent(x). */
function mantissa(x: number): bigint {
  const hi = highWord(x);
  const fraction = (hi & 0xfffff) * 4294967296 + lowWord(x);
  const m = (hi & 0x7ff00000) === 0 ? fraction : fraction + 4503599627370496;
  return hi >>> 31 === 1 ? -BigInt(m) : BigInt(m);
}

function exponent(x: number): number {
  const biased = (highWord(x) >>> 20) & 0x7ff;
  return biased === 0 ? -1074 : biased - 1075;
}

/** m * 2^e rounded to the nearest double, ties to even, subnormals and overflow included. */
function roundToDouble(m: bigint, e: number): number {
  const negative = m < 0n;
  let magnitude = negative ? -m : m;
  const bits = magnitude.toString(2).length;
  // keep 53 significant bits, fewer where the result is subnormal (last bit worth 2^-1074)
  const drop = Math.max(bits - 53, -1074 - e);
  if (drop > 0) {
    const dropBits = BigInt(drop);
    let kept = magnitude >> dropBits;
    const rest = magnitude - (kept << dropBits);
    const half = 1n << (dropBits - 1n);
    if (rest > half || (rest === half && (kept & 1n) === 1n)) kept += 1n;
    magnitude = kept;
    e += drop;
  }
  let value = Number(magnitude); // exact: at most 2^53
  if (e > 1023) value = value * pow2(1023) * pow2(Math.min(e - 1023, 1023));
  else if (e < -1022)
    value = value * pow2(e + 600) * pow2(-600); // exact: the result is representable
  else value *= pow2(e);
  return negative ? -value : value;
}
