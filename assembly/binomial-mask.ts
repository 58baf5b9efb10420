// binomial(1, p) dropout masks in WebAssembly (AssemblyScript; `npm run build:wasm` compiles this file
// into src/tensor/binomial-wasm.generated.ts): the loop of fillBinomialOneTrial
// (src/tensor/binomial-one-trial.ts), MT19937's regeneration included. It does exactly what the
// TypeScript loop does, in the same order, on the same integers and doubles (WebAssembly's i32 and
// f64 arithmetic is JavaScript's), and binomial.test.ts compares the two on every path.
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

/** word at p = word at other ^ (y >>> 1) ^ mag01[y & 1], y from the words at p and next. */
@inline function twist(p: usize, next: usize, other: usize): void {
  const y = (load<u32>(p) & 0x80000000) | (load<u32>(next) & 0x7fffffff);
  store<u32>(p, load<u32>(other) ^ (y >>> 1) ^ ((0 - (y & 1)) & 0x9908b0df));
}

/** mt19937_gen on the 624 words at key. */
function generate(key: usize): void {
  let p = key;
  for (; p < key + (N - M) * 4; p += 4) twist(p, p + 4, p + M * 4);
  for (; p < key + (N - 1) * 4; p += 4) twist(p, p + 4, p - (N - M) * 4);
  twist(key + (N - 1) * 4, key, key + (M - 1) * 4);
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
    let a = load<u32>(key + (<usize>pos << 2));
    pos++;
    if (pos >= <u32>N) {
      generate(key);
      pos = 0;
    }
    const second = pos;
    pos++;
    a = temper(a);
    const top = a >>> 5;
    if (<i32>(top - zeroBelow < unsettled) | <i32>(top >= oneBelow)) {
      const b = temper(load<u32>(key + (<usize>second << 2)));
      const u = (<f64>top * 67108864 + <f64>(b >>> 6)) / 9007199254740992;
      if (u <= qn) {
        store<i32>(out + (<usize>i << 2), atZero);
        i++;
      } else if (u - qn <= px1) {
        store<i32>(out + (<usize>i << 2), atOne);
        i++;
      }
    } else {
      store<i32>(out + (<usize>i << 2), select<i32>(atZero, atOne, top < zeroBelow));
      i++;
    }
  }
  return pos;
}
