import { describeValue, ScratchnetError } from './scratchnet-error.ts';

/** Throws INVALID_OPTION unless `value` is a finite number >= 0. */
export function requireNonNegative(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new ScratchnetError(
      'INVALID_OPTION',
      `${name} must be a finite number >= 0, got ${describeValue(value)}`,
      `pass a non-negative number for ${name}, e.g. 5e-4 (0 turns it off)`,
    );
  }
  return value;
}

/** Throws INVALID_OPTION unless `value` is a finite number > 0. */
export function requirePositive(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new ScratchnetError(
      'INVALID_OPTION',
      `${name} must be a finite number > 0, got ${describeValue(value)}`,
      `pass a positive number for ${name}`,
    );
  }
  return value;
}

/** Throws INVALID_OPTION unless `value` is an integer >= `min`. */
export function requireInteger(name: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new ScratchnetError(
      'INVALID_OPTION',
      `${name} must be an integer >= ${min}, got ${describeValue(value)}`,
      `pass a whole number of at least ${min} for ${name}`,
    );
  }
  return value;
}

/**
 * Throws INVALID_OPTION unless 0 <= value < 1 (a rate to drop, or a decay factor such as β1 or ρ).
 * The default hint speaks of dropping; decay factors pass their own.
 */
export function requireUnitInterval(
  name: string,
  value: unknown,
  hint = `${name} is the fraction to drop: 0.1 drops 10% (0 disables); 1 would drop everything`,
): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value >= 1) {
    throw new ScratchnetError(
      'INVALID_OPTION',
      `${name} must be in [0, 1), got ${describeValue(value)}`,
      hint,
    );
  }
  return value;
}

/**
 * Rejects option names a class does not know, so that a typo such as `weightRegulariserL2`
 * fails loudly instead of silently training without the regularizer.
 */
export function rejectUnknownOptions(
  owner: string,
  options: object | undefined,
  known: readonly string[],
): void {
  if (options === undefined || options === null) return;
  if (typeof options !== 'object') {
    throw new ScratchnetError(
      'INVALID_OPTION',
      `${owner} options must be an object, got ${describeValue(options)}`,
      `pass an object such as { ${known[0] ?? ''}: ... }`,
    );
  }
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) {
      throw new ScratchnetError(
        'UNKNOWN_OPTION',
        `${owner} has no option ${JSON.stringify(key)}`,
        `known options: ${known.join(', ')}`,
      );
    }
  }
}

/** The structural type of what layers need from a generator (RandomState satisfies it). */
interface GeneratorLike {
  randn(size: number): Float64Array;
}

/** Throws INVALID_OPTION when no seeded generator was passed. */
export function requireGenerator<T extends GeneratorLike>(owner: string, rng: T | undefined): T {
  if (rng === undefined || rng === null || typeof rng.randn !== 'function') {
    throw new ScratchnetError(
      'INVALID_OPTION',
      `${owner} needs a seeded generator in its options, got ${describeValue(rng)}`,
      `pass { rng: new RandomState(0) } (seed 0 gives the book's numbers)`,
    );
  }
  return rng;
}
