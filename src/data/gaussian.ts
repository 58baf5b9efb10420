import { defaultGenerator } from '../tensor/default-generator.ts';
import { Matrix } from '../tensor/matrix.ts';
import type { RandomState } from '../tensor/random.ts';
import { checkDatasetArguments } from './dataset-checks.ts';
import { type PointNoiseOptions, pointNoise } from './point-noise.ts';

/** The spread every blob has even without noise, so that noise 0 still gives clouds, not points. */
const BASE_SPREAD = 0.1;
const CENTRE_RADIUS = 0.5;

/**
 * TensorFlow Playground's "gaussian", for any number of classes: class c is a gaussian cloud of
 * standard deviation 0.1 + noise around the point at radius 0.5 and angle π/4 + 2πc/classes.
 * Rows are class by class; each point draws its two gaussians.
 */
export function gaussianData(
  samples: number,
  classes: number,
  rng: RandomState = defaultGenerator(),
  options: PointNoiseOptions = {},
): { X: Matrix; y: Int32Array } {
  checkDatasetArguments('gaussianData', samples, classes, rng);
  const spread = BASE_SPREAD + pointNoise('gaussianData', options);
  const X = Matrix.zeros(samples * classes, 2);
  const y = new Int32Array(samples * classes);
  for (let c = 0; c < classes; c++) {
    const angle = Math.PI / 4 + (2 * Math.PI * c) / classes;
    const centreX = CENTRE_RADIUS * Math.cos(angle);
    const centreY = CENTRE_RADIUS * Math.sin(angle);
    for (let i = 0; i < samples; i++) {
      const row = c * samples + i;
      X.data[2 * row] = centreX + spread * rng.gauss();
      X.data[2 * row + 1] = centreY + spread * rng.gauss();
      y[row] = c;
    }
  }
  return { X, y };
}
