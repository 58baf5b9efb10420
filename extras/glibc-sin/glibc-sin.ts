// glibc's sin(x), bit for bit, as numpy's np.sin gets it for float64 on x86-64 Linux.
//
// Why: the book's sine_data() is np.sin(2 pi x) in float64, which numpy hands to the C library's sin,
// and V8's Math.sin (an fdlibm port) returns a different last bit for 29 of the 1,000 points of
// sine_data(). This is a port of glibc 2.36 sysdeps/ieee754/dbl-64/s_sin.c (__sin, the IBM Accurate
// Mathematical Library; constants from usncs.h) in the variant glibc selects on CPUs with FMA and AVX2:
// sysdeps/x86_64/fpu/multiarch/s_sin-fma.c compiles the same source with -mfma, and GCC then fuses
// most a * b + c. Which operations are fused, and in which order, was read from the disassembly of
// __sin_fma in Debian 12's libm.so.6 (glibc 2.36); on CPUs without FMA glibc runs the plain variant,
// whose results differ in rare last bits. Arguments of 105414350 and more are reduced by __branred
// (glibc-branred.ts), which glibc builds without FMA.
//
// Derived from glibc: Copyright (C) 2001-2022 Free Software Foundation, Inc. (IBM Accurate
// Mathematical Library, written by International Business Machines Corp.).
// SPDX-License-Identifier: LGPL-2.1-or-later (as the glibc file it is ported from)

import { fromWords, highWord, lowWord } from '../../src/tensor/libm/float-bits.ts';
import { fma } from '../../src/tensor/libm/fma.ts';
import { branred } from './glibc-branred.ts';
import { SINCOS_TABLE } from './glibc-sin-data.ts';

// usncs.h: the Taylor coefficients of sin near 0 (s1 = -1/3!, s2 = 1/5!, ...)
const S1 = -0.16666666666666666; // -0x1.5555555555555p-3
const S2 = 0.008333333333332329; // 0x1.1111111110ECEp-7
const S3 = -0.00019841269834414642; // -0x1.A01A019DB08B8p-13
const S4 = 2.755729806860771e-6; // 0x1.71DE27B9A7ED9p-19
const S5 = -2.5022014848318398e-8; // -0x1.ADDFFC2FCDF59p-26
/** 0x1.8p45: adding it rounds |x| < 1 to a multiple of 1/128, the table's step, kept in the low word. */
const BIG = 52776558133248;
/** pi/2 = HP0 + HP1. */
const HP0 = 1.5707963267948966; // 0x1.921FB54442D18p0
const HP1 = 6.123233995736766e-17; // 0x1.1A62633145C07p-54
/** pi/2 = MP1 + MP2 + PP3 + PP4 to 136 bits (MP1, MP2 and PP3 have trailing zeros). */
const MP1 = 1.5707963407039642; // 0x1.921FB58000000p0
const MP2 = -1.3909067564377153e-8; // -0x1.DDE973C000000p-27
const PP3 = -4.97899623147991e-17; // -0x1.CB3B398000000p-55
const PP4 = -1.9034889620193266e-25; // -0x1.d747f23e32ed7p-83
const HPINV = 0.6366197723675814; // 2/pi, 0x1.45F306DC9C883p-1
const TOINT = 6755399441055744; // 0x1.8p52: adding it rounds to an integer, kept in the low word
// s_sin.c: sin and cos of the small remainder after the table point
const SN3 = -0.16666666666666488;
const SN5 = 0.008333332142857223;
const CS2 = 0.5;
const CS4 = -0.04166666666666644;
const CS6 = 0.001388888740079376;

const reduced = new Float64Array(2); // a + da, the argument reduced to [-pi/4, pi/4]

