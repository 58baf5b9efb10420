import { ScratchnetError } from '../errors/scratchnet-error.ts';
import { rejectUnknownOptions, requireInteger, requireNonNegative } from '../errors/validate.ts';
import { defaultGenerator } from '../tensor/default-generator.ts';
import { type DType, Matrix } from '../tensor/matrix.ts';
import type { RandomState } from '../tensor/random.ts';
import { checkRegressionArguments } from './dataset-checks.ts';

export interface SineDataOptions {
  /**
   * The columns' type. The book's `sine_data` is float64 (nnfs.init() changes neither np.arange nor
   * np.sin), which makes the mean squared error and its gradient float64 in the book's chapter 17.
   * @default 'float32'
   */
  dtype?: DType;
  /**
   * The sine function. JavaScript's Math.sin returns another last bit than numpy's np.sin (the C
   * library's) for 29 of the 1,000 points of sine_data(); rounded to float32 the two agree at every point
   * of sineData(n) for n up to 3,000. For numpy's float64 values bit for bit, pass the port of glibc's sin
   * in the repository's `extras/glibc-sin/` (LGPL-2.1, so not part of the MIT package).
   * @default Math.sin
   */
  sin?: (x: number) => number;
  /**
   * Standard deviation of gaussian noise added to each target (one `rng.gauss()` per row, in row
   * order); 0 draws nothing and gives the book's data. @default 0
   */
  noise?: number;
  /** The generator the noise comes from. @default the default generator */
  rng?: RandomState;
}

/**
 * The book's sine data, as `nnfs.datasets.sine_data(samples)`: X = arange(samples) / samples and
 * y = sin(2 pi X), both computed in float64 and stored as float32 columns (samples x 1), or kept as
 * float64 with `dtype: 'float64'`. With `noise`, y = sin(2 pi X) + noise · randn.
 */
export function sineData(samples = 1000, options: SineDataOptions = {}): { X: Matrix; y: Matrix } {
  requireInteger('sineData samples', samples, 1);
  rejectUnknownOptions('sineData', options, ['dtype', 'sin', 'noise', 'rng']);
  const dtype = options.dtype ?? 'float32';
  const sin = options.sin ?? Math.sin;
  if (typeof sin !== 'function') {
    throw new ScratchnetError(
      'INVALID_OPTION',
      `sineData sin must be a function, got ${typeof sin}`,
      'pass a function of one number, e.g. Math.sin (the default)',
    );
  }
  const noise = requireNonNegative('sineData noise', options.noise ?? 0);
  const rng = options.rng ?? (noise > 0 ? defaultGenerator() : null);
  if (rng !== null) checkRegressionArguments('sineData', samples, rng);
  const X = Matrix.zeros(samples, 1, dtype);
  const y = Matrix.zeros(samples, 1, dtype);
  for (let i = 0; i < samples; i++) {
    const x = i / samples;
    X.data[i] = x;
    const clean = sin(2 * Math.PI * x);
    y.data[i] = noise > 0 && rng !== null ? clean + noise * rng.gauss() : clean;
  }
  return { X, y };
}
