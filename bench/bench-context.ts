import type { BenchConfig } from './bench-config.ts';
import type { BenchOptions } from './bench-options.ts';

/** What every row needs: the options, the mode's sizes, and scratchnet's arguments for them. */
export interface BenchContext {
  options: BenchOptions;
  config: BenchConfig;
  /** python3 with numpy is there. */
  numpy: boolean;
  kernelArgs: string[];
  precisionArgs: string[];
  threadArgs: (string | number)[];
}

export const ONE = 'scratchnet 1 thread';
export const F32 = 'scratchnet float32';

export function benchContext(options: BenchOptions, config: BenchConfig, numpy: boolean): BenchContext {
  return {
    options,
    config,
    numpy,
    // the matrix-product backend of scratchnet's runs (default: the library's choice, the fastest)
    kernelArgs: options.kernels === '' ? [] : ['--kernels', options.kernels],
    // `--precision float32` makes every scratchnet row use the opt-in float32 accumulation (not
    // numpy-exact); either way W2 and W3 also get a separate "scratchnet float32" row, labelled opt-in
    precisionArgs: options.precision === 'exact' ? [] : ['--precision', options.precision],
    // kernel threads of the W1 and W2 rows: by default what `scratchnet train` uses; with more than
    // one, a "scratchnet 1 thread" row runs beside them. W3 stays one thread: its target is single-threaded.
    threadArgs: ['--threads', options.threads],
  };
}
