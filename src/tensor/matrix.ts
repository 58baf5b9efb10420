import { formatBytes } from '../errors/format-bytes.ts';
import { describeValue, ScratchnetError } from '../errors/scratchnet-error.ts';
import { kernels } from './kernel-table.ts';

/** Storage of a matrix: float32 by default (as the book under `nnfs.init()`), float64 for gradient checks. */
export type FloatArray = Float32Array | Float64Array;
export type DType = 'float32' | 'float64';

/**
 * The most values one matrix may hold: 2^31 − 1 (8.6 GB of float32), a typed-array length every
 * JavaScript engine allocates. Larger shapes are refused before anything is allocated, with the
 * size in the message, rather than failing deep inside the engine (or, where the engine allows
 * more, exhausting the machine's memory).
 */
export const MAX_MATRIX_VALUES = 2 ** 31 - 1;

/**
 * Throws unless `rows` and `cols` are whole numbers >= 0 whose product one matrix can hold.
 * `what` names the matrix in the message (`Dense(2, 10000000000) weights`).
 */
export function requireMatrixShape(
  what: string,
  rows: unknown,
  cols: unknown,
  dtype: DType = 'float32',
): void {
  for (const [name, value] of [
    ['rows', rows],
    ['cols', cols],
  ] as const) {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
      throw new ScratchnetError(
        'INVALID_OPTION',
        `${what}: ${name} must be a whole number >= 0, got ${describeValue(value)}`,
        'a matrix has a whole number of rows and columns',
      );
    }
  }
  if (dtype !== 'float32' && dtype !== 'float64') {
    throw new ScratchnetError(
      'INVALID_OPTION',
      `${what}: dtype must be "float32" or "float64", got ${describeValue(dtype)}`,
      'use float32 (the default, as the book) or float64 (for gradient checks)',
    );
  }
  const values = (rows as number) * (cols as number);
  if (values > MAX_MATRIX_VALUES) {
    const bytes = values * (dtype === 'float64' ? 8 : 4);
    throw new ScratchnetError(
      'OUT_OF_MEMORY',
      `${what}: a ${rows}x${cols} matrix would hold ${values} values (${formatBytes(bytes)}); one matrix holds at most ${MAX_MATRIX_VALUES}`,
      'use smaller layers, or fewer rows at a time (a batch size)',
    );
  }
}

/** A dense row-major matrix. Element (r, c) is `data[r * cols + c]`. */
export class Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: FloatArray;

  constructor(rows: number, cols: number, data: FloatArray) {
    requireMatrixShape('new Matrix', rows, cols);
    if (!(data instanceof Float32Array || data instanceof Float64Array)) {
      throw new ScratchnetError(
        'INVALID_OPTION',
        `new Matrix: data must be a Float32Array or Float64Array, got ${describeValue(data)}`,
        'wrap the values: new Matrix(rows, cols, Float32Array.from(values))',
      );
    }
    if (data.length !== rows * cols) {
      throw new ScratchnetError(
        'SHAPE_MISMATCH',
        `a ${rows}x${cols} matrix needs ${rows * cols} values, got ${data.length}`,
        'check the rows and columns you passed against the length of the data',
      );
    }
    this.rows = rows;
    this.cols = cols;
    this.data = data;
  }

  get dtype(): DType {
    return this.data instanceof Float64Array ? 'float64' : 'float32';
  }

  get shape(): [number, number] {
    return [this.rows, this.cols];
  }

  /** A new zero matrix. */
  static zeros(rows: number, cols: number, dtype: DType = 'float32'): Matrix {
    requireMatrixShape('Matrix.zeros', rows, cols, dtype);
    const size = rows * cols;
    return new Matrix(rows, cols, dtype === 'float64' ? new Float64Array(size) : new Float32Array(size));
  }

  /**
   * A new zero matrix for the buffers kernels read and write every step: its data comes from the kernel
   * table's allocator, which the speed wing points at its own memory so that its kernels use it in place.
   */
  static resident(rows: number, cols: number, dtype: DType = 'float32'): Matrix {
    requireMatrixShape('Matrix.resident', rows, cols, dtype);
    const size = rows * cols;
    return new Matrix(
      rows,
      cols,
      dtype === 'float64' ? kernels.arrays.float64(size) : kernels.arrays.float32(size),
    );
  }

  /** Copies nested arrays (one inner array per row) into a new matrix. */
  static fromRows(rows: readonly (readonly number[])[], dtype: DType = 'float32'): Matrix {
    const isRow = (row: unknown): boolean => Array.isArray(row) || ArrayBuffer.isView(row);
    if (!Array.isArray(rows) || !rows.every(isRow)) {
      throw new ScratchnetError(
        'INVALID_OPTION',
        `Matrix.fromRows takes an array of rows, each an array of numbers, got ${describeValue(rows)}`,
        'e.g. Matrix.fromRows([[1, 2], [3, 4]]) for two rows of two columns',
      );
    }
    const nRows = rows.length;
    const nCols = nRows === 0 ? 0 : rows[0].length;
    const out = Matrix.zeros(nRows, nCols, dtype);
    for (let r = 0; r < nRows; r++) {
      if (rows[r].length !== nCols) {
        throw new ScratchnetError(
          'SHAPE_MISMATCH',
          `row ${r} has ${rows[r].length} values, row 0 has ${nCols}`,
          'every row must have the same number of columns',
        );
      }
      out.data.set(rows[r], r * nCols);
    }
    return out;
  }

  /** Element (row, col). For reading in tests and examples, not for kernels. */
  get(row: number, col: number): number {
    return this.data[row * this.cols + col];
  }

  /** A deep copy, optionally converted to another dtype. */
  clone(dtype: DType = this.dtype): Matrix {
    const out = Matrix.zeros(this.rows, this.cols, dtype);
    out.data.set(this.data);
    return out;
  }

  /** The rows as nested arrays (for printing and JSON). */
  toRows(): number[][] {
    const out: number[][] = [];
    for (let r = 0; r < this.rows; r++) {
      out.push(Array.from(this.data.subarray(r * this.cols, (r + 1) * this.cols)));
    }
    return out;
  }
}

/**
 * The buffers of one layer output (or gradient), one per shape seen lately. Training alternates
 * shapes (the batches, a shorter last batch, the validation set), and each keeps its own buffer, so
 * no pass allocates once every shape has been seen.
 */
export class BufferPool {
  private readonly buffers: Matrix[] = [];
  private readonly capacity: number;

  /** @param capacity how many shapes to keep; the oldest goes first. @default 4 */
  constructor(capacity = 4) {
    this.capacity = capacity;
  }

  /** A matrix of this shape and dtype: the same object every time it is asked for. */
  take(rows: number, cols: number, dtype: DType): Matrix {
    for (const buffer of this.buffers) {
      if (buffer.rows === rows && buffer.cols === cols && buffer.dtype === dtype) return buffer;
    }
    const buffer = Matrix.resident(rows, cols, dtype);
    if (this.buffers.length >= this.capacity) this.buffers.shift();
    this.buffers.push(buffer);
    return buffer;
  }
}
