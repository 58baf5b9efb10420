import { defaultGenerator } from '../tensor/default-generator.ts';
import { Matrix } from '../tensor/matrix.ts';
import type { RandomState } from '../tensor/random.ts';
import { checkDatasetArguments } from './dataset-checks.ts';
import { type PointNoiseOptions, pointNoise } from './point-noise.ts';

/**
 * TensorFlow Playground's "circle", for any number of classes: class c lies on the ring of radius
 * (c + 0.1 … c + 0.9) / classes around the origin (class 0 a disc), at a uniform angle, plus gaussian
 * jitter of `noise`. Rows are class by class; each point draws radius, angle, then the two jitters.
 *
 * ```ts
 * const { X, y } = circleData(100, 2, new RandomState(0));   // a disc inside a ring
 * ```
 */
export function circleData(
  samples: number,
  classes: number,
  rng: RandomState = defaultGenerator(),
  options: PointNoiseOptions = {},
): { X: Matrix; y: Int32Array } {
  checkDatasetArguments('circleData', samples, classes, rng);
  const noise = pointNoise('circleData', options);
  const X = Matrix.zeros(samples * classes, 2);
  const y = new Int32Array(samples * classes);
  for (let c = 0; c < classes; c++) {
    for (let i = 0; i < samples; i++) {
      const row = c * samples + i;
      const radius = (c + 0.1 + 0.8 * rng.random()) / classes;
      const angle = 2 * Math.PI * rng.random();
      X.data[2 * row] = radius * Math.sin(angle) + noise * rng.gauss();
      X.data[2 * row + 1] = radius * Math.cos(angle) + noise * rng.gauss();
      y[row] = c;
    }
  }
  return { X, y };
}
