// glibc's exp(x), bit for bit, as numpy's C code gets it on x86-64 Linux.
//
// Why: numpy's legacy binomial computes (1 - p)^n as exp(n * log(1 - p)) with the C library, and V8's
// Math.exp returns a different last bit for about 10% of arguments. This is a port of glibc 2.36
// sysdeps/ieee754/dbl-64/e_exp.c (ARM's optimized-routines) in the variant glibc selects on CPUs with
// FMA and AVX2 (__exp_fma, built with -mfma so GCC fuses a * b + c); which operations are fused was
// read from the disassembly of Debian 12's libm.so.6.

import { fromWords, highWord, lowWord } from './float-bits.ts';
import { fma } from './fma.ts';
import {
  INV_LN2_N,
  NEG_LN2_HI_N,
  NEG_LN2_LO_N,
  POLY,
  SCALE_HI,
  SCALE_LO,
  SHIFT,
  TAIL,
} from './glibc-exp-data.ts';

const [C2, C3, C4, C5] = POLY;
const TWO_1009 = 2 ** 1009;
const TWO_M1022 = 2 ** -1022;

/** e^x, identical to glibc's exp (FMA build) for every double. */
export function glibcExp(x: number): number {
  const hi = highWord(x);
  let absTop = (hi >>> 20) & 0x7ff;
  let special = false;
  // |x| < 2^-54 or |x| >= 512 (0x3c9 = top12(0x1p-54), 0x408 = top12(512))
  if (absTop - 0x3c9 >= 0x408 - 0x3c9 || absTop < 0x3c9) {
    if (absTop < 0x3c9) return 1 + x;
    if (absTop >= 0x409) {
      if (x === -Infinity) return 0;
      if (absTop >= 0x7ff) return 1 + x;
      return hi >>> 31 === 1 ? 0 : Infinity;
    }
    special = true;
    absTop = 0;
  }
  // x = k ln2/128 + r with |r| <= ln2/256; exp(x) = 2^(k/128) exp(r)
  const shifted = fma(x, INV_LN2_N, SHIFT); // k + 0x1.8p52: the low word holds k
  const k = lowWord(shifted) | 0;
  const kd = shifted - SHIFT;
  const r = fma(kd, NEG_LN2_LO_N, fma(kd, NEG_LN2_HI_N, x));
  const index = k & 127;
  const tail = TAIL[index];
  // asuint64(2^(k/128)) = table word + (k << 45): only the high word changes
  const scaleHi = (SCALE_HI[index] + (k << 13)) >>> 0;
  const scaleLo = SCALE_LO[index];
  const r2 = r * r;
  const tmp = fma(r2 * r2, fma(r, C5, C4), fma(fma(r, C3, C2), r2, tail + r));
  if (special) return specialCase(tmp, scaleHi, scaleLo, k);
  const scale = fromWords(scaleHi, scaleLo);
  return fma(scale, tmp, scale);
}

/** Results that may overflow or underflow: scale * (1 + tmp) without an intermediate rounding. */
function specialCase(tmp: number, scaleHi: number, scaleLo: number, k: number): number {
  if (k >= 0) {
    // the exponent of scale may have overflowed by <= 460
    const scale = fromWords(scaleHi - (1009 << 20), scaleLo);
    return TWO_1009 * fma(scale, tmp, scale);
  }
  const scale = fromWords(scaleHi + (1022 << 20), scaleLo);
  const scaled = scale * tmp; // not fused in this branch of the compiled code
  let y = scale + scaled;
  if (y < 1) {
    // round to the final precision before scaling into the subnormals (avoids double rounding)
    let lo = scale - y + scaled;
    const hi = 1 + y;
    lo = 1 - hi + y + lo;
    y = hi + lo - 1;
    if (y === 0) y = 0;
  }
  return TWO_M1022 * y;
}
