// `npm run bench [-- --quick | --full] [--only w1,w2,w3] [--kernels wasm|typescript] [--precision float32]
// [--threads n]`:
// runs every workload as its own child process (so each system's peak RSS is its own), alternating
// systems run by run, and prints times, ratios to scratchnet and the targets. Writes bench/results.json and
// bench/history/<date>.json (a partial run, with --only, writes nothing).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCpuTicks, stealPercent } from './steal-time.ts';
import { median } from './workloads/common.ts';
import { W3_CASES } from './workloads/w3-cases.ts';

// `--fashion`: the Fashion-MNIST comparison instead (bench/fashion.ts)
if (process.argv.includes('--fashion')) {
  await import('./fashion.ts');
  process.exit(0);
}

type Result = Record<string, unknown> & { system: string; maxRssMB: number };

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.dirname(HERE);
const mode = process.argv.includes('--quick')
  ? 'quick'
  : process.argv.includes('--full')
    ? 'full'
    : 'default';

// tfjs-cpu takes ~180 ms per W1 epoch on a slow machine, so it runs fewer epochs and runs (noted).
const CONFIG = {
  quick: {
    w1: { epochs: 30, warmup: 5, runs: 1, cpuEpochs: 30, cpuRuns: 1 },
    w2: { samples: 1500, epochs: 1, singles: 200, runs: 1, cpuEpochs: 1 },
    w3: { minMs: 50, warmReps: 1, runs: 1 },
  },
  default: {
    w1: { epochs: 1000, warmup: 200, runs: 3, cpuEpochs: 100, cpuRuns: 1 },
    w2: { samples: 10000, epochs: 3, singles: 1000, runs: 3, cpuEpochs: 1 },
    w3: { minMs: 200, warmReps: 1, runs: 3 },
  },
  full: {
    w1: { epochs: 10001, warmup: 200, runs: 3, cpuEpochs: 1000, cpuRuns: 1 },
    w2: { samples: 10000, epochs: 3, singles: 1000, runs: 3, cpuEpochs: 3 },
    w3: { minMs: 1000, warmReps: 3, runs: 3 },
  },
}[mode];

/** `--name value` of this command line, or the fallback. */
function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

const WORKLOADS = ['w1', 'w2', 'w3'];
const only = option('only', WORKLOADS.join(',')).toLowerCase().split(',');
for (const w of only) if (!WORKLOADS.includes(w)) throw new Error(`--only ${w}: use some of ${WORKLOADS}`);
const want = (workload: string) => only.includes(workload);
const partial = only.length < WORKLOADS.length;
// The matrix-product backend of scratchnet's runs (default: the library's choice, the fastest).
const kernels = option('kernels', '');
const kernelArgs = kernels === '' ? [] : ['--kernels', kernels];
// `--precision float32` makes every scratchnet row use the opt-in float32 accumulation (not numpy-exact).
// Either way W2 and W3 also get a separate "scratchnet float32" row/column, labelled as opt-in.
const precision = option('precision', 'exact');
if (precision !== 'exact' && precision !== 'float32')
  throw new Error(`--precision ${precision}: use exact or float32`);
const precisionArgs = precision === 'exact' ? [] : ['--precision', precision];
const F32 = 'scratchnet float32';
// Kernel threads of the scratchnet W1 and W2 rows: by default what `scratchnet train` uses (this
// machine's cores, up to 2). With more than one, a "scratchnet 1 thread" row runs beside them.
// W3 stays one thread: its target is single-threaded.
const threads = Number(option('threads', String(Math.min(2, os.availableParallelism()))));
if (!Number.isInteger(threads) || threads < 1)
  throw new Error(`--threads ${threads}: use a whole number >= 1`);
const threadArgs = ['--threads', threads];
const ONE = 'scratchnet 1 thread';

const TIME_V = existsSync('/usr/bin/time');

function hasNumpy(): boolean {
  const r = spawnSync('python3', ['-c', 'import numpy'], { stdio: 'ignore' });
  return r.status === 0;
}

/** Runs one workload process; returns its JSON line, with peak RSS from /usr/bin/time -v when present. */
function child(command: string[], label: string): Result {
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
  const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
  if (m) result.maxRssMB = Number(m[1]) / 1024;
  process.stderr.write(`  ${label}: ${seconds} s\n`);
  return result;
}

