import type { Mode } from './bench-options.ts';

// Epochs, runs and measuring times of each row in each mode. tfjs-cpu takes ~180 ms per W1 epoch on
// a slow machine, so it runs fewer epochs and runs (noted in the table).
const CONFIGS = {
  quick: {
    w1: { epochs: 30, warmup: 5, runs: 1, cpuEpochs: 30, cpuRuns: 1 },
    w2: { samples: 1500, epochs: 1, singles: 200, runs: 1, cpuEpochs: 1 },
    w3: { minMs: 50, warmReps: 1, runs: 1 },
    startup: { runs: 5 },
    process: { epochs: 100, runs: 1 },
    contention: { epochs: 50, runs: 1 },
  },
  default: {
    w1: { epochs: 1000, warmup: 200, runs: 3, cpuEpochs: 100, cpuRuns: 1 },
    w2: { samples: 10000, epochs: 3, singles: 1000, runs: 3, cpuEpochs: 1 },
    w3: { minMs: 200, warmReps: 1, runs: 3 },
    startup: { runs: 11 },
    process: { epochs: 1000, runs: 3 },
    contention: { epochs: 500, runs: 3 },
  },
  full: {
    w1: { epochs: 10001, warmup: 200, runs: 3, cpuEpochs: 1000, cpuRuns: 1 },
    w2: { samples: 10000, epochs: 3, singles: 1000, runs: 3, cpuEpochs: 3 },
    w3: { minMs: 1000, warmReps: 3, runs: 3 },
    startup: { runs: 21 },
    process: { epochs: 1000, runs: 5 },
    contention: { epochs: 1000, runs: 3 },
  },
} as const;

export type BenchConfig = (typeof CONFIGS)[Mode];

export function benchConfig(mode: Mode): BenchConfig {
  return CONFIGS[mode];
}
