import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { ScratchnetError } from '../../errors/scratchnet-error.ts';
import { writeFileAtomic } from '../../io/atomic-write.ts';
import { makeFolder } from '../../io/write-target.ts';
import { sweepChartSvg } from '../../plot/sweep-chart-svg.ts';
import { COMMAND_SUMMARIES } from '../command-summaries.ts';
import { DEFAULT_MAX_MEMORY, type MemoryBudget } from '../run-budget.ts';
import { refuseNonEmptyFolder } from '../run-claim.ts';
import { newRunFolder, writeJson } from '../run-folder.ts';
import { sweepCsv, sweepJson } from '../sweep/sweep-files.ts';
import { describeSetting, expandGrid, type SweepPoint, settingsOf } from '../sweep/sweep-grid.ts';
import type { RunRequest } from '../sweep/sweep-messages.ts';
import {
  addSweepOptions,
  refuseSettingsWhenResuming,
  resolveSweepSpec,
  type SweepFlags,
} from '../sweep/sweep-options.ts';
import { SweepProgress } from '../sweep/sweep-progress.ts';
import { type SettingSummary, summarize } from '../sweep/sweep-stats.ts';
import {
  readResults,
  readSpec,
  SPEC_FILE,
  type SweepSpec,
  specDifferences,
  writeResult,
  writeSpec,
} from '../sweep/sweep-store.ts';
import { describeSweep, formatSweepTable } from '../sweep/sweep-table.ts';
import { prepareRun, type RunResult } from '../sweep/train-point.ts';
import { SWEEP_WORKER_URL, WorkerPool } from '../sweep/worker-pool.ts';

export function registerSweepCommand(program: Command): void {
  const command = program.command('sweep').description(COMMAND_SUMMARIES.sweep.description);
  addSweepOptions(command).action(async (flags: SweepFlags, cmd: Command) => {
    await sweep(cmd, flags);
  });
}

async function sweep(cmd: Command, flags: SweepFlags): Promise<void> {
  flags.jobs = capJobs(flags);
  const { spec, folder } = await openSweep(cmd, flags);
  const points = expandGrid(spec.grid);
  const done = await readResults(folder, points);
  const pending = points.filter((p) => !done.has(p.key));
  const say = (line: string) => !flags.quiet && !flags.json && console.log(line);
  if (done.size > 0) {
    say(
      `${folder}: ${done.size} of ${points.length} runs already finished, skipped; ${pending.length} to train`,
    );
    if (flags.json)
      console.log(JSON.stringify({ type: 'resume', folder, skipped: done.size, pending: pending.length }));
  }
  const started = performance.now();
  const jobs = Math.min(flags.jobs, Math.max(1, pending.length));
  if (pending.length > 0) say(`training ${pending.length} runs on ${jobs} worker threads`);
  const outcome = await trainPending(spec, folder, pending, done, flags);
  if (outcome === 'stopped') {
    process.stderr.write(
      `interrupted: ${done.size} of ${points.length} runs finished, kept in ${join(folder, 'results')}\n` +
        `resume with: scratchnet sweep --resume ${folder}\n`,
    );
    process.exitCode = 130;
    return;
  }
  const runs = points.map((p) => done.get(p.key) as RunResult);
  const summaries = summarize(settingsOf(spec.grid), runs);
  await writeSweepFiles(folder, spec, runs, summaries);
  const seconds = (performance.now() - started) / 1000;
  if (flags.json) console.log(JSON.stringify({ type: 'summary', folder, seconds, summary: summaries }));
  say('');
  say(formatSweepTable(summaries, spec.nearZero));
  say('');
  say(describeSweep(spec.base, spec.validationSamples, spec.nearZero));
  say(`time:     ${seconds.toFixed(1)} s for ${pending.length} runs on ${jobs} worker threads`);
  say(`saved to: ${folder} (sweep.csv, sweep.json, sweep.svg)`);
}

/** sweep.json, sweep.csv and sweep.svg, each written atomically. */
async function writeSweepFiles(
  folder: string,
  spec: SweepSpec,
  runs: readonly RunResult[],
  summaries: readonly SettingSummary[],
): Promise<void> {
  await writeJson(join(folder, 'sweep.json'), sweepJson(spec, runs, summaries));
  await writeFileAtomic(join(folder, 'sweep.csv'), sweepCsv(runs, summaries));
  const points = summaries.map((s) => ({
    ...s,
    validationAccuracy: s.metrics.validationAccuracy.mean,
    validationAccuracyStd: s.metrics.validationAccuracy.std,
    gap: s.metrics.gap.mean,
    gapStd: s.metrics.gap.std,
  }));
  await writeFileAtomic(join(folder, 'sweep.svg'), sweepChartSvg(points));
}

