import { type DType, Matrix } from '../src/tensor/matrix.ts';
import type { RandomState } from '../src/tensor/random.ts';

/**
 * Test operands for the kernels: gaussians scaled over 2^±20, with zeros and negative zeros, so that
 * a sum's rounding depends on its order (a changed order, a lost -0 or a double rounding shows).
 * `resident` puts them in the kernels' memory, where the WebAssembly kernels use them in place.
 */
export function filledMatrix(
  rows: number,
  cols: number,
  dtype: DType,
  rng: RandomState,
  resident = false,
): Matrix {
  const m = resident ? Matrix.resident(rows, cols, dtype) : Matrix.zeros(rows, cols, dtype);
  for (let i = 0; i < m.data.length; i++) {
    const u = rng.random();
    m.data[i] = u < 0.05 ? 0 : u < 0.1 ? -0 : rng.gauss() * 2 ** Math.floor(41 * rng.random() - 20);
  }
  return m;
}
