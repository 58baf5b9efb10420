// W1 on a busy machine: `scratchnet train` with its default kernel threads and with --threads 1,
// alternated, while one busy-loop process per core (os.availableParallelism()) keeps every core busy.
// The target: the default no more than 10% slower than one thread. The time per epoch is the
// training loop's own (the `seconds` of train --json's summary); the whole process is shown beside it.
import { mkdtempSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import type { BenchContext } from '../bench-context.ts';
import { BusyLoops } from '../busy-loops.ts';
import { builtCli, timeProcess } from '../child.ts';
import { f, noTargets, pad, type RowTargets, ratio } from '../report-format.ts';
import { median } from '../workloads/common.ts';

export interface ContentionRun {
  /** Milliseconds per epoch of the training loop. */
  msPerEpoch: number;
  /** The whole process, in seconds. */
  seconds: number;
}

export interface ContentionResults {
  busyLoops: number;
  default: ContentionRun[];
  oneThread: ContentionRun[];
}

/** The training loop's seconds from `scratchnet train --json`'s summary line. */
export function summarySeconds(stdout: string): number {
  for (const line of stdout.trim().split('\n').reverse()) {
    if (!line.startsWith('{')) continue;
    const value = JSON.parse(line) as { type?: string; seconds?: number };
    if (value.type === 'summary' && typeof value.seconds === 'number') return value.seconds;
  }
  throw new Error(`no summary line in scratchnet train --json's output:\n${stdout.slice(-500)}`);
}

export function runContention(ctx: BenchContext): ContentionResults {
  const { epochs, runs } = ctx.config.contention;
  const cli = builtCli();
  const folder = mkdtempSync(path.join(tmpdir(), 'scratchnet-bench-'));
  const results: ContentionResults = { busyLoops: os.availableParallelism(), default: [], oneThread: [] };
  const loops = new BusyLoops(results.busyLoops);
  try {
    for (let run = 0; run < runs; run++) {
      process.stderr.write(`contention run ${run + 1}/${runs} (${loops.count} busy loops)\n`);
      for (const [key, extra] of [
        ['default', []],
        ['oneThread', ['--threads', '1']],
      ] as const) {
        const out = path.join(folder, `${key}-${run}`);
        const command = [process.execPath, cli, 'train', '--epochs', `${epochs}`, '--json'];
        const timed = timeProcess(
          [...command, '--print-every', `${epochs}`, '--out', out, ...extra],
          `scratchnet train ${key === 'default' ? '(default threads)' : '--threads 1'}`,
        );
        results[key].push({
          msPerEpoch: (summarySeconds(timed.stdout) * 1000) / epochs,
          seconds: timed.seconds,
        });
      }
    }
  } finally {
    loops.stop();
    rmSync(folder, { recursive: true, force: true });
  }
  return results;
}

export function reportContention(
  ctx: BenchContext,
  results: ContentionResults,
  out: (line?: string) => void,
): RowTargets {
  const { epochs, runs } = ctx.config.contention;
  out(
    `W1 on a busy machine (${results.busyLoops} busy-loop processes, one per core), scratchnet train ` +
      `--epochs ${epochs}, median of ${runs} alternated runs`,
  );
  const widths = [28, 12, 18, 16];
  out(pad(['threads', 'ms/epoch', 'whole process s', 'vs 1 thread'], widths));
  const ms = (key: 'default' | 'oneThread') => median(results[key].map((r) => r.msPerEpoch));
  const whole = (key: 'default' | 'oneThread') => median(results[key].map((r) => r.seconds));
  const slowdown = ms('default') / ms('oneThread');
  out(pad(['default (no --threads)', f(ms('default'), 2), f(whole('default'), 2), ratio(slowdown)], widths));
  out(pad(['--threads 1', f(ms('oneThread'), 2), f(whole('oneThread'), 2), ''], widths));
  out('  ms/epoch is the training loop (train --json summary); the process also starts, saves and draws');
  out();
  const targets = noTargets();
  targets.targets.push({
    name: 'W1 busy machine, default / --threads 1 ≤ 1.10x',
    value: slowdown,
    goal: 1.1,
    atMost: true,
  });
  return targets;
}
