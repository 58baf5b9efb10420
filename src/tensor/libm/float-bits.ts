// The bit pattern of a double as two 32-bit words, as C code sees it through asuint64/asdouble.
// One shared scratch buffer: these functions are not re-entrant across await points (there are none).

const scratch = new Float64Array(1);
const words = new Uint32Array(scratch.buffer);
// Typed arrays use the platform's byte order; find which word holds the sign and exponent.
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
const LO = 1 - HI;

/** The upper 32 bits of `x` (sign, 11 exponent bits, top 20 fraction bits), as an unsigned integer. */
export function highWord(x: number): number {
  scratch[0] = x;
  return words[HI];
}

/** The lower 32 bits of `x`'s fraction, as an unsigned integer. */
export function lowWord(x: number): number {
  scratch[0] = x;
  return words[LO];
}

/** The double whose bit pattern is `hi:lo` (each taken modulo 2^32). */
export function fromWords(hi: number, lo: number): number {
  words[HI] = hi >>> 0;
  words[LO] = lo >>> 0;
  return scratch[0];
}

/** 2^k for an integer k in [-1074, 1023], built from its bits (so exact, unlike some pow implementations). */
export function pow2(k: number): number {
  if (k >= -1022) return fromWords((k + 1023) << 20, 0);
  const shift = k + 1074; // subnormal: a single fraction bit
  return shift >= 32 ? fromWords(1 << (shift - 32), 0) : fromWords(0, 1 << shift);
}
