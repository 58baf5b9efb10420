import { describeValue, ScratchnetError } from '../../errors/scratchnet-error.ts';

/**
 * How the matrix products accumulate, like PyTorch's `torch.set_float32_matmul_precision` or JAX's
 * `default_matmul_precision`. `'exact'` (the default) sums every output in double in the reference
 * order and rounds once: the results are numpy's under `nnfs.init()`, bit for bit, on every backend.
 * `'float32'` lets the `'wasm'` backend sum in float32 (c = c + a·b, each step rounded to float32,
 * p ascending): about twice as fast on large products, and the results differ from numpy's in the
 * last bits (relative error up to about k·2⁻²⁴ for an inner dimension k). Under `'float32'` a
 * float64 operand is rounded to float32 as it is read, and a float64 output receives the float32
 * sum widened (plus the bias, added in double). The `'typescript'` and `'reference'` backends stay
 * exact whatever the precision, and so does `'wasm'` where the float32 module does not load.
 */
export type MatmulPrecision = 'exact' | 'float32';

export const MATMUL_PRECISIONS: readonly MatmulPrecision[] = ['exact', 'float32'];

let chosen: MatmulPrecision = 'exact';

/** The precision of the matrix products in use (`'exact'` unless set). */
export function matmulPrecision(): MatmulPrecision {
  return chosen;
}

/** Chooses the precision of the matrix products for the whole process (or Worker). */
export function setMatmulPrecision(precision: MatmulPrecision): void {
  if (!MATMUL_PRECISIONS.includes(precision)) {
    throw new ScratchnetError(
      'INVALID_OPTION',
      `unknown matmul precision ${describeValue(precision)}`,
      `use one of ${MATMUL_PRECISIONS.map((p) => `'${p}'`).join(', ')}`,
    );
  }
  chosen = precision;
}
