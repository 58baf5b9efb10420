import { ScratchnetError } from '../errors/scratchnet-error.ts';
import { isMatrix } from '../losses/targets.ts';
import { Matrix } from '../tensor/matrix.ts';
import type { RandomState } from '../tensor/random.ts';
import { type ModelTargets, targetCount } from './model-targets.ts';

/**
 * Cuts a data set into the batches of one epoch, in order or shuffled. Nothing is allocated per step:
 * the shuffle permutes an index array in place, and the rows of each batch are gathered into buffers
 * made once (one for full batches, one for a shorter last batch). A whole set taken in order is
 * handed out as it is, without a copy. After `load(step)`, `x` and `y` hold that step's batch.
 */
export class Batches {
  readonly steps: number;
  x: Matrix;
  y: ModelTargets | null;
  private readonly X: Matrix;
  private readonly Y: ModelTargets | null;
  private readonly batchSize: number;
  private readonly order: Int32Array | null;
  private readonly shuffler: RandomState | null;
  private readonly buffers: { x: Matrix; y: ModelTargets | null }[];

  /**
   * @param batchSize rows per step; null for the whole set in one step
   * @param shuffler the generator to shuffle with each epoch, or null to keep the order
   */
  constructor(X: Matrix, Y: ModelTargets | null, batchSize: number | null, shuffler: RandomState | null) {
    const rows = X.rows;
    this.X = X;
    this.Y = Y;
    this.batchSize = Math.min(batchSize ?? rows, rows);
    this.steps = Math.ceil(rows / this.batchSize);
    this.shuffler = shuffler;
    const direct = this.steps === 1 && shuffler === null;
    this.order = direct ? null : new Int32Array(rows);
    const full = direct ? null : buffersFor(X, Y, this.batchSize);
    const lastRows = rows - (this.steps - 1) * this.batchSize;
    this.buffers =
      full === null ? [] : [full, lastRows === this.batchSize ? full : buffersFor(X, Y, lastRows)];
    this.x = X;
    this.y = Y;
    // in order until the first beginEpoch(), which alone draws from the generator
    if (this.order !== null) for (let i = 0; i < rows; i++) this.order[i] = i;
  }

  /** The targets of the loaded batch (BAD_STATE for a set without targets). */
  get targets(): ModelTargets {
    if (this.y === null) {
      throw new ScratchnetError(
        'BAD_STATE',
        'these batches have no targets',
        'pass targets to evaluate or train',
      );
    }
    return this.y;
  }

  /** Rows in the whole set. */
  get rows(): number {
    return this.X.rows;
  }

  /** Puts the rows back in order, then shuffles them when shuffling: one permutation per epoch. */
  beginEpoch(): void {
    const order = this.order;
    if (order === null) return;
    for (let i = 0; i < order.length; i++) order[i] = i;
    this.shuffler?.shuffle(order);
  }

  /** Makes `x` and `y` the batch of this step (0-based). */
  load(step: number): void {
    const order = this.order;
    if (order === null) return;
    const start = step * this.batchSize;
    const buffer = this.buffers[step === this.steps - 1 ? 1 : 0];
    gatherRows(buffer.x, this.X, order, start);
    if (buffer.y !== null && this.Y !== null) gatherTargets(buffer.y, this.Y, order, start);
    this.x = buffer.x;
    this.y = buffer.y;
  }
}

function buffersFor(X: Matrix, Y: ModelTargets | null, rows: number): { x: Matrix; y: ModelTargets | null } {
  const x = Matrix.resident(rows, X.cols, X.dtype);
  if (Y === null) return { x, y: null };
  return { x, y: isMatrix(Y) ? Matrix.zeros(rows, Y.cols, Y.dtype) : new Int32Array(rows) };
}

function gatherRows(out: Matrix, source: Matrix, order: Int32Array, start: number): void {
  const cols = source.cols;
  const from = source.data;
  const to = out.data;
  for (let r = 0; r < out.rows; r++) {
    const row = order[start + r] * cols;
    for (let c = 0; c < cols; c++) to[r * cols + c] = from[row + c];
  }
}

function gatherTargets(out: ModelTargets, source: ModelTargets, order: Int32Array, start: number): void {
  if (isMatrix(out) && isMatrix(source)) {
    gatherRows(out, source, order, start);
    return;
  }
  if (isMatrix(out) || isMatrix(source)) return;
  for (let i = 0; i < targetCount(out); i++) out[i] = source[order[start + i]];
}
