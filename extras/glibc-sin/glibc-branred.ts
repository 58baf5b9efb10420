// glibc's reduction of a huge argument modulo pi/2, for glibcSin at |x| >= 105414350: a port of
// glibc 2.36 sysdeps/ieee754/dbl-64/branred.c (__branred) with its constants from branred.h. glibc
// builds this file without FMA even in its FMA variant of sin (the disassembly of Debian 12's
// libm.so.6 has only separate multiplies and adds here), so every operation below rounds on its own,
// in the C source's order, as JavaScript arithmetic does.
//
// Derived from glibc: Copyright (C) 2001-2022 Free Software Foundation, Inc. (IBM Accurate
// Mathematical Library, written by International Business Machines Corp.).
// SPDX-License-Identifier: LGPL-2.1-or-later (as the glibc file it is ported from)

import { fromWords, highWord } from '../../src/tensor/libm/float-bits.ts';

/** 2/pi in base 2^24: the digits multiplied by x, 24 bits each. */
// biome-ignore format: five per line, as in branred.h
const TOVERP = new Float64Array([
  10680707, 7228996, 1387004, 2578385, 16069853,
  12639074, 9804092, 4427841, 16666979, 11263675,
  12935607, 2387514, 4345298, 14681673, 3074569,
  13734428, 16653803, 1880361, 10960616, 8533493,
  3062596, 8710556, 7349940, 6258241, 3772886,
  3769171, 3798172, 8675211, 12450088, 3874808,
  9961438, 366607, 15675153, 9132554, 7151469,
  3571407, 2607881, 12013382, 4155038, 6285869,
  7677882, 13102053, 15825725, 473591, 9065106,
  15363067, 6271263, 9264392, 5636912, 4652155,
  7056368, 13614112, 10155062, 1944035, 9527646,
  15080200, 6658437, 6231200, 6832269, 16767104,
  5075751, 3212806, 1398474, 7579849, 6349435,
  12618859, 4703257, 12806093, 14477321, 2786137,
  12875403, 9837734, 14528324, 13719321, 343717,
]);

const TM600 = 2 ** -600;
const TM24 = 2 ** -24;
const BIG = 6755399441055744; // 0x1.8p52: (r + BIG) - BIG rounds r to an integer
const BIG1 = 27021597764222976; // 0x1.8p54: (s + BIG1) - BIG1 rounds s to a multiple of 4
const SPLIT = 134217729; // 2^27 + 1, Veltkamp's splitter
const HP0 = 1.5707963267948966; // pi/2 = HP0 + HP1
const HP1 = 6.123233995736766e-17;
const MP1 = 1.5707963407039642; // pi/2 ~ MP1 + MP2, both with trailing zeros (branred.h's own MP2)
const MP2 = -1.3909067675399456e-8;

const r = new Float64Array(6);
const part = new Float64Array(3); // b, bb and sum of one half of x, as partMod4 leaves them

/**
 * Reduces x (|x| >= 105414350, finite) to out[0] + out[1] = x - n pi/2 with |out[0] + out[1]| <= pi/4
 * and returns n mod 4 (0..3).
 */
export function branred(x: number, out: Float64Array): number {
  const scaled = x * TM600;
  const t = scaled * SPLIT; // split x into two numbers of 26 bits
  const x1 = t - (t - scaled);
  const x2 = scaled - x1;
  partMod4(x1);
  const b1 = part[0];
  const bb1 = part[1];
  const sum1 = part[2];
  partMod4(x2);
  const b2 = part[0];
  const bb2 = part[1];
  let sum = sum1 + part[2];
  let b = b1 + b2;
  const bb = Math.abs(b1) > Math.abs(b2) ? b1 - b + b2 : b2 - b + b1;
  if (b > 0.5) {
    b -= 1;
    sum += 1;
  } else if (b < -0.5) {
    b += 1;
    sum -= 1;
  }
  const s = b + (bb + bb1 + bb2);
  const tail = b - s + bb + (bb1 + bb2);
  // (s + tail) * pi/2 in double-double: s split in t1 + t2 so that t1 * MP1 is exact
  const split = s * SPLIT;
  const t1 = split - (split - s);
  const t2 = s - t1;
  const hi = s * HP0;
  const lo = t1 * MP1 - hi + t1 * MP2 + t2 * MP1 + (t2 * MP2 + s * HP1 + tail * HP0);
  out[0] = hi + lo;
  out[1] = hi - out[0] + lo;
  return sum & 3; // sum is a small integer; & truncates it to int like C's (int) sum
}

/** x * 2/pi modulo 4 for one half of x, as b + bb (the fraction) and sum (the integer part). */
function partMod4(x: number): void {
  let k = Math.trunc((((highWord(x) >>> 20) & 2047) - 450) / 24);
  if (k < 0) k = 0;
  // 2^(576 - 24k): together with x * 2^-600 each product r[i] is about x times a base-2^24 digit of 2/pi
  let gor = fromWords(0x63f00000 - ((k * 24) << 20), 0);
  for (let i = 0; i < 6; i++) {
    r[i] = x * TOVERP[k + i] * gor;
    gor *= TM24;
  }
  let sum = 0;
  for (let i = 0; i < 3; i++) {
    const s = r[i] + BIG - BIG;
    sum += s;
    r[i] -= s;
  }
  let t = 0;
  for (let i = 0; i < 6; i++) t += r[5 - i];
  let bb = r[0] - t + r[1] + r[2] + r[3] + r[4] + r[5];
  const s = t + BIG - BIG;
  sum += s;
  t -= s;
  const b = t + bb;
  bb = t - b + bb;
  const whole = sum + BIG1 - BIG1;
  part[0] = b;
  part[1] = bb;
  part[2] = sum - whole;
}
