// Argument checks for RandomState's public methods: each names the offending value and the fix.

import { describeValue, ScratchnetError } from '../errors/scratchnet-error.ts';
import type { RandomStateSnapshot } from './random.ts';

const MAX_UINT32 = 4294967295;

function isUint32(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_UINT32;
}

/** A seed as numpy accepts it: an integer in [0, 2^32 - 1] or a non-empty array of them. */
export function checkSeed(seed: unknown): number | readonly number[] {
  if (isUint32(seed)) return seed;
  if (Array.isArray(seed) && seed.length > 0 && seed.every(isUint32)) return seed;
  const detail = Array.isArray(seed)
    ? seed.length === 0
      ? 'an empty array'
      : `an array holding ${describeValue(seed.find((word) => !isUint32(word)))}`
    : describeValue(seed);
  throw new ScratchnetError(
    'INVALID_OPTION',
    `seed must be an integer between 0 and 2**32 - 1 (4294967295), got ${detail}`,
    'pass a whole number such as 0 (what nnfs.init() uses) or 42; numpy rejects the same values',
  );
}

/** A count of values to draw: an integer >= 0. */
export function checkSize(size: unknown, name = 'size'): number {
  if (typeof size !== 'number' || !Number.isInteger(size) || size < 0 || size > 2147483647) {
    throw new ScratchnetError(
      'INVALID_OPTION',
      `${name} must be a whole number >= 0, got ${describeValue(size)}`,
      `pass how many values you want, e.g. ${name === 'n' ? 'permutation(10)' : 'randn(10)'}`,
    );
  }
  return size;
}

/** binomial's n (an integer in [0, maxN]) and p (a probability in [0, 1], not NaN). */
export function checkBinomial(n: unknown, p: unknown, maxN: number): void {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > maxN) {
    throw new ScratchnetError(
      'INVALID_OPTION',
      `binomial n must be a whole number between 0 and ${maxN}, got ${describeValue(n)}`,
      'n is the number of trials, e.g. 1 for a dropout mask',
    );
  }
  if (typeof p !== 'number' || !(p >= 0 && p <= 1)) {
    throw new ScratchnetError(
      'INVALID_OPTION',
      `binomial p must be a probability in [0, 1], got ${describeValue(p)}`,
      'p is the chance of success of one trial, e.g. 0.9 to keep 90% in a dropout mask',
    );
  }
}

/** randint's bounds: low < high, every value of [low, high) a safe integer, high - low <= 2^53. Returns high - low - 1. */
export function checkRange(low: unknown, high: unknown): number {
  const lowOk = typeof low === 'number' && Number.isSafeInteger(low);
  // high is exclusive, so it may be 2^53 itself
  const highOk = typeof high === 'number' && (Number.isSafeInteger(high) || high === 2 ** 53);
  if (!lowOk || !highOk) {
    const [name, value] = lowOk ? ['high', high] : ['low', low];
    throw new ScratchnetError(
      'INVALID_OPTION',
      `randint ${name} must be a whole number within ±2**53, got ${describeValue(value)}`,
      'randint draws integers in [low, high)',
    );
  }
  const lo = low as number;
  const hi = high as number;
  if (lo >= hi) {
    throw new ScratchnetError(
      'INVALID_OPTION',
      `randint needs low < high, got low = ${lo} and high = ${hi}`,
      'randint draws from [low, high), which is empty unless low < high',
    );
  }
  const span = BigInt(hi) - BigInt(lo);
  if (span > 2n ** 53n) {
    throw new ScratchnetError(
      'INVALID_OPTION',
      `randint's range high - low = ${span} is over 2**53`,
      'scratchnet draws integers exactly only for ranges up to 2**53',
    );
  }
  return Number(span - 1n);
}

function badState(message: string): ScratchnetError {
  return new ScratchnetError(
    'BAD_STATE',
    message,
    "pass an object from getState(), or numpy's get_state() as { key, pos, hasGauss, gauss }",
  );
}

/** Validates a snapshot (from getState or converted from numpy) without trusting its types. */
export function readSnapshot(snapshot: unknown, keyLength: number): RandomStateSnapshot {
  if (typeof snapshot !== 'object' || snapshot === null) {
    throw badState(`a generator state must be an object, got ${describeValue(snapshot)}`);
  }
  const { key, pos, hasGauss, gauss } = snapshot as Record<string, unknown>;
  const words = ArrayBuffer.isView(key) || Array.isArray(key) ? Array.from(key as ArrayLike<unknown>) : null;
  if (words === null || words.length !== keyLength) {
    const got = words === null ? describeValue(key) : `${words.length} words`;
    throw badState(`the state's key must hold ${keyLength} words, got ${got}`);
  }
  const badWord = words.findIndex((word) => !isUint32(word));
  if (badWord >= 0) {
    throw badState(
      `the state's key words must be integers in [0, 4294967295]; key[${badWord}] is ${describeValue(words[badWord])}`,
    );
  }
  if (typeof pos !== 'number' || !Number.isInteger(pos) || pos < 0 || pos > keyLength) {
    throw badState(`the state's pos must be an integer in [0, ${keyLength}], got ${describeValue(pos)}`);
  }
  if (hasGauss !== true && hasGauss !== false && hasGauss !== 0 && hasGauss !== 1) {
    throw badState(
      `the state's hasGauss must be true or false (or numpy's 1 or 0), got ${describeValue(hasGauss)}`,
    );
  }
  if (typeof gauss !== 'number' || !Number.isFinite(gauss)) {
    throw badState(`the state's gauss must be a finite number, got ${describeValue(gauss)}`);
  }
  return { key: words as number[], pos, hasGauss: hasGauss === true || hasGauss === 1, gauss };
}
