// numpy's float32 exp and log (src/tensor/libm/numpy-float32-{exp,log}.ts) in AssemblyScript, for the
// kernels of softmax-loss.ts: each as the TypeScript computes it, and as a vector form for four
// elements at once. Every operation is the TypeScript one: a double operation, then a rounding to
// float32 where the TypeScript calls Math.fround (WebAssembly's f64 arithmetic and f32.demote_f64 are
// JavaScript's), in the same order, so every result has the same bits (softmax-loss-wasm.test.ts
// compares them over bit patterns spread across all float32 values).

const LOG2E: f64 = reinterpret<f32>(0x3fb8aa3b);
const MAGIC: f64 = reinterpret<f32>(0x4b400000);
const LN2_HI: f64 = reinterpret<f32>(0xbf317200);
const LN2_LO: f64 = reinterpret<f32>(0xb5bfbe8e);
const EP0: f64 = reinterpret<f32>(0x3f800000);
const EP1: f64 = reinterpret<f32>(0x3f39cbd5);
const EP2: f64 = reinterpret<f32>(0x3e7d4c58);
const EP3: f64 = reinterpret<f32>(0x3d517d8c);
const EP4: f64 = reinterpret<f32>(0x3bdd7159);
const EP5: f64 = reinterpret<f32>(0x3a053dd8);
const EQ0: f64 = reinterpret<f32>(0x3f800000);
const EQ1: f64 = reinterpret<f32>(0xbe8c6857);
const EQ2: f64 = reinterpret<f32>(0x3cb0e832);
const XMAX: f64 = reinterpret<f32>(0x42b17218);
const XMIN: f64 = reinterpret<f32>(0xc2cff1b5);

@inline function fr(x: f64): f64 {
  return <f64><f32>x;
}

/** numpyExpFloat32 (the plain form) of a float32 value, as a double holding a float32 value. */
export function expFloat32(x: f64): f64 {
  x = fr(x);
  if (!(x < XMAX)) return x >= XMAX ? Infinity : NaN;
  if (x <= XMIN) return 0;
  const q = fr(fr(x * LOG2E) + MAGIC) - MAGIC;
  let r = fr(q * LN2_HI + x);
  r = fr(q * LN2_LO + r);
  let num = fr(EP5 * r + EP4);
  num = fr(num * r + EP3);
  num = fr(num * r + EP2);
  num = fr(num * r + EP1);
  num = fr(num * r + EP0);
  const den = fr(fr(EQ2 * r + EQ1) * r + EQ0);
  // 2^q from its bits: q is an integer in [-150, 128]
  const pow2 = reinterpret<f64>(<u64>(<i64>q + 1023) << 52);
  return fr(fr(num / den) * pow2);
}

const LP1: f64 = reinterpret<f32>(0x3f800000);
const LP2: f64 = reinterpret<f32>(0x4007361c);
const LP3: f64 = reinterpret<f32>(0x3fbd70a9);
const LP4: f64 = reinterpret<f32>(0x3ec30333);
const LP5: f64 = reinterpret<f32>(0x3cd42bcd);
const LQ0: f64 = reinterpret<f32>(0x3f800000);
const LQ1: f64 = reinterpret<f32>(0x4027361c);
const LQ2: f64 = reinterpret<f32>(0x401cfe0d);
const LQ3: f64 = reinterpret<f32>(0x3f7c8ae4);
const LQ4: f64 = reinterpret<f32>(0x3e1e5bf3);
const LQ5: f64 = reinterpret<f32>(0x3bc083df);
const LN2: f64 = reinterpret<f32>(0x3f317218);
const SQRT1_2: f64 = reinterpret<f32>(0x3f3504f3);

/** fma32 of numpy-float32-exp.ts: a·b + c rounded once to float32, the tie case settled exactly. */
function fma32(a: f64, b: f64, c: f64): f64 {
  const p = a * b;
  const s = p + c;
  const r = fr(s);
  if (r === s) return r;
  const other = r + 2 * (s - r);
  if (fr(other) !== other) return r;
  const z = s - p;
  const t = p - (s - z) + (c - z);
  if (t === 0) return r;
  return t > 0 === other > r ? other : r;
}

