// binomial(1, p) dropout masks in WebAssembly (AssemblyScript; `npm run build:wasm` compiles this file
// into src/accel/generated/binomial-wasm.generated.ts): the loop of fillBinomialOneTrial
// (src/accel/binomial/binomial-one-trial.ts), MT19937's regeneration included. It does exactly what the
// TypeScript loop does, in the same order, on the same integers and doubles (WebAssembly's i32 and
// f64 arithmetic is JavaScript's), and binomial.test.ts compares the two on every path.
//
// SIMD (v128) where the order of the scalar loop does not matter: the regeneration twists four words
// at a time, and the mask loop tempers the first words of eight pairs at once and settles all eight
// from their top 27 bits. A group with any element the top bits do not settle (about one in 2^27 for
// dropout's p) goes through the scalar exact path pair by pair, in order; a redraw shifts only where
// the later elements are written, never which words they come from, so the next group is unaffected.
//
// Memory: the 624 state words at `key`, the chunk of mask at `out`; both placed by the caller.

const N: usize = 624;
const M: usize = 397;

/** MT19937's tempering of one state word. */
@inline function temper(word: u32): u32 {
  let y = word;
  y ^= y >>> 11;
  y ^= (y << 7) & 0x9d2c5680;
  y ^= (y << 15) & 0xefc60000;
  y ^= y >>> 18;
  return y;
}

/** The top 27 bits of the tempered first words of the four pairs at p (words p, p+2, p+4, p+6). */
@inline function tops4(p: usize): v128 {
  let y = i32x4.shuffle(v128.load(p), v128.load(p, 16), 0, 2, 4, 6);
  y = v128.xor(y, i32x4.shr_u(y, 11));
  y = v128.xor(y, v128.and(i32x4.shl(y, 7), i32x4.splat(0x9d2c5680)));
  y = v128.xor(y, v128.and(i32x4.shl(y, 15), i32x4.splat(0xefc60000)));
  y = v128.xor(y, i32x4.shr_u(y, 18));
  return i32x4.shr_u(y, 5);
}

/** word at p = word at other ^ (y >>> 1) ^ mag01[y & 1], y from the words at p and next. */
@inline function twist(p: usize, next: usize, other: usize): void {
  const y = (load<u32>(p) & 0x80000000) | (load<u32>(next) & 0x7fffffff);
  store<u32>(p, load<u32>(other) ^ (y >>> 1) ^ ((0 - (y & 1)) & 0x9908b0df));
}

/** twist on the four words at p: all four read before any is written, as the scalar order reads them. */
@inline function twist4(p: usize, other: usize): void {
  const y = v128.or(
    v128.and(v128.load(p), i32x4.splat(0x80000000)),
    v128.and(v128.load(p, 4), i32x4.splat(0x7fffffff)),
  );
  const odd = v128.and(i32x4.shr_s(i32x4.shl(y, 31), 31), i32x4.splat(0x9908b0df));
  v128.store(p, v128.xor(v128.xor(v128.load(other), i32x4.shr_u(y, 1)), odd));
}

/**
 * mt19937_gen on the 624 words at key. Words [0, 227) read words i + 397 (not yet regenerated), words
 * [227, 623) read words i - 227 (already regenerated): four at a time within each range, the three
 * words before 227 (a vector there would straddle it) and word 623 (it reads word 0) one by one.
 */
function generate(key: usize): void {
  let p = key;
  for (; p < key + 224 * 4; p += 16) twist4(p, p + M * 4);
  for (; p < key + (N - M) * 4; p += 4) twist(p, p + 4, p + M * 4);
  for (; p < key + (N - 1) * 4; p += 16) twist4(p, p - (N - M) * 4);
  twist(key + (N - 1) * 4, key, key + (M - 1) * 4);
}

/**
 * The element from the pair whose first word, tempered, has top 27 bits `top`, and whose second word
 * is at `second`: writes it at out[i] and returns 1, or returns 0 for a redraw.
 */
@inline function settleOne(
  top: u32, second: usize, out: usize, i: u32, zeroBelow: u32, unsettled: u32, oneBelow: u32,
  atZero: i32, atOne: i32, qn: f64, px1: f64,
): u32 {
  if (<i32>(top - zeroBelow < unsettled) | <i32>(top >= oneBelow)) {
    const b = temper(load<u32>(second));
    const u = (<f64>top * 67108864 + <f64>(b >>> 6)) / 9007199254740992;
    if (u <= qn) {
      store<i32>(out + (<usize>i << 2), atZero);
      return 1;
    }
    if (u - qn <= px1) {
      store<i32>(out + (<usize>i << 2), atOne);
      return 1;
    }
    return 0;
  }
  store<i32>(out + (<usize>i << 2), select<i32>(atZero, atOne, top < zeroBelow));
  return 1;
}

