// RandomState: numpy's legacy np.random.RandomState, bit for bit (numpy/random/mtrand.pyx), so that a
// seed gives the same numbers here as in the book's scripts: the same spiral data, initial weights,
// dropout masks and shuffles.

import { ScratchnetError } from '../errors/scratchnet-error.ts';
import { BinomialCache, legacyBinomial } from './binomial.ts';
import { kernels } from './kernel-table.ts';
import { glibcLog } from './libm/glibc-log.ts';
import type { Matrix } from './matrix.ts';
import { MT_STATE_LENGTH, MT19937 } from './mt19937.ts';
import { checkBinomial, checkRange, checkSeed, checkSize, readSnapshot } from './random-checks.ts';

/**
 * The whole state, as numpy's `get_state()` tuple ('MT19937', key, pos, has_gauss, cached_gaussian)
 * without the name. Plain JSON: a state taken in numpy loads here and vice versa.
 */
export interface RandomStateSnapshot {
  /** The 624 words of the Mersenne Twister, each an unsigned 32-bit integer. */
  key: number[];
  /** Index of the next word to use, 0..624 (624 = regenerate before the next draw). */
  pos: number;
  /** Whether a second gaussian from the last polar Box-Muller draw is waiting. */
  hasGauss: boolean;
  /** That gaussian (0 when none waits, as numpy stores it). */
  gauss: number;
}

/** Anything indexable and writable: plain arrays, typed arrays. */
export interface MutableArrayLike<T> {
  readonly length: number;
  [index: number]: T;
}

/**
 * numpy's legacy generator: MT19937 seeded as `np.random.seed(seed)` seeds it, with numpy's algorithms
 * for uniform doubles, gaussians (polar Box-Muller with the cached second value), binomials (inversion
 * and BTPE), bounded integers (masked rejection) and shuffles (Fisher-Yates).
 *
 * ```ts
 * const rng = new RandomState(0);   // np.random.seed(0), as nnfs.init() does
 * rng.randn(3);                     // Float64Array [1.764052345967664, 0.4001572083672233, 0.9787379841057392]
 * ```
 */
export class RandomState {
  private readonly mt = new MT19937();
  private hasGauss = false;
  private cachedGauss = 0;
  private readonly binomialCache = new BinomialCache();

  /** @param seed an integer in [0, 2^32 - 1], or a non-empty array of them (as numpy accepts). */
  constructor(seed: number | readonly number[] = 0) {
    this.seed(seed);
  }

  /**
   * Reseeds as `np.random.seed(seed)`: an integer through numpy's mt19937_seed (Knuth's initializer,
   * key[0] = seed; numpy does not use init_by_array for an integer), an array through init_by_array.
   * Drops a cached gaussian.
   */
  seed(seed: number | readonly number[]): void {
    const checked = checkSeed(seed);
    if (typeof checked === 'number') this.mt.seedInteger(checked);
    else this.mt.seedArray(checked);
    this.hasGauss = false;
    this.cachedGauss = 0;
  }

  /** One double in [0, 1) with 53 random bits (`random_sample()`). */
  random(): number {
    return this.mt.nextDouble();
  }

  /** `random_sample(size)`. */
  randomSample(size: number): Float64Array {
    const out = new Float64Array(checkSize(size));
    this.fillRandomSample(out);
    return out;
  }

  /** Fills `out` with uniform doubles in [0, 1), rounded to float32 for a Float32Array. */
  fillRandomSample(out: Float32Array | Float64Array): void {
    for (let i = 0; i < out.length; i++) out[i] = this.mt.nextDouble();
  }

  /** One standard normal: numpy's legacy_gauss (polar Box-Muller, caching the second value). */
  gauss(): number {
    if (this.hasGauss) {
      const cached = this.cachedGauss;
      this.hasGauss = false;
      this.cachedGauss = 0;
      return cached;
    }
    let x1: number;
    let x2: number;
    let r2: number;
    do {
      x1 = 2 * this.mt.nextDouble() - 1;
      x2 = 2 * this.mt.nextDouble() - 1;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1 || r2 === 0);
    // glibc's log, not Math.log: they differ in the last bit for about 5% of arguments
    const f = Math.sqrt((-2 * glibcLog(r2)) / r2);
    this.cachedGauss = f * x1;
    this.hasGauss = true;
    return f * x2;
  }

  /** `randn(size)`: standard normals. */
  randn(size: number): Float64Array {
    const out = new Float64Array(checkSize(size));
    this.fillRandn(out);
    return out;
  }

  /** Fills `out` with standard normals; a Float32Array gets them rounded, as `randn().astype('float32')`. */
  fillRandn(out: Float32Array | Float64Array): void {
    for (let i = 0; i < out.length; i++) out[i] = this.gauss();
  }

  /** One binomial(n, p) draw. */
  binomialOne(n: number, p: number): number {
    checkBinomial(n, p, 2147483647);
    return legacyBinomial(this.mt, n, p, this.binomialCache);
  }

  /** `binomial(n, p, size)`: the number of successes in n trials of probability p, `size` times. */
  binomial(n: number, p: number, size: number): Int32Array {
    const out = new Int32Array(checkSize(size));
    this.fillBinomial(n, p, out);
    return out;
  }

