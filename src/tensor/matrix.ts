import { ScratchnetError } from '../errors/scratchnet-error.ts';
import { kernels } from './kernel-table.ts';

/** Storage of a matrix: float32 by default (as the book under `nnfs.init()`), float64 for gradient checks. */
export type FloatArray = Float32Array | Float64Array;
export type DType = 'float32' | 'float64';

/** A dense row-major matrix. Element (r, c) is `data[r * cols + c]`. */
export class Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: FloatArray;

  constructor(rows: number, cols: number, data: FloatArray) {
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
    const size = rows * cols;
    return new Matrix(rows, cols, dtype === 'float64' ? new Float64Array(size) : new Float32Array(size));
  }

  /**
   * A new zero matrix for the buffers kernels read and write every step: its data comes from the kernel
   * table's allocator, which the speed wing points at its own memory so that its kernels use it in place.
   */
  static resident(rows: number, cols: number, dtype: DType = 'float32'): Matrix {
    const size = rows * cols;
    return new Matrix(
      rows,
      cols,
      dtype === 'float64' ? kernels.arrays.float64(size) : kernels.arrays.float32(size),
    );
  }

  /** Copies nested arrays (one inner array per row) into a new matrix. */
  static fromRows(rows: readonly (readonly number[])[], dtype: DType = 'float32'): Matrix {
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
