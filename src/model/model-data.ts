import { describeValue, ScratchnetError } from '../errors/scratchnet-error.ts';
import type { ClassLabels } from '../losses/targets.ts';
import { Matrix } from '../tensor/matrix.ts';
import type { ModelTargets } from './model-targets.ts';

/** Numbers in a flat typed array or plain array, with the [rows, cols] shape they fill row by row. */
export interface ShapedArray {
  readonly data: ArrayLike<number>;
  readonly shape: readonly [number, number];
}

/**
 * Inputs as a user has them: a Matrix, one array of numbers per sample (`number[][]`), or a flat
 * array with its shape (`{ data: Float32Array, shape: [rows, cols] }`). Converted to float32.
 */
export type InputData = Matrix | readonly (readonly number[])[] | ShapedArray;

/**
 * Targets as a user has them: class labels (a flat `number[]` or typed array of integer classes),
 * or one row per sample (`number[][]`, a ShapedArray or a Matrix) for one-hot, binary or
 * regression targets.
 */
export type TargetData = ModelTargets | readonly number[] | ArrayLike<number> | InputData;

const INPUT_FORMS = 'a Matrix, rows of numbers (number[][]) or { data, shape: [rows, cols] }';

function isShaped(value: unknown): value is ShapedArray {
  return typeof value === 'object' && value !== null && 'data' in value && 'shape' in value;
}

function notFinite(what: string, where: string, value: number): ScratchnetError {
  return new ScratchnetError(
    'NON_FINITE_INPUT',
    `${what}${where} is ${value}`,
    'remove or fill the missing values before training; every input must be a finite number',
  );
}

function requireNumber(what: string, where: string, value: unknown): number {
  if (typeof value !== 'number') {
    throw new ScratchnetError(
      'BAD_DATA',
      `${what}${where} is ${describeValue(value)}, not a number`,
      'convert every value to a number first (e.g. Number(text) for values read from a file)',
    );
  }
  if (!Number.isFinite(value)) throw notFinite(what, where, value);
  return value;
}

function fromRows(what: string, rows: readonly unknown[]): Matrix {
  const first = rows[0];
  const cols = Array.isArray(first) ? first.length : 0;
  const out = Matrix.zeros(rows.length, cols);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    if (!Array.isArray(row)) {
      throw new ScratchnetError(
        'BAD_DATA',
        `${what}: row ${r} is ${describeValue(row)}, not an array of numbers`,
        `pass ${INPUT_FORMS}`,
      );
    }
    if (row.length !== cols) {
      throw new ScratchnetError(
        'SHAPE_MISMATCH',
        `${what}: row ${r} has ${row.length} values, row 0 has ${cols}`,
        'every row (sample) must have the same number of columns (features)',
      );
    }
    for (let c = 0; c < cols; c++) out.data[r * cols + c] = requireNumber(what, `[${r}][${c}]`, row[c]);
  }
  return out;
}

function fromShaped(what: string, value: ShapedArray): Matrix {
  const { data, shape } = value;
  const valid =
    Array.isArray(shape) && shape.length === 2 && shape.every((n) => Number.isInteger(n) && n >= 0);
  if (!valid || typeof data?.length !== 'number') {
    throw new ScratchnetError(
      'BAD_DATA',
      `${what}: { data, shape } needs an array of numbers and shape [rows, cols] of two counts, got shape ${describeValue(shape)}`,
      'e.g. { data: new Float32Array(6), shape: [3, 2] } for 3 samples of 2 features',
    );
  }
  const [rows, cols] = shape;
  if (data.length !== rows * cols) {
    throw new ScratchnetError(
      'SHAPE_MISMATCH',
      `${what}: shape [${rows}, ${cols}] needs ${rows * cols} values, data has ${data.length}`,
      'the data holds the rows one after another: rows × cols values',
    );
  }
  const out = Matrix.zeros(rows, cols);
  for (let i = 0; i < data.length; i++) {
    out.data[i] = requireNumber(what, `.data[${i}] (row ${Math.floor(i / cols)})`, data[i]);
  }
  return out;
}

/**
 * The inputs as a float32 Matrix (a Matrix passes through untouched). Throws BAD_DATA on a value
 * that is not a number, SHAPE_MISMATCH on ragged rows, NON_FINITE_INPUT on NaN or ±Infinity.
 */
export function toMatrix(what: string, X: unknown): Matrix {
  if (X instanceof Matrix) return X;
  if (Array.isArray(X)) return fromRows(what, X);
  if (isShaped(X)) return fromShaped(what, X);
  throw new ScratchnetError('BAD_DATA', `${what} must be ${INPUT_FORMS}, got ${describeValue(X)}`);
}

function isFlatNumbers(y: unknown): y is ArrayLike<number> {
  if (ArrayBuffer.isView(y)) return true;
  return Array.isArray(y) && (y.length === 0 || !Array.isArray(y[0]));
}

function toLabels(what: string, y: ArrayLike<number>): ClassLabels {
  if (y instanceof Int32Array || y instanceof Uint8Array || y instanceof Uint16Array) return y;
  if (y instanceof Uint32Array) return y;
  const labels = new Int32Array(y.length);
  for (let i = 0; i < y.length; i++) {
    const label = requireNumber(what, `[${i}]`, y[i]);
    if (!Number.isInteger(label) || label < 0 || label > 0x7fffffff) {
      throw new ScratchnetError(
        'BAD_LABEL',
        `${what}[${i}] is ${label}, not a class index (an integer from 0)`,
        'a flat y holds class indices; for regression or one-hot targets pass one row per sample ([[0.5], ...])',
      );
    }
    labels[i] = label;
  }
  return labels;
}

/**
 * The targets the model trains against: a flat array becomes class labels (Int32Array), rows or a
 * shaped array a float32 Matrix; integer typed arrays and Matrices pass through.
 */
export function toTargets(what: string, y: unknown): ModelTargets {
  if (isFlatNumbers(y)) return toLabels(`${what} y`, y);
  if (y instanceof Matrix || Array.isArray(y) || isShaped(y)) return toMatrix(`${what} y`, y);
  throw new ScratchnetError(
    'BAD_DATA',
    `${what} y must be class labels (number[] or a typed array) or rows of targets, got ${describeValue(y)}`,
    'pass one label per sample, e.g. [0, 2, 1], or one row per sample, e.g. [[0.5], [1.2]]',
  );
}
