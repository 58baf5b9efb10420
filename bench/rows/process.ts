// W1 as a user runs it: `scratchnet train --epochs 1000 --quiet` (the default spiral network, its
// default threads, validation every epoch, checkpoints, the saved model and the pictures), against
// the numpy script and TF.js-wasm training the same network with validation every epoch, each as a
// whole process timed from outside with plain `node` / `python3`: start-up, imports, training, exit.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BenchContext } from '../bench-context.ts';
import { builtCli, timeProcess } from '../child.ts';
import { f, noTargets, pad, type RowTargets, ratio } from '../report-format.ts';
import { median } from '../workloads/common.ts';

export interface ProcessRun {
  seconds: number;
  maxRssMB: number | null;
}

export type ProcessResults = Record<string, ProcessRun[]>;

export function runProcess(ctx: BenchContext): ProcessResults {
  const { epochs, runs } = ctx.config.process;
  const node = process.execPath;
  const cli = builtCli();
  const folder = mkdtempSync(path.join(tmpdir(), 'scratchnet-bench-'));
  const results: ProcessResults = { scratchnet: [], 'tfjs-wasm': [], numpy: [] };
  try {
    // the same points for TF.js, written by scratchnet's own `data` command (numpy draws them itself)
    const train = path.join(folder, 'train.csv');
    const validation = path.join(folder, 'validation.csv');
    timeProcess(
      [node, cli, 'data', 'spiral', '--samples', '1000', '--classes', '3', '--out', train],
      'data',
      true,
    );
    const val = ['--samples', '100', '--classes', '3', '--seed', '1', '--out', validation];
    timeProcess([node, cli, 'data', 'spiral', ...val], 'data', true);
    const tfjs = path.join('bench', 'workloads', 'tfjs-w1-process.mjs');
    for (let run = 0; run < runs; run++) {
      process.stderr.write(`whole process run ${run + 1}/${runs}\n`);
      const out = path.join(folder, `run-${run}`);
      const sn = [node, cli, 'train', '--epochs', `${epochs}`, '--quiet', '--out', out];
      results.scratchnet.push(timeProcess(sn, 'scratchnet train'));
      const tf = [node, tfjs, '--epochs', `${epochs}`, '--train', train, '--validation', validation];
      results['tfjs-wasm'].push(timeProcess(tf, 'tfjs-wasm'));
      if (ctx.numpy) {
        const np = ['python3', 'bench/numpy_w1.py', '--epochs', `${epochs}`, '--warmup', '0', '--validate'];
        results.numpy.push(timeProcess(np, 'numpy'));
      }
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  return results;
}

export function reportProcess(
  ctx: BenchContext,
  results: ProcessResults,
  out: (line?: string) => void,
): RowTargets {
  const { epochs, runs } = ctx.config.process;
  const seconds = (s: string) => median(results[s].map((r) => r.seconds));
  out(`W1 whole process, ${epochs} epochs with validation every epoch, median of ${runs} alternated runs`);
  const widths = [24, 10, 14, 12, 22];
  out(pad(['system', 'seconds', 'ms per epoch', 'peak RSS MB', 'vs scratchnet'], widths));
  const systems = Object.keys(results).filter((s) => results[s].length > 0);
  for (const s of systems) {
    const rss = Math.max(...results[s].map((r) => r.maxRssMB ?? Number.NaN));
    const vs = s === 'scratchnet' ? '' : `${s} / scratchnet = ${ratio(seconds(s) / seconds('scratchnet'))}`;
    out(pad([s, f(seconds(s), 2), f((seconds(s) * 1000) / epochs, 2), f(rss), vs], widths));
  }
  out('  scratchnet = scratchnet train --epochs N --quiet (default threads; it also checkpoints, saves the');
  out('  model and draws the pictures); numpy = bench/numpy_w1.py --validate --warmup 0;');
  out('  tfjs-wasm = bench/workloads/tfjs-w1-process.mjs (plain node, validationData every epoch)');
  if (!ctx.numpy) out('  numpy: skipped (python3 with numpy not found)');
  out();
  const targets = noTargets();
  targets.targets.push({
    name: 'W1 whole process, tfjs-wasm / scratchnet ≥ 10x',
    value: seconds('tfjs-wasm') / seconds('scratchnet'),
    goal: 10,
  });
  if (ctx.numpy) {
    targets.targets.push({
      name: 'W1 whole process, numpy / scratchnet ≥ 5x',
      value: seconds('numpy') / seconds('scratchnet'),
      goal: 5,
    });
  }
  return targets;
}
