// Running the bench's processes: a workload that prints one JSON line (child), or any command timed
// from outside as a whole process (timeProcess).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type Result = Record<string, unknown> & { system: string; maxRssMB: number };

export const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.dirname(BENCH_DIR);

const TIME_V = existsSync('/usr/bin/time');

export function hasNumpy(): boolean {
  const r = spawnSync('python3', ['-c', 'import numpy'], { stdio: 'ignore' });
  return r.status === 0;
}

/** Peak RSS (MB) from /usr/bin/time -v's report, when there is one. */
function maxRssOf(stderr: string): number | null {
  const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
  return m ? Number(m[1]) / 1024 : null;
}

/** Runs one workload process; returns its JSON line, with peak RSS from /usr/bin/time -v when present. */
export function child(command: string[], label: string): Result {
  const argv = TIME_V ? ['/usr/bin/time', '-v', ...command] : command;
  const t0 = performance.now();
  const r = spawnSync(argv[0], argv.slice(1), { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 });
  const seconds = ((performance.now() - t0) / 1000).toFixed(1);
  const line = r.stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .pop();
  if (r.status !== 0 || !line) {
    throw new Error(`${label} failed (exit ${r.status}):\n${r.stderr.slice(-3000)}`);
  }
  const result = JSON.parse(line) as Result;
  const rss = maxRssOf(r.stderr);
  if (rss !== null) result.maxRssMB = rss;
  process.stderr.write(`  ${label}: ${seconds} s\n`);
  return result;
}

export interface TimedProcess {
  /** Wall time from spawn to exit, as a user waits for it. */
  seconds: number;
  maxRssMB: number | null;
  stdout: string;
}

/**
 * Runs `command` to its end and times it from outside: the whole process (start-up, imports, work,
 * exit). With `quiet`, nothing is logged (the start-up row runs many short ones).
 */
export function timeProcess(command: readonly string[], label: string, quiet = false): TimedProcess {
  const argv = TIME_V ? ['/usr/bin/time', '-v', ...command] : [...command];
  const t0 = performance.now();
  const r = spawnSync(argv[0], argv.slice(1), { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 });
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`${label} failed (exit ${r.status}):\n${r.stderr.slice(-3000)}`);
  if (!quiet) process.stderr.write(`  ${label}: ${seconds.toFixed(2)} s\n`);
  return { seconds, maxRssMB: maxRssOf(r.stderr), stdout: r.stdout };
}

// Every Node workload (scratchnet's and TF.js's) runs with V8's optimizing WebAssembly compiler from
// the start. By default V8 runs a WebAssembly function in its baseline compiler until it has run hot
// for a while: here a product ran at half speed for the first 1.5 - 2 s of a process, so a short
// warm-up timed that phase (W1 after 20 warm-up epochs: 2.23 ms per epoch against 1.74 after 300;
// TF.js-wasm 23.3 against 18.3 ms), as did W2 and W3, whose processes are short. (The whole-process
// rows run plain `node`, as a user does.)
export const NODE_FLAGS = ['--no-wasm-dynamic-tiering', '--expose-gc'];

/** The command line of a TypeScript workload in bench/workloads. */
export const ts = (file: string, args: (string | number)[]): string[] => [
  process.execPath,
  ...NODE_FLAGS,
  '--import',
  'tsx',
  path.join('bench', 'workloads', file),
  ...args.map(String),
];

/** The built command line, as `scratchnet` runs after `npm run build`; throws when it is missing. */
export function builtCli(): string {
  const main = path.join(ROOT, 'dist', 'cli', 'main.js');
  if (!existsSync(main)) throw new Error(`${main} is missing: run npm run build first`);
  return main;
}
