import { describeValue, ScratchnetError } from '../errors/scratchnet-error.ts';
import type { EpochLogs } from './callbacks.ts';

/** A History as plain data (toJSON / fromJSON). NaN (null in JSON) marks an epoch without validation. */
export interface HistoryData {
  epoch: number[];
  loss: number[];
  dataLoss: number[];
  regularizationLoss: number[];
  accuracy: number[];
  learningRate: number[];
  valLoss: number[];
  valDataLoss: number[];
  valAccuracy: number[];
  epochTime: number[];
}

const COLUMNS = [
  'epoch',
  'loss',
  'dataLoss',
  'regularizationLoss',
  'accuracy',
  'learningRate',
  'valLoss',
  'valDataLoss',
  'valAccuracy',
  'epochTime',
] as const satisfies readonly (keyof HistoryData)[];

/**
 * Per-epoch numbers of training, one entry per epoch in every array (Keras's `history.history`).
 * The validation arrays hold NaN for epochs trained without validation data.
 */
export class History implements HistoryData {
  readonly epoch: number[] = [];
  readonly loss: number[] = [];
  readonly dataLoss: number[] = [];
  readonly regularizationLoss: number[] = [];
  readonly accuracy: number[] = [];
  readonly learningRate: number[] = [];
  readonly valLoss: number[] = [];
  readonly valDataLoss: number[] = [];
  readonly valAccuracy: number[] = [];
  readonly epochTime: number[] = [];

  /** Number of epochs recorded. */
  get length(): number {
    return this.epoch.length;
  }

  /** Appends one epoch. */
  record(logs: EpochLogs): void {
    this.epoch.push(logs.epoch);
    this.loss.push(logs.loss);
    this.dataLoss.push(logs.dataLoss);
    this.regularizationLoss.push(logs.regularizationLoss);
    this.accuracy.push(logs.accuracy);
    this.learningRate.push(logs.learningRate);
    this.valLoss.push(logs.valLoss ?? Number.NaN);
    this.valDataLoss.push(logs.valDataLoss ?? Number.NaN);
    this.valAccuracy.push(logs.valAccuracy ?? Number.NaN);
    this.epochTime.push(logs.epochTime);
  }

  /** Appends every epoch of another history. */
  extend(other: HistoryData): void {
    for (const column of COLUMNS) this[column].push(...other[column]);
  }

  /** Copies of the arrays; JSON.stringify writes NaN as null, which fromJSON reads back as NaN. */
  toJSON(): HistoryData {
    const data = {} as HistoryData;
    for (const column of COLUMNS) data[column] = [...this[column]];
    return data;
  }

  /** One header line, then one line per epoch; an epoch without validation leaves those cells empty. */
  toCSV(): string {
    const lines = [COLUMNS.join(',')];
    for (let i = 0; i < this.length; i++) {
      lines.push(COLUMNS.map((column) => cell(this[column][i])).join(','));
    }
    return `${lines.join('\n')}\n`;
  }

  /** Reads what toJSON wrote (after a JSON round trip or not). Throws BAD_STATE when malformed. */
  static fromJSON(data: unknown): History {
    if (typeof data !== 'object' || data === null) throw malformed(`got ${describeValue(data)}`);
    const record = data as Record<string, unknown>;
    const history = new History();
    const epochs = Array.isArray(record.epoch) ? record.epoch.length : 0;
    for (const column of COLUMNS) {
      const values = record[column];
      if (!Array.isArray(values)) throw malformed(`${column} is ${describeValue(values)}, not an array`);
      if (values.length !== epochs)
        throw malformed(`${column} has ${values.length} entries, epoch ${epochs}`);
      for (const value of values) {
        if (value !== null && typeof value !== 'number')
          throw malformed(`${column} holds ${describeValue(value)}`);
        history[column].push(value ?? Number.NaN);
      }
    }
    return history;
  }
}

function cell(value: number): string {
  return Number.isNaN(value) ? '' : String(value);
}

function malformed(detail: string): ScratchnetError {
  return new ScratchnetError(
    'BAD_STATE',
    `history data is malformed: ${detail}`,
    'pass what History.toJSON() (or model.trainingState().history) produced, with one entry per epoch in every array',
  );
}
