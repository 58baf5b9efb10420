// glibc's log(x), bit for bit, as numpy's C code gets it on x86-64 Linux.
//
// Why: numpy's legacy gaussian (randn) and binomial call the C library's log. V8's Math.log (an fdlibm
// port) returns a different last bit for about 5% of arguments, and even a correctly rounded log
// differs from glibc's (whose error bound is 0.519 ulp) for about 1 argument in 1300. So this is a port
// of glibc 2.36 sysdeps/ieee754/dbl-64/e_log.c (ARM's optimized-routines), in the variant glibc selects
// on CPUs with FMA and AVX2 (__log_fma, built with -mfma, where GCC also fuses a * b + c): the order of
// operations and the fused ones below were read from the disassembly of Debian 12's libm.so.6.
// On CPUs without FMA glibc runs the plain variant, whose results differ in rare last bits.

import { fromWords, highWord, lowWord } from './float-bits.ts';
import { fma } from './fma.ts';
import { LN2_HI, LN2_LO, POLY, POLY1, TABLE } from './glibc-log-data.ts';

const [A0, A1, A2, A3, A4] = POLY;
const [B0, B1, B2, B3, B4, B5, B6, B7, B8, B9, B10] = POLY1;
const SPLITTER = 134217729; // 2^27 + 1, Veltkamp's splitter
const TWO_27 = 134217728;
const TWO_52 = 4503599627370496;

/** Natural logarithm, identical to glibc's log (FMA build) for every double. */
export function glibcLog(x: number): number {
  let hi = highWord(x);
  const lo = lowWord(x);
  // 1 - 0x1p-4 <= x < 1 + 0x1.09p-4: both bounds have a zero low word
  if (hi >= 0x3fee0000 && hi < 0x3ff10900) return logNearOne(x);
  const top = hi >>> 16;
  if (top - 0x0010 >= 0x7ff0 - 0x0010 || top < 0x0010) {
    if (x === 0) return -Infinity;
    if (x === Infinity) return x;
    if (top & 0x8000 || (top & 0x7ff0) === 0x7ff0) return Number.NaN;
    // subnormal: scale into the normal range, then take 52 off the exponent
    hi = (highWord(x * TWO_52) - (52 << 20)) >>> 0;
    return logNormal(hi, lowWord(x * TWO_52));
  }
  return logNormal(hi, lo);
}

/** x = 2^k z with z in [0x1.6p-1, 0x1.6p0); log x = k ln2 + log c + log1p(z/c - 1). */
function logNormal(hi: number, lo: number): number {
  const tmp = (hi - 0x3fe60000) | 0; // high word of ix - OFF, OFF = 0x3fe6000000000000
  const i = (tmp >>> 13) & 0x7f;
  const k = tmp >> 20;
  const z = fromWords(hi - (tmp & 0xfff00000), lo);
  const invc = TABLE[2 * i];
  const logc = TABLE[2 * i + 1];
  const r = fmaMinusOne(z, invc);
  const w = k * LN2_HI + logc; // exact by the table's construction, fused or not
  const rHi = w + r;
  const rLo = fma(k, LN2_LO, w - rHi + r);
  const r2 = r * r;
  const p = fma(fma(r, A4, A3), r2, fma(r, A2, A1));
  return fma(r * r2, p, fma(r2, A0, rLo)) + rHi;
}

/** fma(z, invc, -1) when z * invc is within 1/128 of 1: then p - 1 is exact and one add rounds. */
function fmaMinusOne(z: number, invc: number): number {
  const p = z * invc;
  let split = SPLITTER * z;
  const zHi = split - (split - z);
  const zLo = z - zHi;
  split = SPLITTER * invc;
  const cHi = split - (split - invc);
  const cLo = invc - cHi;
  const e = zHi * cHi - p + zHi * cLo + zLo * cHi + zLo * cLo; // z * invc = p + e exactly (Dekker)
  return p - 1 + e;
}

/** |x - 1| < 1/16: log1p(r) by a degree-11 polynomial, its r - r^2/2 head in extra precision. */
function logNearOne(x: number): number {
  if (x === 1) return 0;
  const r = x - 1;
  const r2 = r * r;
  const r3 = r * r2;
  const q2 = fma(r2, B3, fma(r, B2, B1));
  const q5 = fma(r2, B6, fma(r, B5, B4));
  const q8 = fma(r3, B10, fma(r2, B9, fma(r, B8, B7)));
  const q = fma(fma(q8, r3, q5), r3, q2);
  // r = rHi + rLo with rHi short enough that rHi^2 is exact; B0 = -0.5 scales exactly
  const w = r * TWO_27;
  const rHi = r + w - w;
  const rLo = r - rHi;
  const square = rHi * rHi * B0;
  const head = r + square;
  const tail = fma(B0 * rLo, rHi + r, r - head + square);
  return head + fma(q, r3, tail);
}
