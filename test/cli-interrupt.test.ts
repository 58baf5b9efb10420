// Issue 15: Ctrl-C during a run on a large CSV was heard only every 50 epochs (22 s on a million
// rows), and a Ctrl-C during the last chunk of epochs exited 130 without the final model. Now it is
// heard inside the epoch in progress, the run stops when that epoch ends, and the last state is
// always saved: the checkpoint of that epoch, and the final model when it was the last.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { cli, runCli } from './cli-runner.ts';
import { tempDir } from './fault-runs.ts';

/** A CSV of `rows` points in 3 classes, with a long epoch at batches of 20 (many steps). */
function bigCsv(dir: string, rows: number): string {
  const lines = ['x0,x1,label'];
  for (let i = 0; i < rows; i++)
    lines.push(`${Math.sin(i).toFixed(4)},${Math.cos(1.3 * i).toFixed(4)},${i % 3}`);
  const path = join(dir, 'big.csv');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

/** Runs train, sends SIGINT as soon as stdout shows `when`, and collects what happened. */
function trainAndInterrupt(args: string[], when: string): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [cli, 'train', ...args]);
  let stdout = '';
  let stderr = '';
  let sent = false;
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
    if (!sent && stdout.includes(when)) {
      sent = true;
      child.kill('SIGINT');
    }
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr })));
}

test('Ctrl-C inside a long run stops after the epoch in progress, says which, and resumes bit-exact', async () => {
  const dir = tempDir('interrupt');
  const csv = bigCsv(dir, 20000);
  const args = ['--dataset', `csv:${csv}`, '--batch-size', '20', '--hidden', '8', '--checkpoint-every', '0'];
  const cut = join(dir, 'cut');
  // 20 epochs: before the fix, a Ctrl-C at epoch 1 was heard after epoch 20 (the first 50-epoch chunk)
  const result = await trainAndInterrupt(
    [...args, '--epochs', '20', '--print-every', '1', '--out', cut],
    'epoch: 1,',
  );
  assert.equal(result.code, 130, result.stderr);
  assert.match(result.stderr, /Ctrl-C: stopping after the epoch in progress/);
  const stopped = Number(/interrupted at epoch (\d+) of 20/.exec(result.stderr)?.[1]);
  assert.ok(stopped >= 1 && stopped < 20, result.stderr);
  const resumed = runCli(['train', '--resume', cut, '--epochs', String(stopped + 1), '--quiet']);
  assert.equal(resumed.code, 0, resumed.stderr);
  const straight = join(dir, 'straight');
  assert.equal(
    runCli(['train', ...args, '--epochs', String(stopped + 1), '--quiet', '--out', straight]).code,
    0,
  );
  assert.deepEqual(readFileSync(join(cut, 'weights.bin')), readFileSync(join(straight, 'weights.bin')));
});

test('Ctrl-C during the last epoch still saves the final model (and exits 130)', async () => {
  const dir = tempDir('interrupt');
  const csv = bigCsv(dir, 20000);
  const args = ['--dataset', `csv:${csv}`, '--batch-size', '20', '--hidden', '8', '--epochs', '2'];
  const cut = join(dir, 'cut');
  const result = await trainAndInterrupt([...args, '--print-every', '1', '--out', cut], 'epoch: 1,');
  assert.equal(result.code, 130, result.stderr);
  assert.match(result.stderr, /interrupted during the last epoch \(2\): the run is complete and saved/);
  const record = JSON.parse(readFileSync(join(cut, 'run.json'), 'utf8'));
  assert.equal(record.final.epoch, 2);
  const straight = join(dir, 'straight');
  assert.equal(runCli(['train', ...args, '--quiet', '--out', straight]).code, 0);
  assert.deepEqual(readFileSync(join(cut, 'weights.bin')), readFileSync(join(straight, 'weights.bin')));
});

/** Runs the CLI, closes its stdout after the first chunk (as `| head -1` does), and collects the end. */
function closeStdoutEarly(args: string[]): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [cli, ...args]);
  let stderr = '';
  child.stdout.once('data', () => child.stdout.destroy());
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr })));
}

test('a reader that closes stdout (| head) ends the CLI quietly with 141, and a run keeps its checkpoint', async () => {
  // before: an unhandled EPIPE with a stack trace, and a training run died without its checkpoint
  const data = await closeStdoutEarly(['data', 'spiral', '--samples', '200000']);
  assert.equal(data.code, 141, data.stderr);
  assert.equal(data.stderr, '');
  const dir = tempDir('epipe');
  const out = join(dir, 'run');
  const run = await closeStdoutEarly(['train', '--epochs', '100000', '--print-every', '1', '--out', out]);
  assert.equal(run.code, 141, run.stderr);
  assert.doesNotMatch(run.stderr, /EPIPE|\n\s+at /);
  assert.match(run.stderr, /the output pipe closed: stopping after the epoch in progress/);
  const stopped = Number(/interrupted at epoch (\d+) of 100000: checkpoint written/.exec(run.stderr)?.[1]);
  assert.ok(stopped >= 1, run.stderr);
  // the resumed run ends where a run never stopped ends, bit for bit
  const epochs = String(stopped + 200);
  const resumed = runCli(['train', '--resume', out, '--epochs', epochs, '--quiet']);
  assert.equal(resumed.code, 0, resumed.stderr);
  const straight = join(dir, 'straight');
  assert.equal(runCli(['train', '--epochs', epochs, '--quiet', '--out', straight]).code, 0);
  assert.deepEqual(readFileSync(join(out, 'weights.bin')), readFileSync(join(straight, 'weights.bin')));
});

test('with stderr in the same closed pipe (2>&1 | head) the run still stops cleanly with its checkpoint', () => {
  // before: the "stopping" line to stderr failed with EPIPE too, unhandled; exit 1, run.lock left, no checkpoint
  const out = join(tempDir('epipe-both'), 'run');
  const shell = spawnSync(
    'bash',
    [
      '-c',
      `set -o pipefail; "${process.execPath}" "${cli}" train --epochs 100000 --print-every 1 --out "${out}" 2>&1 | head -1`,
    ],
    { encoding: 'utf8' },
  );
  assert.equal(shell.status, 141, shell.stderr);
  assert.ok(existsSync(join(out, 'checkpoint', 'current.json')), 'the checkpoint was committed');
  assert.equal(existsSync(join(out, 'run.lock')), false, 'the lock was released');
});
