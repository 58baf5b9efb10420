import { describeValue, ScratchnetError } from '../errors/scratchnet-error.ts';
import { Matrix } from '../tensor/matrix.ts';

/** Throws SHAPE_MISMATCH unless `value` is a Matrix (a layer given null, an array or a plain object). */
export function requireMatrix(what: string, value: unknown): Matrix {
  if (!(value instanceof Matrix)) {
    throw new ScratchnetError(
      'SHAPE_MISMATCH',
      `${what} takes a Matrix, got ${describeValue(value)}`,
      'pass a Matrix, e.g. Matrix.fromRows([[0.1, 0.2]]) for one sample of two features',
    );
  }
  return value;
}

/** Throws SHAPE_MISMATCH unless `inputs` has `cols` columns. */
export function requireColumns(layer: string, inputs: Matrix, cols: number): void {
  requireMatrix(`${layer}.forward`, inputs);
  if (inputs.cols !== cols) {
    throw new ScratchnetError(
      'SHAPE_MISMATCH',
      `${layer} expects inputs with ${cols} columns, got a ${inputs.rows}x${inputs.cols} matrix`,
      'the previous layer (or the data) must produce as many columns as this layer has inputs',
    );
  }
}

/** Throws SHAPE_MISMATCH unless `a` and `b` have the same shape. */
export function requireSameShape(what: string, a: Matrix, b: Matrix): void {
  requireMatrix(what, b);
  if (a.rows !== b.rows || a.cols !== b.cols) {
    throw new ScratchnetError(
      'SHAPE_MISMATCH',
      `${what}: expected a ${a.rows}x${a.cols} matrix, got ${b.rows}x${b.cols}`,
      'backward takes a gradient shaped like the output of the same layer’s forward',
    );
  }
}

/** Throws BAD_STATE when backward runs before forward. */
export function requireForwardFirst<T>(layer: string, remembered: T | null, what = 'backward'): T {
  if (remembered === null) {
    const message =
      what === 'backward'
        ? `${layer}.backward was called before forward`
        : `${layer}.${what} is read before it was computed`;
    throw new ScratchnetError(
      'BAD_STATE',
      message,
      what === 'dInputs' ? 'call backward first' : 'call forward first',
    );
  }
  return remembered;
}

/** Throws NON_FINITE_INPUT naming the first NaN or infinite value. */
export function requireFinite(what: string, values: Matrix): void {
  const data = values.data;
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) {
      const row = Math.floor(i / values.cols);
      const col = i % values.cols;
      throw new ScratchnetError(
        'NON_FINITE_INPUT',
        `${what} has a non-finite value (${data[i]}) at row ${row}, column ${col}`,
        'remove or impute NaN and infinite values before training',
      );
    }
  }
}