/** The sweep to run and its folder: a stored one (--resume, or --out naming one), or a new one. */
async function openSweep(cmd: Command, flags: SweepFlags): Promise<{ spec: SweepSpec; folder: string }> {
  if (flags.resume !== undefined) {
    refuseSettingsWhenResuming(cmd);
    const spec = await readSpec(flags.resume);
    if (spec === null) {
      throw new ScratchnetError(
        'BAD_STATE',
        `${flags.resume} holds no sweep (no ${SPEC_FILE})`,
        'pass the folder a scratchnet sweep wrote (its --out)',
      );
    }
    // an edited sweep-config.json gets the checks a new sweep gets
    await prepareRun(spec.base, expandGrid(spec.grid)[0], spec.validationSamples, budgetOf(spec, flags));
    return { spec, folder: flags.resume };
  }
  const spec = await resolveSweepSpec(cmd, flags);
  // everything that can be refused is refused before the folder exists
  await prepareRun(spec.base, expandGrid(spec.grid)[0], spec.validationSamples, budgetOf(spec, flags));
  const folder = cmd.getOptionValueSource('out') === 'cli' && flags.out ? flags.out : newRunFolder('sweep');
  const stored = await readSpec(folder);
  if (stored !== null) {
    const differences = specDifferences(stored, spec);
    if (differences.length > 0) {
      throw new ScratchnetError(
        'INVALID_OPTION',
        `${folder} holds a different sweep (${differences.join('; ')})`,
        `finish it as it was with scratchnet sweep --resume ${folder}, or choose another --out`,
      );
    }
    return { spec: stored, folder };
  }
  // a new sweep never writes among someone's files (--out / once wrote sweep-config.json into /)
  await refuseNonEmptyFolder(folder);
  await makeFolder(folder);
  await writeSpec(folder, spec);
  return { spec, folder };
}

/**
 * --jobs, at most this machine's cores: more workers than cores only take turns on them, each with
 * its own copy of the data and network (`--jobs 200` started 200 workers on 2 cores).
 */
function capJobs(flags: SweepFlags): number {
  const cores = availableParallelism();
  if (flags.jobs <= cores) return flags.jobs;
  if (!flags.quiet) {
    process.stderr.write(
      `warning: --jobs ${flags.jobs} is more than this machine's ${cores} cores; using ${cores} worker threads\n`,
    );
  }
  return cores;
}

/** Each of the runs that train at once gets an equal share of --max-memory. */
function budgetOf(spec: SweepSpec, flags: SweepFlags): MemoryBudget {
  const share = Math.max(1, Math.min(flags.jobs, expandGrid(spec.grid).length));
  const limit = (flags.maxMemory ?? DEFAULT_MAX_MEMORY) / share;
  const what =
    share === 1
      ? 'each run of this sweep needs'
      : `each of the ${share} runs training at once (--jobs ${share}, sharing --max-memory) needs`;
  return { limit, what, share };
}

/** Trains the pending runs on the pool, storing each result as it ends; 'stopped' after Ctrl-C. */
async function trainPending(
  spec: SweepSpec,
  folder: string,
  pending: readonly SweepPoint[],
  done: Map<string, RunResult>,
  flags: SweepFlags,
): Promise<'finished' | 'stopped'> {
  if (pending.length === 0) return 'finished';
  const total = done.size + pending.length;
  const progress =
    flags.quiet || flags.json
      ? null
      : new SweepProgress({
          runs: total,
          finished: done.size,
          epochsPerRun: spec.base.epochs,
          terminal: process.stdout.isTTY === true,
        });
  const pool = new WorkerPool({
    jobs: flags.jobs,
    workerUrl: SWEEP_WORKER_URL,
    describe: (request) => `"${describeSetting(request.point)}, seed ${request.point.seed}"`,
    onProgress: (key, epoch) => progress?.epoch(key, epoch),
    onResult: async (result) => {
      await writeResult(folder, result);
      done.set(result.key, result);
      if (flags.json) console.log(JSON.stringify({ type: 'run', ...result }));
      progress?.finished(result.key, runLine(result, done.size, total));
    },
  });
  const onSignal = () => void pool.stop();
  process.once('SIGINT', onSignal);
  try {
    const requests: RunRequest[] = pending.map((point) => ({
      type: 'run',
      base: spec.base,
      point,
      validationSamples: spec.validationSamples,
      nearZero: spec.nearZero,
      threads: flags.threads,
    }));
    return await pool.run(requests);
  } catch (error) {
    if (error instanceof Error) error.message += `; the ${done.size} finished runs are kept in ${folder}`;
    throw error;
  } finally {
    process.removeListener('SIGINT', onSignal);
    progress?.stop();
  }
}

function runLine(r: RunResult, finished: number, total: number): string {
  const gap = `${r.gap >= 0 ? '+' : ''}${r.gap.toFixed(3)}`;
  return (
    `[${finished}/${total}] ${describeSetting(r)}, seed ${r.seed}: train acc ${r.trainAccuracy.toFixed(3)}, ` +
    `val acc ${r.validationAccuracy.toFixed(3)}, gap ${gap} (${r.seconds.toFixed(1)} s)`
  );
}
