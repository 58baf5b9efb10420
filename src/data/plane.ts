import { rejectUnknownOptions } from '../errors/validate.ts';
import { defaultGenerator } from '../tensor/default-generator.ts';
import { Matrix } from '../tensor/matrix.ts';
import type { RandomState } from '../tensor/random.ts';
import { checkRegressionArguments } from './dataset-checks.ts';
import { type PointNoiseOptions, pointNoise } from './point-noise.ts';

/**
 * Coordinates are TensorFlow Playground's divided by 6 (its square is [-6, 6]²), so that the points
 * fill [-1, 1]² as our circle, xor and gaussian sets do; targets are the Playground's own.
 */
export const PLAYGROUND_SCALE = 6;

/**
 * A regression point set drawn as TensorFlow Playground draws its two (tensorflow/playground
 * src/dataset.ts, `regressPlane` and `regressGaussian`, commit 02469bd): per point x1, x2 uniform in
 * [-1, 1], then two uniform jitters in [-noise, noise]; the target is read at the jittered place, the
 * point stays where it was drawn (the Playground's noise is noise in the targets, not the points).
 * Four draws per point whatever the noise, so the points do not move when only the noise changes.
 */
export function playgroundRegression(
  dataset: string,
  samples: number,
  rng: RandomState,
  options: PointNoiseOptions,
  target: (x1: number, x2: number) => number,
): { X: Matrix; y: Matrix } {
  checkRegressionArguments(dataset, samples, rng);
  rejectUnknownOptions(dataset, options, ['noise']);
  const noise = pointNoise(dataset, options);
  const X = Matrix.zeros(samples, 2);
  const y = Matrix.zeros(samples, 1);
  for (let i = 0; i < samples; i++) {
    // the stored (float32) point, so that noise 0 gives exactly target(X row)
    const x1 = Math.fround(2 * rng.random() - 1);
    const x2 = Math.fround(2 * rng.random() - 1);
    const jitter1 = (2 * rng.random() - 1) * noise;
    const jitter2 = (2 * rng.random() - 1) * noise;
    X.data[2 * i] = x1;
    X.data[2 * i + 1] = x2;
    y.data[i] = target(x1 + jitter1, x2 + jitter2);
  }
  return { X, y };
}

/** The Plane's target: the Playground's (x + y) / 10 on [-6, 6]², that is 0.6 (x1 + x2) here. */
export function planeTarget(x1: number, x2: number): number {
  return ((x1 + x2) * PLAYGROUND_SCALE) / 10;
}

/**
 * TensorFlow Playground's regression "Plane": `samples` points uniform in [-1, 1]² (the Playground's
 * [-6, 6]² scaled by 1/6) with target 0.6 (x1 + x2), in [-1.2, 1.2] without noise, read at a place
 * jittered by up to ±`noise` in each coordinate (the Playground's noise slider, 0 to 0.5).
 *
 * ```ts
 * const { X, y } = planeData(200, new RandomState(0), { noise: 0 });   // X: 200x2, y: 200x1
 * ```
 */
export function planeData(
  samples: number,
  rng: RandomState = defaultGenerator(),
  options: PointNoiseOptions = {},
): { X: Matrix; y: Matrix } {
  return playgroundRegression('planeData', samples, rng, options, planeTarget);
}
