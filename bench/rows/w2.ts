// W2, an MNIST-sized MLP: training and inference samples per second, scratchnet against TF.js.
import { type BenchContext, F32, ONE } from '../bench-context.ts';
import { child, type Result, ts } from '../child.ts';
import { f, last, maxRss, med, noTargets, pad, type RowTargets, ratio } from '../report-format.ts';

export type W2Results = Record<string, Result[]>;

export function runW2(ctx: BenchContext): W2Results {
  const w2: W2Results = { scratchnet: [], [ONE]: [], [F32]: [], 'tfjs-wasm': [], 'tfjs-cpu': [] };
  const c = ctx.config.w2;
  for (let run = 0; run < c.runs; run++) {
    process.stderr.write(`W2 run ${run + 1}/${c.runs}\n`);
    const common = ['--samples', c.samples, '--singles', c.singles, '--epochs', c.epochs];
    const sn = [...common, ...ctx.kernelArgs];
    w2.scratchnet.push(
      child(ts('scratchnet-w2.ts', [...sn, ...ctx.precisionArgs, ...ctx.threadArgs]), 'scratchnet'),
    );
    if (ctx.options.threads > 1) {
      w2[ONE].push(child(ts('scratchnet-w2.ts', [...sn, ...ctx.precisionArgs]), ONE));
    }
    if (ctx.options.precision === 'exact') {
      w2[F32].push(child(ts('scratchnet-w2.ts', [...sn, '--precision', 'float32', ...ctx.threadArgs]), F32));
    }
    w2['tfjs-wasm'].push(child(ts('tfjs-w2.ts', [...common, '--backend', 'wasm']), 'tfjs-wasm'));
    if (run === 0) {
      const cpu = ['--samples', c.samples, '--singles', c.singles, '--epochs', c.cpuEpochs];
      w2['tfjs-cpu'].push(child(ts('tfjs-w2.ts', [...cpu, '--backend', 'cpu']), 'tfjs-cpu'));
    }
  }
  return w2;
}

const KEYS = ['trainSamplesPerSec', 'inferBatchSamplesPerSec', 'inferSingleSamplesPerSec'] as const;

export function reportW2(ctx: BenchContext, w2: W2Results, out: (line?: string) => void): RowTargets {
  const c = ctx.config.w2;
  const m = (s: string, k: string) => med(w2[s], k);
  out(
    `W2 MNIST-sized MLP 784-128-128-10 (${c.samples} synthetic samples, batch 128), samples/s, median of runs`,
  );
  const widths = [19, 8, 10, 12, 10, 10, 12, 34];
  const head = ['system', 'epochs', 'train/s', 'infer b=all', 'infer b=1', 'train acc', 'peak RSS MB'];
  out(pad([...head, 'vs scratchnet (train, all, 1)'], widths));
  for (const s of Object.keys(w2).filter((s) => w2[s].length > 0)) {
    const vs = KEYS.map((k) => ratio(m('scratchnet', k) / m(s, k))).join(', ');
    const cells = [
      s,
      String(last(w2[s]).epochs),
      ...KEYS.map((k) => f(m(s, k), 0)),
      f(Number(last(w2[s]).accuracy), 3),
      f(maxRss(w2[s])),
      s === 'scratchnet' ? '' : vs,
    ];
    out(pad(cells, widths));
  }
  out(`  ${c.runs} runs, alternated; tfjs-cpu on the first only (too slow; no target reads it)`);
  out();
  const over = (s: string, k: string) => m(s, k) / m('tfjs-wasm', k);
  const targets = noTargets();
  targets.targets.push(
    { name: 'W2 training tfjs-wasm / scratchnet ≥ 2x', value: over('scratchnet', KEYS[0]), goal: 2 },
    {
      name: 'W2 inference batch all, tfjs-wasm / scratchnet ≥ 1x',
      value: over('scratchnet', KEYS[1]),
      goal: 1,
    },
    {
      name: 'W2 inference batch 1, tfjs-wasm / scratchnet ≥ 10x',
      value: over('scratchnet', KEYS[2]),
      goal: 10,
    },
  );
  if (w2[ONE].length > 0) {
    targets.singleThread.push(
      { name: 'W2 training tfjs-wasm / scratchnet ≥ 2x', value: over(ONE, KEYS[0]), goal: 2 },
      { name: 'W2 inference batch all ≥ 1x', value: over(ONE, KEYS[1]), goal: 1 },
      { name: 'W2 inference batch 1 ≥ 10x', value: over(ONE, KEYS[2]), goal: 10 },
    );
  }
  if (w2[F32].length > 0) {
    targets.optIn.push(
      { name: `W2 ${F32} training, tfjs-wasm / scratchnet ≥ 2x`, value: over(F32, KEYS[0]), goal: 2 },
      {
        name: `W2 ${F32} inference batch 1, tfjs-wasm / scratchnet ≥ 10x`,
        value: over(F32, KEYS[2]),
        goal: 10,
      },
    );
  }
  return targets;
}
