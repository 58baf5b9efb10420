// Start-up: whole processes that do (almost) nothing, timed from outside, median of alternated runs.
// Node's own start is the floor; the targets are scratchnet --help and --version within
// 100 ms and `train --epochs 1 --quiet` (which still builds, trains, saves and draws) within 250 ms.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BenchContext } from '../bench-context.ts';
import { builtCli, timeProcess } from '../child.ts';
import { f, noTargets, pad, type RowTargets } from '../report-format.ts';
import { median } from '../workloads/common.ts';

export interface StartupResult {
  name: string;
  /** Seconds of every run. */
  seconds: number[];
  median: number;
  /** The target, in seconds, or null. */
  limit: number | null;
}

interface StartupCommand {
  name: string;
  command: (run: number) => string[];
  limit: number | null;
}

function startupCommands(ctx: BenchContext, folder: string): StartupCommand[] {
  const node = process.execPath;
  const cli = builtCli();
  const commands: StartupCommand[] = [
    { name: 'node -e 0', command: () => [node, '-e', '0'], limit: null },
    { name: 'scratchnet --help', command: () => [node, cli, '--help'], limit: 0.1 },
    { name: 'scratchnet --version', command: () => [node, cli, '--version'], limit: 0.1 },
    {
      name: 'scratchnet train --epochs 1 --quiet',
      command: (run) => [
        node,
        cli,
        'train',
        '--epochs',
        '1',
        '--quiet',
        '--out',
        path.join(folder, `run-${run}`),
      ],
      limit: 0.25,
    },
  ];
  if (ctx.numpy) {
    commands.push({
      name: 'numpy script, 1 epoch',
      command: () => ['python3', 'bench/numpy_w1.py', '--epochs', '1', '--warmup', '0'],
      limit: null,
    });
  }
  return commands;
}

export function runStartup(ctx: BenchContext): StartupResult[] {
  const folder = mkdtempSync(path.join(tmpdir(), 'scratchnet-bench-'));
  try {
    const commands = startupCommands(ctx, folder);
    const seconds = commands.map((): number[] => []);
    const { runs } = ctx.config.startup;
    process.stderr.write(`startup: ${runs} runs of ${commands.length} commands, alternated\n`);
    for (let run = 0; run < runs; run++) {
      commands.forEach((c, i) => {
        seconds[i].push(timeProcess(c.command(run), c.name, true).seconds);
      });
    }
    return commands.map((c, i) => ({
      name: c.name,
      seconds: seconds[i],
      median: median(seconds[i]),
      limit: c.limit,
    }));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

export function reportStartup(
  ctx: BenchContext,
  results: StartupResult[],
  out: (line?: string) => void,
): RowTargets {
  out(`Start-up, whole processes timed from outside, median of ${ctx.config.startup.runs} alternated runs`);
  const widths = [36, 10, 10, 10, 8];
  out(pad(['command', 'median ms', 'min ms', 'max ms', 'target'], widths));
  for (const r of results) {
    const ms = (x: number) => f(x * 1000, 0);
    const cells = [r.name, ms(r.median), ms(Math.min(...r.seconds)), ms(Math.max(...r.seconds))];
    out(pad([...cells, r.limit === null ? '' : `${ms(r.limit)}`], widths));
  }
  out('  train --epochs 1 also validates, saves the model and draws decision-boundary.png and curves.svg');
  out();
  const targets = noTargets();
  for (const r of results.filter((r) => r.limit !== null)) {
    const limit = r.limit as number;
    targets.targets.push({
      name: `${r.name} ≤ ${f(limit * 1000, 0)} ms`,
      value: r.median * 1000,
      goal: limit * 1000,
      atMost: true,
    });
  }
  return targets;
}
