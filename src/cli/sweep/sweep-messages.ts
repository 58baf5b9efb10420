import type { TrainConfig } from '../train-config.ts';
import type { SweepPoint } from './sweep-grid.ts';
import type { RunResult } from './train-point.ts';

// What the sweep's main thread and its workers say to each other.

/** Main thread → worker: train this run. */
export interface RunRequest {
  type: 'run';
  base: TrainConfig;
  point: SweepPoint;
  validationSamples: number;
  nearZero: number;
  /** Kernel threads of the run (train's --threads). */
  threads: number;
}

/** Worker → main thread. */
export type WorkerReply =
  | { type: 'progress'; key: string; epoch: number }
  | { type: 'result'; result: RunResult }
  | { type: 'failed'; key: string; message: string; code: string | null; hint: string; stack: string };
