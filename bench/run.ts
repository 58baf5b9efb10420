// `npm run bench [-- --help]`: runs every workload as its own child process (so each system's peak RSS
// is its own), alternating systems run by run, and prints times, ratios to scratchnet and the targets.
// Writes bench/results.json and bench/history/<date>.json (a partial run, with --only, writes nothing).
// The rows live in bench/rows/, the options in bench/bench-options.ts.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchConfig } from './bench-config.ts';
import { benchContext, F32, ONE } from './bench-context.ts';
import { BENCH_HELP, parseBenchArgs } from './bench-options.ts';
import { BENCH_DIR, hasNumpy, NODE_FLAGS } from './child.ts';
import { f, isMet, type RowTargets, type Target, targetLines } from './report-format.ts';
import { reportContention, runContention } from './rows/contention.ts';
import { reportProcess, runProcess } from './rows/process.ts';
import { reportStartup, runStartup } from './rows/startup.ts';
import { reportW1, runW1 } from './rows/w1.ts';
import { reportW2, runW2 } from './rows/w2.ts';
import { reportW3, runW3 } from './rows/w3.ts';
import { readCpuTicks, stealPercent } from './steal-time.ts';

const argv = process.argv.slice(2);
// `--fashion`: the Fashion-MNIST comparison instead (bench/fashion.ts, which reads its own options)
if (argv.includes('--fashion')) {
  await import('./fashion.ts');
  process.exit(0);
}
let options: ReturnType<typeof parseBenchArgs>;
try {
  options = parseBenchArgs(argv, os.availableParallelism());
} catch (error) {
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
}
if (options.help) {
  console.log(BENCH_HELP);
  process.exit(0);
}

const config = benchConfig(options.mode);
const ctx = benchContext(options, config, hasNumpy());
const want = (row: string) => options.rows.includes(row as (typeof options.rows)[number]);
const started = performance.now();
const ticksAtStart = readCpuTicks();
process.stderr.write(`bench (${options.mode}, rows ${options.rows.join(',')}): ${JSON.stringify(config)}\n`);

// Every row runs first, then every table is printed: the tables of a long run end up together.
const w1 = want('w1') ? runW1(ctx) : null;
const w2 = want('w2') ? runW2(ctx) : null;
const w3 = want('w3') ? runW3(ctx) : null;
const startup = want('startup') ? runStartup(ctx) : null;
const wholeProcess = want('process') ? runProcess(ctx) : null;
const contention = want('contention') ? runContention(ctx) : null;

const lines: string[] = [];
const out = (s = '') => lines.push(s);
const cpu = os.cpus();
out(`scratchnet bench (${options.mode}) — ${new Date().toISOString()}`);
out(
  `machine: ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, Node ${process.version}, ${os.platform()}`,
);
const steal = stealPercent(ticksAtStart, readCpuTicks());
if (steal !== null) {
  out(
    `CPU time taken by the hypervisor during this run (steal, /proc/stat): ${f(steal)}% of all CPU time` +
      (steal >= 2 ? ' — a shared host was slowing the machine: compare ratios, and expect them to move' : ''),
  );
}
const firstScratchnet = [
  ...(w1?.scratchnet ?? []),
  ...(w2?.scratchnet ?? []),
  ...(w3 ? [w3.scratchnet] : []),
][0];
if (firstScratchnet) {
  const { precision, threads } = options;
  out(
    `scratchnet generator: ${String(w1?.scratchnet.at(-1)?.generator ?? 'RandomState (numpy legacy MT19937, seed 0)')}` +
      ' — the numpy-exact generator for data, init and dropout',
  );
  out(
    `scratchnet kernels: ${String(firstScratchnet.kernels)} — ` +
      (firstScratchnet.kernels === 'wasm'
        ? 'WebAssembly SIMD matrix products, double accumulation, bit-identical to the TypeScript reference'
        : 'the TypeScript reference matrix products'),
  );
  out(
    `scratchnet precision: ${precision}` +
      (precision === 'exact'
        ? ` — numpy's float64 np.dot, bit for bit; the "${F32}" rows are the opt-in setMatmulPrecision('float32')` +
          ' (float32 accumulation on the wasm kernels: faster, NOT numpy-exact)'
        : " — setMatmulPrecision('float32') in every scratchnet row: float32 accumulation, NOT numpy-exact"),
  );
  out(
    `scratchnet threads: ${threads} in the W1 and W2 rows (setKernelThreads; bit-identical results for any count)` +
      (threads > 1 ? `, "${ONE}" rows beside them` : '') +
      '; W3 on one thread. TF.js-wasm runs on one thread in Node (tfjs issue #3830);' +
      ` Node workloads run with ${NODE_FLAGS[0]} (WebAssembly optimized from the start, for both);` +
      " numpy's np.dot goes through OpenBLAS, which may use every core",
  );
}
out('ratio "X / scratchnet = r" is X time over scratchnet time: r > 1 means scratchnet is r times faster');
out();

const rowTargets: RowTargets[] = [];
if (w1) rowTargets.push(reportW1(ctx, w1, out));
if (w2) rowTargets.push(reportW2(ctx, w2, out));
if (w3) rowTargets.push(reportW3(ctx, w3, out));
if (startup) rowTargets.push(reportStartup(ctx, startup, out));
if (wholeProcess) rowTargets.push(reportProcess(ctx, wholeProcess, out));
if (contention) rowTargets.push(reportContention(ctx, contention, out));
const targets = rowTargets.flatMap((t) => t.targets);
const single = rowTargets.flatMap((t) => t.singleThread);
const optIn = rowTargets.flatMap((t) => t.optIn);

out(
  w1 || w2
    ? `Targets (scratchnet = ${options.threads} kernel thread${options.threads > 1 ? 's' : ''} in W1 and W2)`
    : 'Targets',
);
for (const line of targetLines(targets)) out(line);
if (single.length > 0) {
  out(`The same on one thread ("${ONE}", for reference)`);
  for (const line of targetLines(single)) out(line);
}
if (optIn.length > 0) {
  out(`Opt-in, not numpy-exact (setMatmulPrecision('float32'); not counted above)`);
  for (const line of targetLines(optIn)) out(line);
}
out();
out(`total bench time ${f((performance.now() - started) / 1000)} s`);
console.log(lines.join('\n'));

const withMet = (list: Target[]) => list.map((t) => ({ ...t, met: isMet(t) }));
const record = {
  date: new Date().toISOString(),
  mode: options.mode,
  config,
  machine: {
    cpu: cpu[0]?.model,
    cores: cpu.length,
    node: process.version,
    platform: os.platform(),
    stealPercent: steal,
  },
  only: options.rows,
  kernels: firstScratchnet?.kernels,
  precision: options.precision,
  threads: options.threads,
  w1,
  w2,
  w3,
  startup,
  process: wholeProcess,
  contention,
  targets: withMet(targets),
  optIn: withMet(optIn),
  singleThread: withMet(single),
  table: lines,
};
// A partial run (--only) only prints: it must not replace the full table that the README quotes.
if (!options.partial) {
  const json = `${JSON.stringify(record, null, 2)}\n`;
  writeFileSync(path.join(BENCH_DIR, 'results.json'), json);
  mkdirSync(path.join(BENCH_DIR, 'history'), { recursive: true });
  writeFileSync(path.join(BENCH_DIR, 'history', `${record.date.replace(/:/g, '-')}.json`), json);
}
