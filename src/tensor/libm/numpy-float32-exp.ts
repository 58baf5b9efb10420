// numpy's np.exp on float32 arrays, bit for bit, as numpy 2.4 computes it on x86-64 CPUs with AVX2+FMA3
// or AVX-512.
//
// Why: numpy does not call the C library's expf for float32. Its ufunc loop (FLOAT_exp in
// numpy/_core/src/umath/loops_exponent_log.dispatch.c.src, function simd_exp_FLOAT) evaluates a
// rational approximation in float32 with fused multiply-adds. It is up to 2.52 ulp off, and differs
// from the correctly rounded Math.fround(Math.exp(x)) for roughly 40% of arguments in [-30, 0]:
// enough to move softmax outputs and their gradients by an ulp.
//
// The same kernel runs for every shape and stride, and for numpy float32 scalars: numpy calls it with
// a length of 1 when the output is not contiguous, precisely so that all layouts give identical bits.
// Its AVX-512F build (X86_V4, chosen on AVX-512 machines) and AVX2+FMA3 build (X86_V3) agree for
// every float32 input: both, and this port, were compared over all 2^32 inputs. Only CPUs without
// AVX2/FMA3 take the baseline loop, which calls npy_expf (the C library's expf) instead.
// numpy is built as C11, where GCC does not contract a * b + c on its own: only the explicit
// _mm*_fmadd_ps calls are fused.

/** A float32 constant from its bit pattern (the C source's float literals, rounded by the compiler). */
function f32(bits: number): number {
  const u = new Uint32Array([bits]);
  return new Float32Array(u.buffer)[0];
}

/**
 * fl32(a * b + c), rounded once to float32 (ties to even), for float32 a, b, c: a float32 FMA.
 *
 * a * b is exact in double (two 24-bit significands), so only the addition rounds, and rounding
 * p + c to double first and then to float32 is wrong only when the double sum s lands exactly on a
 * midpoint between two float32 values while the exact sum does not (any other position of s lies
 * on the same side of every float32 midpoint as the exact sum, midpoints being doubles themselves).
 * That case is detected with exact arithmetic, and the rounding error of s (Knuth's two-sum) breaks
 * the tie. Exact for every result, subnormals included, except that a double sum landing exactly on
 * the overflow threshold 2^128 - 2^103 gives Infinity even when the exact sum is a little smaller.
 */
export function fma32(a: number, b: number, c: number): number {
  const p = a * b;
  const s = p + c;
  const r = Math.fround(s);
  if (r === s) return r;
  // s - r is exact; if s is a midpoint, the float32 neighbour on its other side is 2s - r (exact too)
  const other = r + 2 * (s - r);
  return Math.fround(other) === other ? breakTie(p, c, s, r, other) : r;
}

/** s = fl(p + c) lies exactly halfway between the float32 values r and other: round as p + c does. */
function breakTie(p: number, c: number, s: number, r: number, other: number): number {
  const z = s - p;
  const t = p - (s - z) + (c - z); // p + c = s + t exactly (two-sum)
  if (t === 0) return r; // a true tie, which fround already broke to even
  return t > 0 === other > r ? other : r;
}

const LOG2E = f32(0x3fb8aa3b); // NPY_LOG2Ef
const MAGIC = f32(0x4b400000); // NPY_RINT_CVT_MAGICf = 1.5 * 2^23: adding and subtracting it rounds to an integer
const LN2_HI = f32(0xbf317200); // NPY_CODY_WAITE_LOGE_2_HIGHf = -0.693145752
const LN2_LO = f32(0xb5bfbe8e); // NPY_CODY_WAITE_LOGE_2_LOWf = -1.42860677e-6
const P0 = f32(0x3f800000);
const P1 = f32(0x3f39cbd5);
const P2 = f32(0x3e7d4c58);
const P3 = f32(0x3d517d8c);
const P4 = f32(0x3bdd7159);
const P5 = f32(0x3a053dd8);
const Q0 = f32(0x3f800000);
const Q1 = f32(0xbe8c6857);
const Q2 = f32(0x3cb0e832);
/** At or above this, numpy returns +Infinity (88.72283935546875). */
const XMAX = f32(0x42b17218);
/** At or below this, numpy returns +0 (-103.97208404541015625). */
const XMIN = f32(0xc2cff1b5);