// Every Node workload (scratchnet's and TF.js's) runs with V8's optimizing WebAssembly compiler from
// the start. By default V8 runs a WebAssembly function in its baseline compiler until it has run hot
// for a while: here a product ran at half speed for the first 1.5 - 2 s of a process, so a short
// warm-up timed that phase (W1 after 20 warm-up epochs: 2.23 ms per epoch against 1.74 after 300;
// TF.js-wasm 23.3 against 18.3 ms), as did W2 and W3, whose processes are short.
const NODE_FLAGS = ['--no-wasm-dynamic-tiering', '--expose-gc'];

const ts = (file: string, args: (string | number)[]) => [
  process.execPath,
  ...NODE_FLAGS,
  '--import',
  'tsx',
  path.join('bench', 'workloads', file),
  ...args.map(String),
];

const numpy = hasNumpy();
const started = performance.now();
const ticksAtStart = readCpuTicks();
process.stderr.write(`bench (${mode}): ${JSON.stringify(CONFIG)}\n`);

// ------------------------------------------------------------------------------------------------ W1
const w1: Record<string, Result[]> = {
  scratchnet: [],
  [ONE]: [],
  'tfjs-wasm': [],
  'tfjs-cpu': [],
  numpy: [],
};
const { epochs, warmup, runs, cpuEpochs, cpuRuns } = CONFIG.w1;
for (let run = 0; run < (want('w1') ? runs : 0); run++) {
  process.stderr.write(`W1 run ${run + 1}/${runs}\n`);
  w1.scratchnet.push(
    child(
      ts('scratchnet-w1.ts', [
        '--epochs',
        epochs,
        '--warmup',
        warmup,
        ...kernelArgs,
        ...precisionArgs,
        ...threadArgs,
      ]),
      'scratchnet',
    ),
  );
  if (threads > 1) {
    w1[ONE].push(
      child(
        ts('scratchnet-w1.ts', ['--epochs', epochs, '--warmup', warmup, ...kernelArgs, ...precisionArgs]),
        ONE,
      ),
    );
  }
  w1['tfjs-wasm'].push(
    child(ts('tfjs-w1.ts', ['--backend', 'wasm', '--epochs', epochs, '--warmup', warmup]), 'tfjs-wasm'),
  );
  if (numpy) {
    w1.numpy.push(
      child(['python3', 'bench/numpy_w1.py', '--epochs', `${epochs}`, '--warmup', `${warmup}`], 'numpy'),
    );
  }
  if (run < cpuRuns) {
    w1['tfjs-cpu'].push(
      child(ts('tfjs-w1.ts', ['--backend', 'cpu', '--epochs', cpuEpochs, '--warmup', 5]), 'tfjs-cpu'),
    );
  }
}

// ------------------------------------------------------------------------------------------------ W2
const w2: Record<string, Result[]> = {
  scratchnet: [],
  [ONE]: [],
  [F32]: [],
  'tfjs-wasm': [],
  'tfjs-cpu': [],
};
const w2c = CONFIG.w2;
for (let run = 0; run < (want('w2') ? w2c.runs : 0); run++) {
  process.stderr.write(`W2 run ${run + 1}/${w2c.runs}\n`);
  const common = ['--samples', w2c.samples, '--singles', w2c.singles];
  w2.scratchnet.push(
    child(
      ts('scratchnet-w2.ts', [
        ...common,
        '--epochs',
        w2c.epochs,
        ...kernelArgs,
        ...precisionArgs,
        ...threadArgs,
      ]),
      'scratchnet',
    ),
  );
  if (threads > 1) {
    w2[ONE].push(
      child(
        ts('scratchnet-w2.ts', [...common, '--epochs', w2c.epochs, ...kernelArgs, ...precisionArgs]),
        ONE,
      ),
    );
  }
  if (precision === 'exact') {
    w2[F32].push(
      child(
        ts('scratchnet-w2.ts', [
          ...common,
          '--epochs',
          w2c.epochs,
          ...kernelArgs,
          '--precision',
          'float32',
          ...threadArgs,
        ]),
        F32,
      ),
    );
  }
  w2['tfjs-wasm'].push(
    child(ts('tfjs-w2.ts', [...common, '--epochs', w2c.epochs, '--backend', 'wasm']), 'tfjs-wasm'),
  );
  if (run === 0) {
    w2['tfjs-cpu'].push(
      child(ts('tfjs-w2.ts', [...common, '--epochs', w2c.cpuEpochs, '--backend', 'cpu']), 'tfjs-cpu'),
    );
  }
}