/** numpyLogFloat32 of a float32 value, as a double holding a float32 value. */
export function logFloat32(x: f64): f64 {
  x = fr(x);
  if (!(x > 0)) return x === 0 ? -Infinity : NaN;
  if (x === Infinity) return x;
  let bits = reinterpret<u32>(<f32>x);
  let e: i32 = <i32>(bits >>> 23) - 126;
  if (e === -126) {
    bits = reinterpret<u32>(<f32>(x * 1.2676506002282294e30)); // x · 2^100, exact
    e = <i32>(bits >>> 23) - 226;
  }
  let m: f64 = reinterpret<f32>((bits & 0x7fffff) | 0x3f000000);
  if (m <= SQRT1_2) {
    m += m;
    e -= 1;
  }
  m -= 1;
  let num = fma32(LP5, m, LP4);
  num = fma32(num, m, LP3);
  num = fma32(num, m, LP2);
  num = fma32(num, m, LP1);
  num = fr(num * m) + 0;
  let den = fma32(LQ5, m, LQ4);
  den = fma32(den, m, LQ3);
  den = fma32(den, m, LQ2);
  den = fma32(den, m, LQ1);
  den = fma32(den, m, LQ0);
  const poly = fr(num / den);
  return fma32(<f64>e, LN2, poly);
}

// The vector forms below compute the same operations lane by lane, each lane a different element:
// f64x2 arithmetic is the double arithmetic, and demote-then-promote is the rounding to float32.
// Where the scalar code does a float32 operation as a double operation then fr, the vector form may
// do it in f32x4 instead when the two are equal: a product of two float32 values is exact in double,
// and for +, −, ×, ÷ of float32 values, a double result rounded to float32 is the float32 result.

@inline function fr2(x: v128): v128 {
  return f64x2.promote_low_f32x4(f32x4.demote_f64x2_zero(x));
}

/** The upper two float32 lanes of v as doubles. */
@inline function promoteHigh(v: v128): v128 {
  return f64x2.promote_low_f32x4(i32x4.shuffle(v, v, 2, 3, 2, 3));
}

/** expFloat32's polynomial for two lanes: x − q·ln2 = r1 + q·LN2_LO, then fr(fr(P(r) / Q(r)) · 2^q), demoted. */
@inline function expPoly2(q: v128, r1: v128): v128 {
  const r = fr2(f64x2.add(f64x2.mul(q, f64x2.splat(LN2_LO)), r1));
  let num = fr2(f64x2.add(f64x2.mul(f64x2.splat(EP5), r), f64x2.splat(EP4)));
  num = fr2(f64x2.add(f64x2.mul(num, r), f64x2.splat(EP3)));
  num = fr2(f64x2.add(f64x2.mul(num, r), f64x2.splat(EP2)));
  num = fr2(f64x2.add(f64x2.mul(num, r), f64x2.splat(EP1)));
  num = fr2(f64x2.add(f64x2.mul(num, r), f64x2.splat(EP0)));
  let den = fr2(f64x2.add(f64x2.mul(f64x2.splat(EQ2), r), f64x2.splat(EQ1)));
  den = fr2(f64x2.add(f64x2.mul(den, r), f64x2.splat(EQ0)));
  // 2^q: q + 2^52 + 1023 holds q + 1023 in its low bits, shifted into the exponent field
  const pow2 = i64x2.shl(f64x2.add(q, f64x2.splat(4503599627371519.0)), 52);
  return f32x4.demote_f64x2_zero(f64x2.mul(fr2(f64x2.div(num, den)), pow2));
}

/** expFloat32 of four float32 lanes. */
@inline export function exp4(x: v128): v128 {
  // fr(fr(x·LOG2E) + MAGIC) − MAGIC and fr(q·LN2_HI + x) in float32: q·LN2_HI is exact there (8 + 15 bits)
  const MAGIC4 = f32x4.splat(<f32>MAGIC);
  const q = f32x4.sub(f32x4.add(f32x4.mul(x, f32x4.splat(<f32>LOG2E)), MAGIC4), MAGIC4);
  const r1 = f32x4.add(f32x4.mul(q, f32x4.splat(<f32>LN2_HI)), x);
  const lo = expPoly2(f64x2.promote_low_f32x4(q), f64x2.promote_low_f32x4(r1));
  const hi = expPoly2(promoteHigh(q), promoteHigh(r1));
  let e = i32x4.shuffle(lo, hi, 0, 1, 4, 5);
  e = v128.bitselect(f32x4.splat(Infinity), e, f32x4.ge(x, f32x4.splat(<f32>XMAX)));
  e = v128.andnot(e, f32x4.le(x, f32x4.splat(<f32>XMIN)));
  return v128.bitselect(f32x4.splat(NaN), e, f32x4.ne(x, x));
}

/** Whether each double lane lies exactly halfway between two float32 values (normal float32 range). */
@inline function midpoint2(s: v128): v128 {
  return i64x2.eq(v128.and(s, i64x2.splat(0x1fffffff)), i64x2.splat(0x10000000));
}

