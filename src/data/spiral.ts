import { defaultGenerator } from '../tensor/default-generator.ts';
import { Matrix } from '../tensor/matrix.ts';
import type { RandomState } from '../tensor/random.ts';
import { checkDatasetArguments } from './dataset-checks.ts';
import { linspaceAt } from './linspace.ts';
import { type BookNoiseOptions, bookNoiseScale } from './point-noise.ts';

/** The book's angle jitter: t + 0.2 · randn. */
export const SPIRAL_NOISE = 0.2;

/**
 * The book's spiral data, bit for bit as `nnfs.datasets.spiral_data(samples, classes)` makes it after
 * `nnfs.init()` (float32 storage): class by class, `samples` gaussians of noise (rounded to float32,
 * scaled by float32 0.2 in float32), radius r = linspace(0, 1), angle t = linspace(4c, 4(c+1)) + noise
 * in float64, point (r sin 2.5t, r cos 2.5t) computed in float64 and rounded to float32.
 * `noise` replaces the book's 0.2 (the scale of the angle's jitter); 0 gives the bare spirals.
 *
 * ```ts
 * const { X, y } = spiralData(100, 3, new RandomState(0));   // X: 300x2 float32, y: labels 0, 1, 2
 * ```
 */
export function spiralData(
  samples: number,
  classes: number,
  rng: RandomState = defaultGenerator(),
  options: BookNoiseOptions = {},
): { X: Matrix; y: Int32Array } {
  checkDatasetArguments('spiralData', samples, classes, rng);
  // float32(0.2): numpy multiplies the float32 noise by the Python float 0.2 in float32 (NEP 50)
  const scale = bookNoiseScale('spiralData', options, SPIRAL_NOISE);
  const X = Matrix.zeros(samples * classes, 2);
  const y = new Int32Array(samples * classes);
  const data = X.data;
  const noise = new Float32Array(samples);
  for (let classNumber = 0; classNumber < classes; classNumber++) {
    rng.fillRandn(noise); // np.random.randn(samples), which nnfs.init() makes float32
    for (let i = 0; i < samples; i++) {
      const row = samples * classNumber + i;
      const r = linspaceAt(0, 1, samples, i);
      const t =
        linspaceAt(classNumber * 4, (classNumber + 1) * 4, samples, i) + Math.fround(noise[i] * scale);
      // Math.sin/cos differ from glibc's in the last bit of the double for ~3% of angles; that moves
      // the float32 point only within ~1 double ulp of a float32 rounding midpoint, and the book's points
      // are >= 57000 ulps away from one (measured by make_dataset_fixtures.py)
      data[2 * row] = r * Math.sin(t * 2.5);
      data[2 * row + 1] = r * Math.cos(t * 2.5);
      y[row] = classNumber;
    }
  }
  return { X, y };
}