/**
 * Settles elements from out[i] on from the `pairs` pairs of words at p (all within the block; a pair
 * spent on a redraw settles none); returns the next element's index.
 */
function settlePairs(
  p: usize, pairs: u32, out: usize, i: u32, zeroBelow: u32, unsettled: u32, oneBelow: u32,
  atZero: i32, atOne: i32, qn: f64, px1: f64,
): u32 {
  // The vector tests, on tops below 2^27, in signed compares: top - zeroBelow <u unsettled as
  // (top - (zeroBelow ^ 2^31)) <s (unsettled ^ 2^31); top >=u oneBelow as top >s min(oneBelow, 2^27) - 1;
  // top <u zeroBelow as top <s min(zeroBelow, 2^27).
  const shift = i32x4.splat(zeroBelow ^ 0x80000000);
  const width = i32x4.splat(unsettled ^ 0x80000000);
  const high = i32x4.splat(min(oneBelow, 1 << 27) - 1);
  const low = i32x4.splat(min(zeroBelow, 1 << 27));
  const one = i32x4.splat(atOne);
  const flip = i32x4.splat(atZero ^ atOne);
  const end = p + (<usize>pairs << 3);
  while (p + 64 <= end) {
    const a = tops4(p);
    const b = tops4(p + 32);
    const offA = v128.or(i32x4.lt_s(i32x4.sub(a, shift), width), i32x4.gt_s(a, high));
    const offB = v128.or(i32x4.lt_s(i32x4.sub(b, shift), width), i32x4.gt_s(b, high));
    if (v128.any_true(v128.or(offA, offB))) {
      for (const stop = p + 64; p < stop; p += 8) {
        const top = temper(load<u32>(p)) >>> 5;
        i += settleOne(top, p + 4, out, i, zeroBelow, unsettled, oneBelow, atZero, atOne, qn, px1);
      }
      continue;
    }
    const at = out + (<usize>i << 2);
    v128.store(at, v128.xor(one, v128.and(i32x4.lt_s(a, low), flip)));
    v128.store(at, v128.xor(one, v128.and(i32x4.lt_s(b, low), flip)), 16);
    i += 8;
    p += 64;
  }
  // fewer than eight pairs left (a block read from an odd word has 311): four more, then one by one
  while (p + 32 <= end) {
    const a = tops4(p);
    const offA = v128.or(i32x4.lt_s(i32x4.sub(a, shift), width), i32x4.gt_s(a, high));
    if (v128.any_true(offA)) break;
    v128.store(out + (<usize>i << 2), v128.xor(one, v128.and(i32x4.lt_s(a, low), flip)));
    i += 4;
    p += 32;
  }
  for (; p < end; p += 8) {
    const top = temper(load<u32>(p)) >>> 5;
    i += settleOne(top, p + 4, out, i, zeroBelow, unsettled, oneBelow, atZero, atOne, qn, px1);
  }
  return i;
}

/**
 * Draws `count` elements into the int32 array at `out` from the state at `key`, read from word `pos`
 * on; returns the position after the last word used. Elements whose top 27 bits fall in
 * [zeroBelow, zeroBelow + unsettled) or at or above oneBelow take the exact double comparisons.
 */
export function fill(
  key: usize, pos: u32, out: usize, count: u32, zeroBelow: u32, unsettled: u32, oneBelow: u32,
  atZero: i32, atOne: i32, qn: f64, px1: f64,
): u32 {
  let i: u32 = 0;
  while (i < count) {
    if (pos >= <u32>N) {
      generate(key);
      pos = 0;
    }
    if (pos == <u32>N - 1) {
      // the two words straddle a regeneration: the first is tempered before it
      const top = temper(load<u32>(key + (N - 1) * 4)) >>> 5;
      generate(key);
      pos = 1;
      i += settleOne(top, key, out, i, zeroBelow, unsettled, oneBelow, atZero, atOne, qn, px1);
      continue;
    }
    // a pair of words settles at most one element, so this never draws past the last one
    const pairs = min(count - i, (<u32>N - pos) >> 1);
    i = settlePairs(key + (<usize>pos << 2), pairs, out, i, zeroBelow, unsettled, oneBelow, atZero, atOne, qn, px1);
    pos += pairs << 1;
  }
  return pos;
}

/**
 * fill, for a helper thread drawing a mask ahead of time (src/accel/binomial/binomial-ahead.ts): a job's
 * return value is dropped, so the position after the last word used is stored at `posAt`, after the
 * mask and the state (the main thread reads them once the job's completion is signalled).
 */
export function fillAhead(
  key: usize, pos: u32, out: usize, count: u32, zeroBelow: u32, unsettled: u32, oneBelow: u32,
  atZero: i32, atOne: i32, qn: f64, px1: f64, posAt: usize,
): void {
  store<u32>(posAt, fill(key, pos, out, count, zeroBelow, unsettled, oneBelow, atZero, atOne, qn, px1));
}
