// The command line of `npm run bench`: which rows run, in which mode, with which scratchnet settings.
// Kept apart from bench/run.ts so that a test can parse command lines without running anything.

export const ROWS = ['w1', 'w2', 'w3', 'startup', 'process', 'contention'] as const;
export type Row = (typeof ROWS)[number];
export type Mode = 'quick' | 'default' | 'full';

export const BENCH_HELP = `Usage: npm run bench -- [options]

Runs each workload as its own process on scratchnet, TensorFlow.js (cpu and wasm) and the numpy
reference, alternating systems run by run, and prints times, ratios to scratchnet and the targets.
A run of every row writes bench/results.json and bench/history/<date>.json; a run of some rows
(--only) only prints.

Rows:
  w1          the book's spiral network (3000x2, 64 ReLU, dropout 0.1, Adam), ms per epoch
  w2          an MNIST-sized MLP 784-128-128-10: training and inference samples per second
  w3          matrix products alone, GFLOP/s
  startup     whole processes that do almost nothing: node -e 0, scratchnet --help, --version,
              scratchnet train --epochs 1 --quiet, the numpy script for 1 epoch (median of runs)
  process     W1 as a user runs it: scratchnet train --epochs 1000 --quiet against the numpy
              script and TF.js-wasm training the same network as whole processes
  contention  W1 through scratchnet train with its default threads and with --threads 1, while
              the bench keeps every core busy with one busy-loop process per core

Options:
  --only <rows>        comma-separated rows to run (default: all), e.g. --only startup,process
  --quick              a smoke run: fewer epochs and runs (about a minute for every row)
  --full               the book's 10,001 epochs in W1, longer W3 measurements
  --kernels <backend>  matrix products of scratchnet's W1-W3 rows: wasm, typescript or reference
  --precision <p>      exact (numpy's numbers, default) or float32 (opt-in, not numpy-exact)
  --threads <n>        kernel threads of scratchnet's W1 and W2 rows (default: cores, up to 2)
  --fashion            the Fashion-MNIST comparison instead (bench/fashion.ts)
  -h, --help           print this help

The startup, process and contention rows run the built command line (dist/cli/main.js): run
npm run build first.`;

export interface BenchOptions {
  mode: Mode;
  rows: Row[];
  /** Some rows only (--only): the run prints and writes nothing. */
  partial: boolean;
  /** --kernels, or '' for the library's choice. */
  kernels: string;
  precision: 'exact' | 'float32';
  threads: number;
  help: boolean;
}

function isRow(name: string): name is Row {
  return (ROWS as readonly string[]).includes(name);
}

/** `--only` text → the rows, in the bench's order, each once; throws naming an unknown row. */
export function parseRows(text: string): Row[] {
  const names = text
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '');
  if (names.length === 0) throw new Error(`--only needs some of ${ROWS.join(', ')}`);
  for (const name of names) {
    if (!isRow(name)) throw new Error(`--only ${name}: no such row; use some of ${ROWS.join(', ')}`);
  }
  return ROWS.filter((row) => names.includes(row));
}

/** The value after `--name`, or undefined; throws when the flag is last, with no value. */
function optionValue(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  if (i < 0) return undefined;
  const value = argv[i + 1];
  if (value === undefined || value.startsWith('--')) throw new Error(`--${name} needs a value`);
  return value;
}

/**
 * The bench's options from its arguments (without node and the script; --fashion, which takes its
 * own, is handled before); `cores` sets --threads' default.
 */
export function parseBenchArgs(argv: readonly string[], cores: number): BenchOptions {
  const known = new Set(['--quick', '--full', '--help', '-h']);
  const withValue = new Set(['--only', '--kernels', '--precision', '--threads']);
  for (let i = 0; i < argv.length; i++) {
    if (withValue.has(argv[i])) i++;
    else if (!known.has(argv[i])) throw new Error(`unknown option ${argv[i]} (see npm run bench -- --help)`);
  }
  if (argv.includes('--quick') && argv.includes('--full')) throw new Error('--quick or --full, not both');
  const only = optionValue(argv, 'only');
  const rows = only === undefined ? [...ROWS] : parseRows(only);
  const precision = optionValue(argv, 'precision') ?? 'exact';
  if (precision !== 'exact' && precision !== 'float32') {
    throw new Error(`--precision ${precision}: use exact or float32`);
  }
  const threadText = optionValue(argv, 'threads');
  const threads = threadText === undefined ? Math.min(2, cores) : Number(threadText);
  if (!Number.isInteger(threads) || threads < 1) {
    throw new Error(`--threads ${threadText}: use a whole number >= 1`);
  }
  return {
    mode: argv.includes('--quick') ? 'quick' : argv.includes('--full') ? 'full' : 'default',
    rows,
    partial: rows.length < ROWS.length,
    kernels: optionValue(argv, 'kernels') ?? '',
    precision,
    threads,
    help: argv.includes('--help') || argv.includes('-h'),
  };
}