// ------------------------------------------------------------------------------------------------ W3
// Several runs, alternated between the systems, and each shape's median over them: a single short
// measurement catches the machine's swings (its speed moved 2x within seconds on a shared host).
const minMs = ['--min-ms', CONFIG.w3.minMs, '--warm-reps', CONFIG.w3.warmReps];
const w3Runs: Record<string, Result[]> = {};
function w3Run(key: string, command: string[]): void {
  w3Runs[key] = [...(w3Runs[key] ?? []), child(command, key)];
}
for (let run = 0; run < (want('w3') ? CONFIG.w3.runs : 0); run++) {
  process.stderr.write(`W3 run ${run + 1}/${CONFIG.w3.runs}\n`);
  w3Run('scratchnet', ts('scratchnet-w3.ts', [...minMs, ...kernelArgs, ...precisionArgs]));
  w3Run(F32, ts('scratchnet-w3.ts', [...minMs, ...kernelArgs, '--precision', 'float32']));
  w3Run('tfjs-wasm', ts('tfjs-w3.ts', [...minMs, '--backend', 'wasm']));
  if (run > 0) continue;
  // The TypeScript fallback and the reference loops (one rep per shape is enough: they are slow).
  for (const [key, backend] of [
    ['scratchnet-ts', 'typescript'],
    ['scratchnet-ref', 'reference'],
  ]) {
    w3Run(key, ts('scratchnet-w3.ts', ['--min-ms', 1, '--warm-reps', 1, '--kernels', backend]));
  }
  w3Run('tfjs-cpu', ts('tfjs-w3.ts', [...minMs, '--backend', 'cpu']));
}
/** One result per system: each shape's median GFLOP/s over its runs (every run kept in `runs`). */
const w3: Record<string, Result> = Object.fromEntries(
  Object.entries(w3Runs).map(([key, results]) => {
    const of = (r: Result) => r.gflops as Record<string, number>;
    const gflops = Object.fromEntries(
      W3_CASES.map((c) => [c.name, median(results.map((r) => of(r)[c.name]))]),
    );
    const maxRssMB = Math.max(...results.map((r) => r.maxRssMB));
    return [key, { ...results[0], gflops, maxRssMB, runs: results.map(of) }];
  }),
);

// ------------------------------------------------------------------------------------------- summary
const med = (rs: Result[], key: string) => median(rs.map((r) => Number(r[key])));
const maxRss = (rs: Result[]) => Math.max(...rs.map((r) => r.maxRssMB));
const last = (rs: Result[]) => rs[rs.length - 1];
const f = (x: number, digits = 1) => (Number.isFinite(x) ? x.toFixed(digits) : '-');
const ratio = (x: number) => `${f(x, 2)}x`;
const pad = (cells: string[], widths: number[]) =>
  cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');

