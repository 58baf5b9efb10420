import { requireInteger } from '../errors/validate.ts';
import { Matrix } from '../tensor/matrix.ts';

/**
 * The book's sine data, as `nnfs.datasets.sine_data(samples)`: X = arange(samples) / samples and
 * y = sin(2 pi X), both computed in float64 and stored as float32 columns (samples x 1).
 */
export function sineData(samples = 1000): { X: Matrix; y: Matrix } {
  requireInteger('sineData samples', samples, 1);
  const X = Matrix.zeros(samples, 1);
  const y = Matrix.zeros(samples, 1);
  for (let i = 0; i < samples; i++) {
    const x = i / samples;
    X.data[i] = x;
    y.data[i] = Math.sin(2 * Math.PI * x);
  }
  return { X, y };
}
