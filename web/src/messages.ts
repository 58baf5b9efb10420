// What the page and the training worker say to each other.
import type { PlotRange } from '../../src/plot/plot-range.ts';
import type { Diagram } from './neuron-pictures.ts';
import type { PlaygroundSettings } from './settings.ts';

export type ToWorker =
  | { type: 'configure'; runId: number; settings: PlaygroundSettings; csvText: string | null }
  | { type: 'play' }
  | { type: 'pause' }
  | { type: 'step' }
  | { type: 'export' }
  /** The page drew the last update: the next may come (paces training at one batch per frame). */
  | { type: 'frame' }
  /** Settings that do not change the network: the run goes on with them. */
  | { type: 'limit'; epochs: number }
  | { type: 'speed'; speed: number }
  /** Display toggles: the pictures are drawn again, training goes on untouched. */
  | { type: 'display'; showTest: boolean; discretize: boolean };

export interface LatestNumbers {
  epoch: number;
  accuracy: number;
  loss: number;
  dataLoss: number;
  regularizationLoss: number;
  learningRate: number;
  valAccuracy: number | null;
  valDataLoss: number | null;
}

/** Every message names the run it belongs to, so the page can drop those of a run it has replaced. */
export type FromWorker = { runId: number } & (
  | {
      type: 'ready';
      trainRows: number;
      validationRows: number;
      classes: number;
    }
  | {
      type: 'update';
      running: boolean;
      /** The `scratchnet train` run that gives this model (its --epochs follows training when Play has no limit). */
      commandLine: string;
      latest: LatestNumbers | null;
      /** RGBA pixels of the decision boundary, width × height. */
      boundary: { width: number; height: number; data: Uint8ClampedArray };
      range: PlotRange;
      /** Comparison mode: the unregularized twin's boundary and both accuracy gaps. */
      compare: {
        boundary: { width: number; height: number; data: Uint8ClampedArray };
        /** The `scratchnet train` run that gives the twin. */
        commandLine: string;
        gapSvg: string;
      } | null;
      curvesSvg: string;
      diagram: Diagram;
      histogramSvgs: string[];
      logLines: string[];
      epochsPerSecond: number;
      /** The matrix products' backend in the worker: 'wasm' unless WebAssembly SIMD did not load. */
      kernels: 'wasm' | 'typescript' | 'reference';
    }
  | {
      type: 'exported';
      modelJson: string;
      weights: Uint8Array;
      commandLine: string;
      /** Comparison mode: the twin's files and command, downloaded beside the run's. */
      twin: { modelJson: string; weights: Uint8Array; commandLine: string } | null;
      /** The data as CSV when the commands read them from a file named CSV_FILE_NAME. */
      csv: string | null;
    }
  | { type: 'error'; message: string; hint: string }
);

/** The file the shown command line trains on when the data are not the CLI's own. */
export const CSV_FILE_NAME = 'playground-data.csv';
