import { rejectUnknownOptions, requireInteger } from '../errors/validate.ts';
import { glibcSin } from '../tensor/libm/glibc-sin.ts';
import { type DType, Matrix } from '../tensor/matrix.ts';

export interface SineDataOptions {
  /**
   * The columns' type. The book's `sine_data` is float64 (nnfs.init() changes neither np.arange nor
   * np.sin), which makes the mean squared error and its gradient float64 in the book's chapter 17.
   * @default 'float32'
   */
  dtype?: DType;
}

/**
 * The book's sine data, as `nnfs.datasets.sine_data(samples)`: X = arange(samples) / samples and
 * y = sin(2 pi X), both computed in float64 and stored as float32 columns (samples x 1), or kept as
 * float64 with `dtype: 'float64'`. The sine is glibc's (glibcSin), which np.sin calls on x86-64 Linux,
 * so the float64 values equal numpy's bit for bit; JavaScript's Math.sin differs in the last bit for 29
 * of the 1,000 points of sine_data().
 */
export function sineData(samples = 1000, options: SineDataOptions = {}): { X: Matrix; y: Matrix } {
  requireInteger('sineData samples', samples, 1);
  rejectUnknownOptions('sineData', options, ['dtype']);
  const dtype = options.dtype ?? 'float32';
  const X = Matrix.zeros(samples, 1, dtype);
  const y = Matrix.zeros(samples, 1, dtype);
  for (let i = 0; i < samples; i++) {
    const x = i / samples;
    X.data[i] = x;
    y.data[i] = glibcSin(2 * Math.PI * x);
  }
  return { X, y };
}