  /**
   * Fills `out` with binomial(n, p) draws without allocating (dropout calls this every step). For
   * n = 1 (a dropout mask) the speed wing may draw faster (kernels.fillBinomialOneTrial); the draws
   * and the generator's state afterwards are the same either way.
   */
  fillBinomial(n: number, p: number, out: Int32Array | Float32Array | Float64Array): void {
    checkBinomial(n, p, out instanceof Float32Array ? 16777216 : 2147483647);
    const mt = this.mt;
    const cache = this.binomialCache;
    if (n === 1 && kernels.fillBinomialOneTrial(mt, p, cache, out)) return;
    for (let i = 0; i < out.length; i++) out[i] = legacyBinomial(mt, n, p, cache);
  }

  /**
   * `randint(low, high, size)` with numpy's default int64 dtype: integers in [low, high) by masked
   * rejection, on 32-bit draws when high - low - 1 < 2^32, else on 64-bit draws (high word first).
   * An Int32Array when every possible value fits one, else a Float64Array (ranges up to 2^53).
   */
  randint(low: number, high: number, size: number): Int32Array | Float64Array {
    const range = checkRange(low, high);
    const count = checkSize(size);
    const out =
      low >= -2147483648 && high - 1 <= 2147483647 ? new Int32Array(count) : new Float64Array(count);
    for (let i = 0; i < count; i++) out[i] = low + this.boundedDraw(range);
    return out;
  }

  /** A uniform integer in [0, range] the way random_bounded_uint64_fill draws it (masked rejection). */
  private boundedDraw(range: number): number {
    if (range === 0) return 0;
    if (range === 0xffffffff) return this.mt.nextUint32();
    if (range < 0xffffffff) return this.interval32(range);
    const maskHigh = smallestMask(Math.floor(range / 4294967296));
    for (;;) {
      const high = this.mt.nextUint32() & maskHigh;
      const value = high * 4294967296 + this.mt.nextUint32();
      if (value <= range) return value;
    }
  }

  /** numpy's random_interval for max < 2^32: next32() & mask until <= max. */
  private interval32(max: number): number {
    const mask = smallestMask(max);
    let value: number;
    do value = (this.mt.nextUint32() & mask) >>> 0;
    while (value > max);
    return value;
  }

  /** Shuffles in place as numpy's legacy `shuffle` (Fisher-Yates from the end, random_interval). */
  shuffle<T>(array: MutableArrayLike<T>): void {
    for (let i = array.length - 1; i > 0; i--) {
      const j = this.interval32(i);
      const held = array[j];
      array[j] = array[i];
      array[i] = held;
    }
  }

  /**
   * Shuffles the rows of `matrix` in place with the permutation `np.random.shuffle(X)` would apply,
   * and applies the same permutation to `labels` (one entry per row, or a matrix with one row per row).
   */
  shuffleRows(matrix: Matrix, labels?: MutableArrayLike<number> | Matrix): void {
    const labelCount = labels === undefined ? matrix.rows : 'data' in labels ? labels.rows : labels.length;
    if (labelCount !== matrix.rows) {
      throw new ScratchnetError(
        'SHAPE_MISMATCH',
        `shuffleRows: the matrix has ${matrix.rows} rows but the labels have ${labelCount}`,
        'pass one label (or label row) per matrix row',
      );
    }
    for (let i = matrix.rows - 1; i > 0; i--) {
      const j = this.interval32(i);
      swapRows(matrix, i, j);
      if (labels === undefined) continue;
      if ('data' in labels) swapRows(labels, i, j);
      else {
        const held = labels[j];
        labels[j] = labels[i];
        labels[i] = held;
      }
    }
  }

  /** `permutation(n)`: 0..n-1 shuffled. */
  permutation(n: number): Int32Array {
    const out = new Int32Array(checkSize(n, 'n'));
    for (let i = 0; i < out.length; i++) out[i] = i;
    this.shuffle(out);
    return out;
  }

  /** A JSON-ready copy of the whole state (numpy's `get_state()`). */
  getState(): RandomStateSnapshot {
    return {
      key: Array.from(this.mt.key),
      pos: this.mt.pos,
      hasGauss: this.hasGauss,
      gauss: this.cachedGauss,
    };
  }

  /** Restores a state from `getState()` or from numpy (`has_gauss` may be 0/1). Throws BAD_STATE if malformed. */
  setState(snapshot: RandomStateSnapshot): void {
    const state = readSnapshot(snapshot, MT_STATE_LENGTH);
    this.mt.key.set(state.key);
    this.mt.pos = state.pos;
    this.hasGauss = state.hasGauss;
    this.cachedGauss = state.gauss;
  }
}

/** The smallest 2^k - 1 >= max, for max < 2^32. */
function smallestMask(max: number): number {
  let mask = max;
  mask |= mask >>> 1;
  mask |= mask >>> 2;
  mask |= mask >>> 4;
  mask |= mask >>> 8;
  mask |= mask >>> 16;
  return mask >>> 0;
}

function swapRows(matrix: Matrix, i: number, j: number): void {
  const { data, cols } = matrix;
  for (let c = 0; c < cols; c++) {
    const held = data[j * cols + c];
    data[j * cols + c] = data[i * cols + c];
    data[i * cols + c] = held;
  }
}
