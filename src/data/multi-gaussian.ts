import { defaultGenerator } from '../tensor/default-generator.ts';
import type { Matrix } from '../tensor/matrix.ts';
import type { RandomState } from '../tensor/random.ts';
import { PLAYGROUND_SCALE, playgroundRegression } from './plane.ts';
import type { PointNoiseOptions } from './point-noise.ts';

/** The Playground's six bumps: centre on [-6, 6]² and sign, alternating like a checkerboard. */
const BUMPS: readonly (readonly [number, number, number])[] = [
  [-4, 2.5, 1],
  [0, 2.5, -1],
  [4, 2.5, 1],
  [-4, -2.5, -1],
  [0, -2.5, 1],
  [4, -2.5, -1],
];
/** Each bump falls linearly from 1 at its centre to 0 at distance 2 (on [-6, 6]²). */
const BUMP_RADIUS = 2;

/**
 * The Multi Gaussian's target: of the six bumps' values sign · max(0, 1 − distance / 2), the one
 * largest in absolute value (the first of equals; 0 away from all of them), as the Playground's.
 */
export function multiGaussianTarget(x1: number, x2: number): number {
  const x = x1 * PLAYGROUND_SCALE;
  const y = x2 * PLAYGROUND_SCALE;
  let target = 0;
  for (const [cx, cy, sign] of BUMPS) {
    const distance = Math.sqrt((x - cx) * (x - cx) + (y - cy) * (y - cy));
    const value = sign * Math.min(1, Math.max(0, 1 - distance / BUMP_RADIUS));
    if (Math.abs(value) > Math.abs(target)) target = value;
  }
  return target;
}

/**
 * TensorFlow Playground's regression "Multi Gaussian": `samples` points uniform in [-1, 1]² (the
 * Playground's [-6, 6]² scaled by 1/6) whose target, in [-1, 1], is a checkerboard of six cones of
 * height ±1 and radius 1/3 centred at (±2/3 or 0, ±5/12), read at a place jittered by up to ±`noise`
 * in each coordinate, as `planeData`.
 *
 * ```ts
 * const { X, y } = multiGaussianData(200, new RandomState(0));   // X: 200x2, y: 200x1
 * ```
 */
export function multiGaussianData(
  samples: number,
  rng: RandomState = defaultGenerator(),
  options: PointNoiseOptions = {},
): { X: Matrix; y: Matrix } {
  return playgroundRegression('multiGaussianData', samples, rng, options, multiGaussianTarget);
}
