// `npx tsx bench/contention.ts [--epochs 500] [--rounds 5] [--busy n] [--threads default,1,4]`:
// whole `scratchnet train --quiet` runs (the built CLI: run `npm run build` first), each as its own
// process, with the thread settings alternated run by run, once on the machine as it is and once
// while `--busy` other processes (default: one per core) spin; prints the median wall time of each
// setting and its ratio to `--threads 1`. The question it answers: does the default thread setting
// ever lose to one thread, with every core taken by something else?
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './workloads/common.ts';

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const CLI = path.join(ROOT, 'dist', 'cli', 'main.js');

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

const epochs = option('epochs', '500');
const rounds = Number(option('rounds', '5'));
const busyCount = Number(option('busy', String(availableParallelism())));
const settings = option('threads', 'default,1,4').split(',');

/** One whole run's wall time in seconds. */
function timeRun(threads: string): number {
  const args = [CLI, 'train', '--epochs', epochs, '--quiet', '--out', path.join(ROOT, 'runs', 'contention')];
  if (threads !== 'default') args.push('--threads', threads);
  const start = performance.now();
  const result = spawnSync(process.execPath, args, { encoding: 'utf8' });
  const seconds = (performance.now() - start) / 1000;
  if (result.status !== 0) throw new Error(`train --threads ${threads} failed: ${result.stderr}`);
  return seconds;
}

function measure(label: string): void {
  const times = new Map<string, number[]>(settings.map((s) => [s, []]));
  for (let round = 0; round < rounds; round++) {
    // alternated, and each round in another order: a drift of the machine's load hits all alike
    const order = round % 2 === 0 ? settings : [...settings].reverse();
    for (const s of order) times.get(s)?.push(timeRun(s));
  }
  const one = median(times.get('1') ?? [Number.NaN]);
  for (const s of settings) {
    const t = times.get(s) ?? [];
    const m = median(t);
    const ratio = Number.isNaN(one) ? '' : `  ${(m / one).toFixed(2)}x of --threads 1`;
    console.log(
      `${label.padEnd(12)} threads ${s.padEnd(8)} median ${m.toFixed(2)} s${ratio}   (${t.map((x) => x.toFixed(2)).join(' ')})`,
    );
  }
}

function startBusy(count: number): ChildProcess[] {
  return Array.from({ length: count }, () =>
    spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }),
  );
}

console.log(`scratchnet train --epochs ${epochs} --quiet, ${rounds} rounds, ${availableParallelism()} cores`);
measure('as it is');
const busy = startBusy(busyCount);
try {
  measure(`${busyCount} busy`);
} finally {
  for (const child of busy) child.kill();
}
