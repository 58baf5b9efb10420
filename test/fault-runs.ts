// Shared by the fault-injection tests: a small run whose every durable file operation (write, fsync,
// rename, mkdir, remove) is a numbered fault point (src/io/fault-points.ts), the list of those
// points, and the check that a run folder left by a fault ends well: a complete final model, or a
// bit-exact resume, or (when nothing was committed yet) a clear refusal and a clean restart.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from './cli-runner.ts';

/** Two epochs, a checkpoint after each: a first commit, a second replacing it, then the final model. */
export const SMALL_RUN = [
  'train',
  '--dataset',
  'sine',
  '--samples',
  '20',
  '--hidden',
  '4',
  '--epochs',
  '2',
  '--checkpoint-every',
  '1',
  '--quiet',
];

export interface FaultRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

export function runWith(args: readonly string[], env: Record<string, string> = {}): FaultRun {
  const result = spawnSync(process.execPath, [cli, ...args], {
    encoding: 'utf8',
    env: { ...process.env, SCRATCHNET_TEST_FAULT: '', SCRATCHNET_TEST_FAULT_LOG: '', ...env },
  });
  return { status: result.status, signal: result.signal, stderr: result.stderr };
}

/**
 * A fresh folder, in memory (/dev/shm) where there is one: these tests check what is in a folder after
 * a fault, not that fsync reaches a disk, and a disk's fsync latency would only slow them down.
 */
export function tempDir(prefix: string): string {
  const base = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
  return mkdtempSync(join(base, `scratchnet-${prefix}-`));
}

export interface FaultPoint {
  index: number;
  kind: string;
  path: string;
}

/** The fault points of SMALL_RUN into `out`, in order, and the weights it ends with. */
export function enumerateFaultPoints(out: string): { points: FaultPoint[]; weights: Buffer } {
  const log = `${out}.points.log`;
  const result = runWith([...SMALL_RUN, '--out', out], { SCRATCHNET_TEST_FAULT_LOG: log });
  assert.equal(result.status, 0, result.stderr);
  const points = readFileSync(log, 'utf8')
    .trim()
    .split('\n')
    .map((line) => {
      const [index, kind, path] = line.split(' ');
      return { index: Number(index), kind, path };
    });
  return { points, weights: readFileSync(join(out, 'weights.bin')) };
}

export type Outcome = 'complete' | 'resumed' | 'refused, restarted';

/**
 * What a run folder left by a fault leads to: a complete final model as run.json records it; else a
 * resume that exits 0 (required once a checkpoint was committed); else a refusal with an error and a
 * hint, after which the same command starts afresh in the same folder. Every path must end with the
 * weights of the uninterrupted run, byte for byte.
 */
export function settle(out: string, reference: Buffer): Outcome {
  if (finalIsComplete(out)) {
    assert.deepEqual(readFileSync(join(out, 'weights.bin')), reference, 'complete, but other weights');
    return 'complete';
  }
  const committed = existsSync(join(out, 'checkpoint', 'current.json'));
  const resumed = runWith(['train', '--resume', out, '--quiet']);
  if (resumed.status === 0) {
    assert.deepEqual(readFileSync(join(out, 'weights.bin')), reference, 'resumed to other weights');
    assertNoDebris(out);
    return 'resumed';
  }
  assert.equal(committed, false, `a committed checkpoint was not resumed: ${resumed.stderr}`);
  assertCleanRefusal(resumed);
  const again = runWith([...SMALL_RUN, '--out', out]);
  assert.equal(again.status, 0, `the run could not start again in its folder: ${again.stderr}`);
  assert.deepEqual(readFileSync(join(out, 'weights.bin')), reference, 'restarted to other weights');
  assertNoDebris(out);
  return 'refused, restarted';
}

/** After a run that ended well: no lock, no temporary file, one checkpoint and its current.json. */
function assertNoDebris(out: string): void {
  const top = readdirSync(out);
  assert.deepEqual(
    top.filter((name) => name.endsWith('.tmp') || name === 'run.lock'),
    [],
    `debris in ${out}: ${top.join(', ')}`,
  );
  const checkpoint = readdirSync(join(out, 'checkpoint')).sort();
  assert.equal(checkpoint.length, 2, `checkpoint/ holds ${checkpoint.join(', ')}`);
  assert.equal(checkpoint[0], 'current.json');
  assert.match(checkpoint[1], /^epoch-2-[0-9a-f]{12}$/);
}

/** Exit 1, one `error:` line and one `hint:` line, no stack trace. */
export function assertCleanRefusal(result: FaultRun): void {
  assert.equal(result.status, 1, result.stderr);
  assert.equal(result.stderr.match(/^error: /gm)?.length, 1, result.stderr);
  assert.match(result.stderr, /^hint: /m);
  assert.doesNotMatch(result.stderr, /\n\s+at /);
}

/** run.json's final entry matches every file it lists. */
function finalIsComplete(out: string): boolean {
  let record: { final: { files: Record<string, { sha256: string }> } | null };
  try {
    record = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'));
  } catch {
    return false;
  }
  if (record.final === null) return false;
  return Object.entries(record.final.files).every(([name, digest]) => {
    const path = join(out, name);
    return (
      existsSync(path) && createHash('sha256').update(readFileSync(path)).digest('hex') === digest.sha256
    );
  });
}
