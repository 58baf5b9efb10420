// The Mersenne Twister MT19937 exactly as numpy's legacy RandomState runs it:
// numpy/random/src/mt19937/mt19937.c and mt19937.h (seeding, generation, tempering, 53-bit doubles)
// and numpy/random/_mt19937.pyx `_legacy_seeding` (an integer seed goes through mt19937_seed, Knuth's
// initializer; an array of integers goes through init_by_array).

/** Words of state. */
export const MT_STATE_LENGTH = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;

/** The generator: 624 words and the index of the next word to temper (624 = regenerate first). */
export class MT19937 {
  readonly key = new Uint32Array(MT_STATE_LENGTH);
  pos = MT_STATE_LENGTH;

  /** numpy's mt19937_seed: key[i] = 1812433253 * (key[i-1] ^ (key[i-1] >>> 30)) + i. */
  seedInteger(seed: number): void {
    const key = this.key;
    key[0] = seed >>> 0;
    for (let i = 1; i < MT_STATE_LENGTH; i++) {
      const prev = key[i - 1] ^ (key[i - 1] >>> 30);
      key[i] = (Math.imul(1812433253, prev) + i) >>> 0;
    }
    this.pos = MT_STATE_LENGTH;
  }

  /** numpy's mt19937_init_by_array (the reference init_by_array of Matsumoto and Nishimura). */
  seedArray(initKey: ArrayLike<number>): void {
    const key = this.key;
    const length = initKey.length;
    this.seedInteger(19650218);
    let i = 1;
    let j = 0;
    for (let k = Math.max(MT_STATE_LENGTH, length); k > 0; k--) {
      const prev = key[i - 1] ^ (key[i - 1] >>> 30);
      key[i] = ((key[i] ^ Math.imul(prev, 1664525)) + initKey[j] + j) >>> 0;
      i++;
      j++;
      if (i >= MT_STATE_LENGTH) {
        key[0] = key[MT_STATE_LENGTH - 1];
        i = 1;
      }
      if (j >= length) j = 0;
    }
    for (let k = MT_STATE_LENGTH - 1; k > 0; k--) {
      const prev = key[i - 1] ^ (key[i - 1] >>> 30);
      key[i] = ((key[i] ^ Math.imul(prev, 1566083941)) - i) >>> 0;
      i++;
      if (i >= MT_STATE_LENGTH) {
        key[0] = key[MT_STATE_LENGTH - 1];
        i = 1;
      }
    }
    key[0] = 0x80000000; // MSB is 1, assuring a non-zero initial array
    this.pos = MT_STATE_LENGTH;
  }

  /** Regenerates all 624 words (mt19937_gen) and sets pos to 0; for block readers of `key`. */
  generate(): void {
    const key = this.key;
    let i = 0;
    let y: number;
    for (; i < MT_STATE_LENGTH - M; i++) {
      y = (key[i] & UPPER_MASK) | (key[i + 1] & LOWER_MASK);
      key[i] = key[i + M] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
    }
    for (; i < MT_STATE_LENGTH - 1; i++) {
      y = (key[i] & UPPER_MASK) | (key[i + 1] & LOWER_MASK);
      key[i] = key[i + M - MT_STATE_LENGTH] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
    }
    y = (key[MT_STATE_LENGTH - 1] & UPPER_MASK) | (key[0] & LOWER_MASK);
    key[MT_STATE_LENGTH - 1] = key[M - 1] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
    this.pos = 0;
  }

  /** The next tempered 32-bit word, as an unsigned integer (mt19937_next32). */
  nextUint32(): number {
    if (this.pos >= MT_STATE_LENGTH) this.generate();
    let y = this.key[this.pos++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** A double in [0, 1) from two words: (a >> 5) * 2^26 + (b >> 6), over 2^53 (mt19937_next_double). */
  nextDouble(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }
}
