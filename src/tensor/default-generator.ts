import { describeValue, ScratchnetError } from '../errors/scratchnet-error.ts';
import { RandomState } from './random.ts';

// The generator layers and data helpers use when not given `{ rng }`: numpy's global generator in the
// book, which `nnfs.init()` seeds with 0. Created on first use, so a program that passes its own
// generator everywhere never draws from it.
let current: RandomState | null = null;

/** The default generator (seeded with 0 on first use, as `nnfs.init()` seeds numpy's). */
export function defaultGenerator(): RandomState {
  if (current === null) current = new RandomState(0);
  return current;
}

/**
 * Reseeds the default generator in place, as `np.random.seed(n)` reseeds numpy's: `seed(0)` and the
 * book's `nnfs.init()` give the same spiral data, initial weights and dropout masks. Layers built
 * before the call draw from the reseeded generator too. Returns the generator.
 */
export function seed(n: number | readonly number[]): RandomState {
  const rng = defaultGenerator();
  rng.seed(n);
  return rng;
}

/** Makes `rng` the default generator (layers built earlier keep the one they had). */
export function setDefaultGenerator(rng: RandomState): void {
  if (!(rng instanceof RandomState)) {
    throw new ScratchnetError(
      'INVALID_OPTION',
      `setDefaultGenerator needs a RandomState, got ${describeValue(rng)}`,
      'pass new RandomState(seed), or call seed(n) to reseed the default generator',
    );
  }
  current = rng;
}