// 2^k for the k the kernel can produce: x in (XMIN, XMAX) gives round(x * log2(e)) in [-150, 128]
const POW2_OFFSET = 160;
const POW2 = new Float64Array(300);
for (let k = 0; k < POW2.length; k++) POW2[k] = 2 ** (k - POW2_OFFSET);

/**
 * np.exp(x) for float32 x, as numpy 2.4's SIMD float32 kernel returns it (x is rounded to float32
 * first). NaN gives NaN (numpy: the positive quiet NaN 0x7fc00000), x >= 88.72283935546875 gives
 * Infinity, x <= -103.97208404541015625 gives 0, and results in between may be subnormal.
 */
export function numpyExpFloat32(x: number): number {
  x = Math.fround(x);
  if (!(x < XMAX)) return x >= XMAX ? Number.POSITIVE_INFINITY : Number.NaN;
  if (x <= XMIN) return 0;
  const q = quadrant(x);
  const r = reduced(x, q);
  // exp(r) ~ P(r) / Q(r), Horner with fused multiply-adds in numpy. Rounding a * b + c to double and
  // then to float32 differs from the fused result only when the double sum lands on a float32
  // midpoint, and here that never changes the value returned: this plain form was compared with the
  // exact one (numpyExpFloat32Fused) on 70 million bit patterns spread over all 2^32 and on 307
  // million negative ones (every 7th; softmax's range), with no difference, and it matches numpy's
  // fixtures; the unit test repeats a sample. It takes about half the time.
  const f = Math.fround;
  let num = f(P5 * r + P4);
  num = f(num * r + P3);
  num = f(num * r + P2);
  num = f(num * r + P1);
  num = f(num * r + P0);
  const den = f(f(Q2 * r + Q1) * r + Q0);
  // _mm512_scalef_ps(poly, q): poly * 2^q rounded once (into the subnormals when q <= -126)
  return f(f(num / den) * POW2[q + POW2_OFFSET]);
}

/** numpyExpFloat32 with numpy's fused multiply-adds done exactly (fma32): the reference for the plain form. */
export function numpyExpFloat32Fused(x: number): number {
  x = Math.fround(x);
  if (!(x < XMAX)) return x >= XMAX ? Number.POSITIVE_INFINITY : Number.NaN;
  if (x <= XMIN) return 0;
  const q = quadrant(x);
  const r = reduced(x, q);
  let num = fma32(P5, r, P4);
  num = fma32(num, r, P3);
  num = fma32(num, r, P2);
  num = fma32(num, r, P1);
  num = fma32(num, r, P0);
  const den = fma32(fma32(Q2, r, Q1), r, Q0);
  return Math.fround(Math.fround(num / den) * POW2[q + POW2_OFFSET]);
}

/** rint(x * log2(e)) by the magic-number trick, every operation in float32. */
function quadrant(x: number): number {
  // the subtraction is exact: Sterbenz, and the result is an integer below 2^23
  return Math.fround(Math.fround(x * LOG2E) + MAGIC) - MAGIC;
}

/**
 * Cody-Waite reduction r = x - q ln2 in two fused steps (numpy's third step, fma(q, 0, r), is r).
 * Both sums are exact in double, so one fround is the fused result: q is an integer of at most 8
 * bits, LN2_HI has 15 significant bits (quantum 2^-15) and LN2_LO 24 (quantum 2^-43), and when
 * q != 0, |x| > 0.34 has a quantum of at least 2^-25; so every addend is a multiple of 2^-43 below
 * 2^8 (51 bits). When q = 0 the products are zero.
 */
function reduced(x: number, q: number): number {
  const r = Math.fround(q * LN2_HI + x);
  return Math.fround(q * LN2_LO + r);
}
