// W1, the book's spiral network: ms per epoch of scratchnet, TF.js (wasm, cpu) and numpy, in-process
// timing after a warm-up, median of alternated runs.
import { type BenchContext, ONE } from '../bench-context.ts';
import { child, type Result, ts } from '../child.ts';
import { f, last, maxRss, med, noTargets, pad, type RowTargets, ratio } from '../report-format.ts';

export type W1Results = Record<string, Result[]>;

export function runW1(ctx: BenchContext): W1Results {
  const w1: W1Results = { scratchnet: [], [ONE]: [], 'tfjs-wasm': [], 'tfjs-cpu': [], numpy: [] };
  const { epochs, warmup, runs, cpuEpochs, cpuRuns } = ctx.config.w1;
  const common = ['--epochs', epochs, '--warmup', warmup, ...ctx.kernelArgs, ...ctx.precisionArgs];
  for (let run = 0; run < runs; run++) {
    process.stderr.write(`W1 run ${run + 1}/${runs}\n`);
    w1.scratchnet.push(child(ts('scratchnet-w1.ts', [...common, ...ctx.threadArgs]), 'scratchnet'));
    if (ctx.options.threads > 1) w1[ONE].push(child(ts('scratchnet-w1.ts', common), ONE));
    w1['tfjs-wasm'].push(
      child(ts('tfjs-w1.ts', ['--backend', 'wasm', '--epochs', epochs, '--warmup', warmup]), 'tfjs-wasm'),
    );
    if (ctx.numpy) {
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
  return w1;
}

export function reportW1(ctx: BenchContext, w1: W1Results, out: (line?: string) => void): RowTargets {
  const systems = Object.keys(w1).filter((s) => w1[s].length > 0);
  const ms: Record<string, number> = Object.fromEntries(systems.map((s) => [s, med(w1[s], 'msPerEpoch')]));
  out(`W1 book spiral (3000x2, 64 ReLU, dropout 0.1, Adam 0.05, full batch), median of runs`);
  const widths = [19, 10, 8, 6, 10, 12, 22];
  out(pad(['system', 'ms/epoch', 'epochs', 'runs', 'final acc', 'peak RSS MB', 'vs scratchnet'], widths));
  for (const s of systems) {
    const cells = [
      s,
      f(ms[s], 2),
      String(last(w1[s]).epochs),
      String(w1[s].length),
      f(Number(last(w1[s]).accuracy), 3),
      f(maxRss(w1[s])),
      s === 'scratchnet' ? '' : `${s} / scratchnet = ${ratio(ms[s] / ms.scratchnet)}`,
    ];
    out(pad(cells, widths));
  }
  const sn = last(w1.scratchnet);
  out(
    `  scratchnet heap (after gc): ${f(Number(sn.heapBeforeMB), 2)} MB before, ` +
      `${f(Number(sn.heapAfterMB), 2)} MB after ${ctx.config.w1.epochs} epochs`,
  );
  out(
    '  TF.js Adam has no decay (constant lr 0.05); tfjs-cpu runs fewer epochs/runs (too slow), ms/epoch only',
  );
  if (!ctx.numpy) out('  numpy: skipped (python3 with numpy not found)');
  out();
  const targets = noTargets();
  targets.targets.push({
    name: 'W1 tfjs-wasm / scratchnet ≥ 10x',
    value: ms['tfjs-wasm'] / ms.scratchnet,
    goal: 10,
  });
  if (ctx.numpy)
    targets.targets.push({ name: 'W1 numpy / scratchnet ≥ 5x', value: ms.numpy / ms.scratchnet, goal: 5 });
  if (w1[ONE].length > 0) {
    const oneMs = med(w1[ONE], 'msPerEpoch');
    targets.singleThread.push({
      name: 'W1 tfjs-wasm / scratchnet ≥ 10x',
      value: ms['tfjs-wasm'] / oneMs,
      goal: 10,
    });
    if (ctx.numpy)
      targets.singleThread.push({ name: 'W1 numpy / scratchnet ≥ 5x', value: ms.numpy / oneMs, goal: 5 });
  }
  return targets;
}