/**
 * logFloat32's polynomials and fma32(e, LN2, poly) for two lanes (m − 1 and e as doubles). fma32 is
 * fr(a·b + c) unless the double sum is a float32 midpoint: the result's upper two lanes flag those
 * (all ones), the lower two are the logs.
 */
@inline function logPoly2(m: v128, e: v128): v128 {
  let s = f64x2.add(f64x2.mul(f64x2.splat(LP5), m), f64x2.splat(LP4));
  let ties = midpoint2(s);
  s = f64x2.add(f64x2.mul(fr2(s), m), f64x2.splat(LP3));
  ties = v128.or(ties, midpoint2(s));
  s = f64x2.add(f64x2.mul(fr2(s), m), f64x2.splat(LP2));
  ties = v128.or(ties, midpoint2(s));
  s = f64x2.add(f64x2.mul(fr2(s), m), f64x2.splat(LP1));
  ties = v128.or(ties, midpoint2(s));
  const num = f64x2.add(fr2(f64x2.mul(fr2(s), m)), f64x2.splat(0)); // fma(num, m, 0): −0 + 0 is +0
  s = f64x2.add(f64x2.mul(f64x2.splat(LQ5), m), f64x2.splat(LQ4));
  ties = v128.or(ties, midpoint2(s));
  s = f64x2.add(f64x2.mul(fr2(s), m), f64x2.splat(LQ3));
  ties = v128.or(ties, midpoint2(s));
  s = f64x2.add(f64x2.mul(fr2(s), m), f64x2.splat(LQ2));
  ties = v128.or(ties, midpoint2(s));
  s = f64x2.add(f64x2.mul(fr2(s), m), f64x2.splat(LQ1));
  ties = v128.or(ties, midpoint2(s));
  s = f64x2.add(f64x2.mul(fr2(s), m), f64x2.splat(LQ0));
  ties = v128.or(ties, midpoint2(s));
  return i32x4.shuffle(fma32Lanes(e, f64x2.splat(LN2), fr2(f64x2.div(num, fr2(s)))), ties, 0, 1, 4, 6);
}

/**
 * fma32 for two lanes, demoted: a double sum on a float32 midpoint (common in log's last step, whose
 * product is exact) goes to the neighbour on the side of the sum's rounding error, as fma32 does, by
 * moving the sum one double ulp that way before rounding.
 */
@inline function fma32Lanes(a: v128, b: v128, c: v128): v128 {
  const p = f64x2.mul(a, b);
  const s = f64x2.add(p, c);
  const z = f64x2.sub(s, p);
  const t = f64x2.add(f64x2.sub(p, f64x2.sub(s, z)), f64x2.sub(c, z)); // p + c = s + t exactly
  // +1 on the bits moves away from zero: toward t when s and t have the same sign
  const step = v128.or(i64x2.lt_s(v128.xor(s, t), i64x2.splat(0)), i64x2.splat(1));
  const move = v128.andnot(midpoint2(s), f64x2.eq(t, f64x2.splat(0)));
  return f32x4.demote_f64x2_zero(i64x2.add(s, v128.and(step, move)));
}

/**
 * logFloat32 of four float32 lanes; a lane the vector form does not settle (a fma32 midpoint, or x
 * not a positive normal finite float32) is all ones, for logFloat32 to redo (no log has those bits).
 */
@inline export function log4(x: v128): v128 {
  const usual = v128.and(f32x4.ge(x, f32x4.splat(1.1754943508222875e-38)), f32x4.lt(x, f32x4.splat(Infinity)));
  // x = m·2^e with m in [0.5, 1), then m in (sqrt(1/2), sqrt(2)]; the float32 steps are exact
  let m = v128.or(v128.and(x, i32x4.splat(0x7fffff)), i32x4.splat(0x3f000000));
  const low = f32x4.le(m, f32x4.splat(<f32>SQRT1_2));
  m = f32x4.sub(f32x4.add(m, v128.and(m, low)), f32x4.splat(1));
  const e = i32x4.add(i32x4.sub(i32x4.shr_u(x, 23), i32x4.splat(126)), low);
  const lo = logPoly2(f64x2.promote_low_f32x4(m), f64x2.convert_low_i32x4_s(e));
  const hi = logPoly2(promoteHigh(m), f64x2.convert_low_i32x4_s(i32x4.shuffle(e, e, 2, 3, 2, 3)));
  const redo = v128.or(i32x4.shuffle(lo, hi, 2, 3, 6, 7), v128.not(usual));
  return v128.or(i32x4.shuffle(lo, hi, 0, 1, 4, 5), redo);
}

@inline export function redone(y: v128): bool {
  return v128.any_true(i32x4.eq(y, i32x4.splat(-1)));
}