const lines: string[] = [];
const out = (s = '') => lines.push(s);
const cpu = os.cpus();
out(`scratchnet bench (${mode}) — ${new Date().toISOString()}`);
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
const firstScratchnet = [...w1.scratchnet, ...w2.scratchnet, ...(w3.scratchnet ? [w3.scratchnet] : [])][0];
out(
  `scratchnet generator: ${String(last(w1.scratchnet)?.generator ?? 'RandomState (numpy legacy MT19937, seed 0)')}` +
    ' — the numpy-exact generator for data, init and dropout',
);
out(
  `scratchnet kernels: ${String(firstScratchnet?.kernels)} — ` +
    (firstScratchnet?.kernels === 'wasm'
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
out('ratio "X / scratchnet = r" is X time over scratchnet time: r > 1 means scratchnet is r times faster');
out();

const w1Systems = Object.keys(w1).filter((s) => w1[s].length > 0);
const w1Ms: Record<string, number> = Object.fromEntries(w1Systems.map((s) => [s, med(w1[s], 'msPerEpoch')]));
let widths: number[] = [];
if (want('w1')) {
  out(`W1 book spiral (3000x2, 64 ReLU, dropout 0.1, Adam 0.05, full batch), median of runs`);
  widths = [19, 10, 8, 6, 10, 12, 22];
  out(pad(['system', 'ms/epoch', 'epochs', 'runs', 'final acc', 'peak RSS MB', 'vs scratchnet'], widths));
  for (const s of w1Systems) {
    out(
      pad(
        [
          s,
          f(w1Ms[s], 2),
          String(last(w1[s]).epochs),
          String(w1[s].length),
          f(Number(last(w1[s]).accuracy), 3),
          f(maxRss(w1[s])),
          s === 'scratchnet' ? '' : `${s} / scratchnet = ${ratio(w1Ms[s] / w1Ms.scratchnet)}`,
        ],
        widths,
      ),
    );
  }
  out(
    `  scratchnet heap (after gc): ${f(Number(last(w1.scratchnet).heapBeforeMB), 2)} MB before, ` +
      `${f(Number(last(w1.scratchnet).heapAfterMB), 2)} MB after ${epochs} epochs`,
  );
  out(
    '  TF.js Adam has no decay (constant lr 0.05); tfjs-cpu runs fewer epochs/runs (too slow), ms/epoch only',
  );
  if (!numpy) out('  numpy: skipped (python3 with numpy not found)');
  out();
}

const w2Med = (s: string, k: string) => med(w2[s], k);
if (want('w2')) {
  out(
    `W2 MNIST-sized MLP 784-128-128-10 (${w2c.samples} synthetic samples, batch 128), samples/s, median of runs`,
  );
  widths = [19, 8, 10, 12, 10, 10, 12, 34];
  out(
    pad(
      [
        'system',
        'epochs',
        'train/s',
        'infer b=all',
        'infer b=1',
        'train acc',
        'peak RSS MB',
        'vs scratchnet (train, all, 1)',
      ],
      widths,
    ),
  );
  for (const s of Object.keys(w2).filter((s) => w2[s].length > 0)) {
    const r = (k: string) => ratio(w2Med('scratchnet', k) / w2Med(s, k));
    out(
      pad(
        [
          s,
          String(last(w2[s]).epochs),
          f(w2Med(s, 'trainSamplesPerSec'), 0),
          f(w2Med(s, 'inferBatchSamplesPerSec'), 0),
          f(w2Med(s, 'inferSingleSamplesPerSec'), 0),
          f(Number(last(w2[s]).accuracy), 3),
          f(maxRss(w2[s])),
          s === 'scratchnet'
            ? ''
            : `${r('trainSamplesPerSec')}, ${r('inferBatchSamplesPerSec')}, ${r('inferSingleSamplesPerSec')}`,
        ],
        widths,
      ),
    );
  }
  out(`  ${w2c.runs} runs, alternated; tfjs-cpu on the first only (too slow; no target reads it)`);
  out();
}

const g = (s: string, name: string) => (w3[s].gflops as Record<string, number>)[name];
if (want('w3')) {
  out(
    `W3 matrix products, GFLOP/s, median of ${CONFIG.w3.runs} alternated runs ` +
      `(float32 in; scratchnet accumulates in double, as nnfs np.dot; ` +
      `scratchnet = ${String(w3.scratchnet.kernels)} kernels (${precision}); ` +
      `sn float32 = opt-in float32 accumulation, not numpy-exact; ` +
      'ts = the register-blocked TypeScript fallback, ts ref = the plain reference loops)',
  );
  widths = [30, 11, 11, 6, 7, 10, 10, 22, 22];
  out(
    pad(
      [
        'shape',
        'scratchnet',
        'sn float32',
        'ts',
        'ts ref',
        'tfjs-wasm',
        'tfjs-cpu',
        'tfjs-wasm / scratchnet',
        'tfjs-cpu / scratchnet',
      ],
      widths,
    ),
  );
  for (const c of W3_CASES) {
    const sn = g('scratchnet', c.name);
    out(
      pad(
        [
          c.name,
          f(sn, 2),
          f(g(F32, c.name), 2),
          f(g('scratchnet-ts', c.name), 2),
          f(g('scratchnet-ref', c.name), 2),
          f(g('tfjs-wasm', c.name), 2),
          f(g('tfjs-cpu', c.name), 2),
          ratio(sn / g('tfjs-wasm', c.name)),
          ratio(sn / g('tfjs-cpu', c.name)),
        ],
        widths,
      ),
    );
  }
  out();

  // --------------------------------------------------------------------------------------------- targets
}

const targets: { name: string; value: number; goal: number }[] = [];
if (want('w1'))
  targets.push({
    name: 'W1 tfjs-wasm / scratchnet ≥ 10x',
    value: w1Ms['tfjs-wasm'] / w1Ms.scratchnet,
    goal: 10,
  });
if (want('w1') && numpy)
  targets.push({ name: 'W1 numpy / scratchnet ≥ 5x', value: w1Ms.numpy / w1Ms.scratchnet, goal: 5 });
const w2r = (k: string) => w2Med('scratchnet', k) / w2Med('tfjs-wasm', k);
if (want('w2'))
  targets.push(
    { name: 'W2 training tfjs-wasm / scratchnet ≥ 2x', value: w2r('trainSamplesPerSec'), goal: 2 },
    {
      name: 'W2 inference batch all, tfjs-wasm / scratchnet ≥ 1x',
      value: w2r('inferBatchSamplesPerSec'),
      goal: 1,
    },
    {
      name: 'W2 inference batch 1, tfjs-wasm / scratchnet ≥ 10x',
      value: w2r('inferSingleSamplesPerSec'),
      goal: 10,
    },
  );
if (want('w3')) {
  targets.push({
    name: 'W3 scratchnet 128x784·784x128 ≥ 10 GFLOP/s',
    value: g('scratchnet', 'W2 X·W1 128x784·784x128'),
    goal: 10,
  });
  for (const c of W3_CASES.filter((c) => c.op !== 'nn')) {
    targets.push({ name: `W3 scratchnet ${c.name} ≥ 5 GFLOP/s`, value: g('scratchnet', c.name), goal: 5 });
  }
}
out(`Targets (scratchnet = ${threads} kernel thread${threads > 1 ? 's' : ''} in W1 and W2)`);
for (const t of targets) out(`  [${t.value >= t.goal ? 'MET' : 'NOT MET'}] ${t.name}: ${f(t.value, 2)}`);
const single: { name: string; value: number; goal: number }[] = [];
if (want('w1') && w1[ONE].length > 0) {
  const oneMs = med(w1[ONE], 'msPerEpoch');
  single.push({ name: 'W1 tfjs-wasm / scratchnet ≥ 10x', value: w1Ms['tfjs-wasm'] / oneMs, goal: 10 });
  if (numpy) single.push({ name: 'W1 numpy / scratchnet ≥ 5x', value: w1Ms.numpy / oneMs, goal: 5 });
}
if (want('w2') && w2[ONE].length > 0) {
  const oneR = (k: string) => w2Med(ONE, k) / w2Med('tfjs-wasm', k);
  single.push(
    { name: 'W2 training tfjs-wasm / scratchnet ≥ 2x', value: oneR('trainSamplesPerSec'), goal: 2 },
    { name: 'W2 inference batch all ≥ 1x', value: oneR('inferBatchSamplesPerSec'), goal: 1 },
    { name: 'W2 inference batch 1 ≥ 10x', value: oneR('inferSingleSamplesPerSec'), goal: 10 },
  );
}
if (single.length > 0) {
  out(`The same on one thread ("${ONE}", for reference)`);
  for (const t of single) out(`  [${t.value >= t.goal ? 'MET' : 'NOT MET'}] ${t.name}: ${f(t.value, 2)}`);
}
const optIn: { name: string; value: number; goal: number }[] = [];
if (want('w2') && w2[F32].length > 0) {
  const f32r = (k: string) => w2Med(F32, k) / w2Med('tfjs-wasm', k);
  optIn.push(
    { name: `W2 ${F32} training, tfjs-wasm / scratchnet ≥ 2x`, value: f32r('trainSamplesPerSec'), goal: 2 },
    {
      name: `W2 ${F32} inference batch 1, tfjs-wasm / scratchnet ≥ 10x`,
      value: f32r('inferSingleSamplesPerSec'),
      goal: 10,
    },
  );
}
if (want('w3'))
  optIn.push({
    name: `W3 ${F32} 128x784·784x128 ≥ 10 GFLOP/s`,
    value: g(F32, 'W2 X·W1 128x784·784x128'),
    goal: 10,
  });
if (optIn.length > 0) {
  out(`Opt-in, not numpy-exact (setMatmulPrecision('float32'); not counted above)`);
  for (const t of optIn) out(`  [${t.value >= t.goal ? 'MET' : 'NOT MET'}] ${t.name}: ${f(t.value, 2)}`);
}
out();
out(`total bench time ${f((performance.now() - started) / 1000)} s`);

console.log(lines.join('\n'));

const record = {
  date: new Date().toISOString(),
  mode,
  config: CONFIG,
  machine: {
    cpu: cpu[0]?.model,
    cores: cpu.length,
    node: process.version,
    platform: os.platform(),
    stealPercent: steal,
  },
  only,
  kernels: firstScratchnet?.kernels,
  precision,
  threads,
  w1,
  w2,
  w3,
  targets: targets.map((t) => ({ ...t, met: t.value >= t.goal })),
  optIn: optIn.map((t) => ({ ...t, met: t.value >= t.goal })),
  singleThread: single.map((t) => ({ ...t, met: t.value >= t.goal })),
  table: lines,
};
const json = `${JSON.stringify(record, null, 2)}\n`;
// A partial run (--only) only prints: it must not replace the full table that the README quotes.
if (!partial) {
  writeFileSync(path.join(HERE, 'results.json'), json);
  mkdirSync(path.join(HERE, 'history'), { recursive: true });
  writeFileSync(path.join(HERE, 'history', `${record.date.replace(/:/g, '-')}.json`), json);
}
