import { defaultGenerator } from '../tensor/default-generator.ts';
import { Matrix } from '../tensor/matrix.ts';
import type { RandomState } from '../tensor/random.ts';
import { checkDatasetArguments } from './dataset-checks.ts';
import { type BookNoiseOptions, bookNoiseScale } from './point-noise.ts';

/** The book's jitter of each coordinate: 0.1 · randn. */
export const VERTICAL_NOISE = 0.1;
const CENTRE_Y = 0.5;

/**
 * The book's vertical data, bit for bit as `nnfs.datasets.vertical_data(samples, classes)` makes it
 * after `nnfs.init()`: for each class c, x = f32(f32(g * 0.1) + f32(c / 3)) from `samples` gaussians,
 * then y = f32(f32(g * 0.1) + 0.5) from `samples` more, all in float32. `noise` replaces the
 * book's 0.1; 0 puts every class on one point.
 */
export function verticalData(
  samples: number,
  classes: number,
  rng: RandomState = defaultGenerator(),
  options: BookNoiseOptions = {},
): { X: Matrix; y: Int32Array } {
  checkDatasetArguments('verticalData', samples, classes, rng);
  // applied in float32 as numpy does to a float32 array (NEP 50)
  const scale = bookNoiseScale('verticalData', options, VERTICAL_NOISE);
  const X = Matrix.zeros(samples * classes, 2);
  const y = new Int32Array(samples * classes);
  const data = X.data;
  const noise = new Float32Array(samples);
  for (let classNumber = 0; classNumber < classes; classNumber++) {
    const centreX = Math.fround(classNumber / 3);
    const start = samples * classNumber;
    rng.fillRandn(noise);
    for (let i = 0; i < samples; i++) data[2 * (start + i)] = Math.fround(noise[i] * scale) + centreX;
    rng.fillRandn(noise);
    for (let i = 0; i < samples; i++) {
      data[2 * (start + i) + 1] = Math.fround(noise[i] * scale) + CENTRE_Y;
      y[start + i] = classNumber;
    }
  }
  return { X, y };
}