/** sin(x), identical to glibc's sin (FMA build) for every double. */
export function glibcSin(x: number): number {
  const k = highWord(x) & 0x7fffffff;
  if (k < 0x3e500000) return x; // |x| < 2^-26: sin(x) rounds to x (±0 and subnormals included)
  if (k < 0x3feb6000) return doSin(x, 0); // |x| < 0.855469
  if (k < 0x400368fd) {
    // |x| < 2.426265: sin(x) = cos(pi/2 - |x|), with the sign of x
    return copySign(doCos(HP0 - Math.abs(x), HP1), x);
  }
  if (k < 0x419921fb) return doSinCos(reduce(x), reduced[0], reduced[1]); // |x| < 105414350
  if (k < 0x7ff00000) return doSinCos(branred(x, reduced), reduced[0], reduced[1]);
  return x / x; // NaN, ±Infinity: NaN
}

/** sin(a + da) (n even) or cos(a + da) (n odd) for |a| <= pi/4, negated in quadrants 2 and 3. */
function doSinCos(n: number, a: number, da: number): number {
  const value = (n & 1) === 1 ? doCos(a, da) : doSin(a, da);
  return (n & 2) === 2 ? -value : value;
}

/** x reduced modulo pi/2 into `reduced` (a + da, 136 bits of pi/2); returns the quadrant mod 4. */
function reduce(x: number): number {
  const t = fma(x, HPINV, TOINT);
  const xn = t - TOINT;
  const y = fma(-xn, MP2, fma(-xn, MP1, x));
  const t2 = fma(-xn, PP3, y);
  let db = fma(-PP3, xn, y - t2);
  const b = fma(-xn, PP4, t2);
  db += fma(-xn, PP4, t2 - b);
  reduced[0] = b;
  reduced[1] = db;
  return lowWord(t) & 3;
}

/** sin(x + dx) for |x| < 0.855469 (dx a small correction). */
function doSin(x: number, dx: number): number {
  if (Math.abs(x) < 0.126) {
    // TAYLOR_SIN: x - x^3/3! + ... + x^11/11! - dx x^2/2 + dx
    const xx = x * x;
    const poly = fma(fma(fma(fma(xx, S5, S4), xx, S3), xx, S2), xx, S1);
    return x + fma(xx, fma(poly, x, -(0.5 * dx)), dx);
  }
  const d = x <= 0 ? -dx : dx;
  const abs = Math.abs(x);
  const u = BIG + abs;
  const r = abs - (u - BIG); // sin(abs) = sin(table point + r)
  const i = lowWord(u) << 2;
  const sn = SINCOS_TABLE[i];
  const ssn = SINCOS_TABLE[i + 1];
  const cs = SINCOS_TABLE[i + 2];
  const ccs = SINCOS_TABLE[i + 3];
  const rr = r * r;
  const s = r + fma(r * rr, fma(rr, SN5, SN3), d);
  const c = fma(r, d, rr * fma(rr, fma(rr, CS6, CS4), CS2));
  const cor = fma(s, cs, fma(-c, sn, fma(s, ccs, ssn)));
  return copySign(sn + cor, x);
}

/** cos(x + dx) for |x| < 0.855469. */
function doCos(x: number, dx: number): number {
  const d = x < 0 ? -dx : dx;
  const abs = Math.abs(x);
  const u = BIG + abs;
  const r = abs - (u - BIG) + d;
  const i = lowWord(u) << 2;
  const sn = SINCOS_TABLE[i];
  const ssn = SINCOS_TABLE[i + 1];
  const cs = SINCOS_TABLE[i + 2];
  const ccs = SINCOS_TABLE[i + 3];
  const rr = r * r;
  const s = fma(r * rr, fma(rr, SN5, SN3), r);
  const c = rr * fma(rr, fma(rr, CS6, CS4), CS2);
  const cor = fma(-s, sn, fma(-c, cs, fma(-s, ssn, ccs)));
  return cs + cor;
}

/** |value| with the sign bit of `sign`, as C's copysign (-0 counts as negative). */
function copySign(value: number, sign: number): number {
  return fromWords((highWord(value) & 0x7fffffff) | (highWord(sign) & 0x80000000), lowWord(value));
}
