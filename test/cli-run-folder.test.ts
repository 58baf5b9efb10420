// Issue 15: which folders `scratchnet train` writes into, who owns them, and what --resume and the
// model loader check before trusting a run folder. Each case ends in the right result, or one
// `error:` line with a hint, exit 1, and nothing left behind or damaged.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { cli, runCli } from './cli-runner.ts';
import { assertCleanRefusal, tempDir } from './fault-runs.ts';

const QUICK = ['--dataset', 'sine', '--samples', '20', '--hidden', '4', '--quiet'];
const train = (...args: string[]) => runCli(['train', ...QUICK, ...args]);
const resume = (folder: string, ...args: string[]) =>
  runCli(['train', '--resume', folder, '--quiet', ...args]);
const refusal = (result: ReturnType<typeof runCli>) =>
  assertCleanRefusal({ status: result.code, signal: null, stderr: result.stderr });

/** The pid of a process that has ended. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  return Number(child.stdout);
}

function writeLock(folder: string, pid: number): void {
  writeFileSync(
    join(folder, 'run.lock'),
    `${JSON.stringify({ pid, host: hostname(), since: '2026-01-01T00:00:00.000Z' })}\n`,
  );
}

describe('--out: a new run writes only into a new, empty or dead-run folder', () => {
  test('--out / is refused without writing anything', () => {
    const before = readdirSync('/');
    const result = train('--epochs', '1', '--out', '/');
    refusal(result);
    assert.match(result.stderr, /--out \/ is a folder with other files in it/);
    assert.deepEqual(readdirSync('/'), before);
  });

  test("a folder holding the user's config.json is refused and the file left as it was", () => {
    const dir = tempDir('out');
    writeFileSync(join(dir, 'config.json'), '{"mine": true}\n');
    const result = train('--epochs', '1', '--out', dir);
    refusal(result);
    assert.match(result.stderr, /other files in it \(config\.json\)/);
    assert.deepEqual(readdirSync(dir), ['config.json']);
    assert.equal(readFileSync(join(dir, 'config.json'), 'utf8'), '{"mine": true}\n');
  });

  test('an empty folder is used; a finished run is not overwritten, the hint says how to continue it', () => {
    const dir = tempDir('out');
    assert.equal(train('--epochs', '2', '--out', dir).code, 0);
    const weights = readFileSync(join(dir, 'weights.bin'));
    const again = train('--epochs', '3', '--out', dir);
    refusal(again);
    assert.match(again.stderr, /already holds a run \(finished at epoch 2\)/);
    assert.match(again.stderr, /hint: continue it with scratchnet train --resume/);
    assert.deepEqual(readFileSync(join(dir, 'weights.bin')), weights);
  });

  test('sweep --out at a folder with other files in it is refused too', () => {
    const dir = tempDir('out');
    writeFileSync(join(dir, 'notes.txt'), 'mine\n');
    const result = runCli(['sweep', '--seeds', '0', '--epochs', '2', '--out', dir]);
    refusal(result);
    assert.match(result.stderr, /--out .* is a folder with other files in it \(notes\.txt\)/);
    assert.deepEqual(readdirSync(dir), ['notes.txt']);
  });

  test('a folder that is a file is refused', () => {
    const file = join(tempDir('out'), 'file');
    writeFileSync(file, 'x');
    refusal(train('--epochs', '1', '--out', file));
    assert.equal(readFileSync(file, 'utf8'), 'x');
  });
});

describe('run.lock: one process owns a run folder', () => {
  test('a folder locked by a live process is refused, to a new run and to --resume', () => {
    const dir = tempDir('lock');
    const run = join(dir, 'run');
    assert.equal(train('--epochs', '2', '--checkpoint-every', '1', '--out', run).code, 0);
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    // this test's own process: certainly alive
    for (const folder of [run, empty]) writeLock(folder, process.pid);
    for (const result of [resume(run), train('--epochs', '1', '--out', empty)]) {
      refusal(result);
      assert.match(result.stderr, new RegExp(`in use by another scratchnet run \\(process ${process.pid}`));
    }
    assert.deepEqual(readdirSync(empty), ['run.lock']);
  });

  test('two runs started at once into the same --out: one trains, the other is refused', async () => {
    const out = join(tempDir('lock'), 'shared');
    const start = () =>
      new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [cli, 'train', ...QUICK, '--epochs', '300', '--out', out]);
        let stderr = '';
        child.stderr.on('data', (chunk) => {
          stderr += chunk;
        });
        child.on('close', (code) => resolve({ code, stderr }));
      });
    const results = await Promise.all([start(), start()]);
    const codes = results.map((r) => r.code).sort();
    // both may finish if one ends before the other starts; then the second meets a finished run
    assert.deepEqual(codes, [0, 1], results.map((r) => r.stderr).join('\n'));
    const loser = results.find((r) => r.code === 1)?.stderr ?? '';
    assert.match(loser, /in use by another scratchnet run|already holds a run/);
    assert.equal(resume(out).code, 0);
  });

  test('a run.lock that is a FIFO is refused as unreadable, without blocking on it', (t) => {
    if (spawnSync('mkfifo', ['--version']).status !== 0) {
      t.skip('needs mkfifo');
      return;
    }
    const dir = tempDir('lock');
    assert.equal(spawnSync('mkfifo', [join(dir, 'run.lock')]).status, 0);
    const result = train('--epochs', '1', '--out', dir);
    refusal(result);
    assert.match(result.stderr, /in use by another scratchnet run \(a lock file scratchnet cannot read\)/);
  });

  test('the stale lock of a dead process is taken over, with a note', () => {
    const dir = tempDir('lock');
    assert.equal(train('--epochs', '2', '--checkpoint-every', '1', '--out', dir).code, 0);
    const pid = deadPid();
    writeLock(dir, pid);
    const result = resume(dir, '--epochs', '3');
    assert.equal(result.code, 0, result.stderr);
    assert.match(
      result.stderr,
      new RegExp(`note: .* was locked by process ${pid}, which is no longer running; taken over`),
    );
    assert.equal(existsSync(join(dir, 'run.lock')), false, 'the lock is released at the end');
  });
});

describe('a refusal after the run folder was made leaves nothing behind', () => {
  test('a float32 overflow in the CSV: no run folder, and no runs/ parent it made', () => {
    const dir = tempDir('fail');
    writeFileSync(join(dir, 'big.csv'), 'a,b,label\n1,1e39,0\n2,3,1\n');
    const out = join(dir, 'made', 'for', 'this');
    const result = runCli([
      'train',
      '--dataset',
      `csv:${join(dir, 'big.csv')}`,
      '--epochs',
      '1',
      '--out',
      out,
    ]);
    refusal(result);
    assert.match(result.stderr, /beyond float32's range/);
    assert.deepEqual(readdirSync(dir), ['big.csv']);
  });

  test('an empty folder given as --out stays, empty', () => {
    const dir = tempDir('fail');
    writeFileSync(join(dir, 'big.csv'), 'a,label\n1e39,0\n2,1\n');
    const out = join(dir, 'out');
    mkdirSync(out);
    refusal(runCli(['train', '--dataset', `csv:${join(dir, 'big.csv')}`, '--epochs', '1', '--out', out]));
    assert.deepEqual(readdirSync(out), []);
  });
});

describe('--resume checks that the run, its configuration, its data and its checkpoint are its own', () => {
  test('a CSV changed since the run started is refused, naming sizes and hashes; put back, it resumes', () => {
    const dir = tempDir('resume');
    const csv = join(dir, 'points.csv');
    const original = 'x,y\n0,0\n0.5,0.25\n1,1\n1.5,2.25\n';
    writeFileSync(csv, original);
    const run = join(dir, 'run');
    const args = ['--dataset', `csv:${csv}`, '--hidden', '4', '--quiet'];
    assert.equal(
      runCli(['train', ...args, '--epochs', '2', '--checkpoint-every', '1', '--out', run]).code,
      0,
    );
    writeFileSync(csv, `${original}2,4\n`);
    const result = resume(run, '--epochs', '4');
    refusal(result);
    const [now, then] = [original.length + 4, original.length];
    const said = `now ${now} bytes with sha256 [0-9a-f]{12}…, the run trained on ${then} bytes with sha256 [0-9a-f]{12}…`;
    assert.match(
      result.stderr,
      new RegExp(`points\\.csv changed since the run in .* started: it is ${said}`),
    );
    writeFileSync(csv, original);
    assert.equal(resume(run, '--epochs', '4').code, 0);
  });

  test('an edited config.json is refused', () => {
    const dir = tempDir('resume');
    assert.equal(train('--epochs', '2', '--out', dir).code, 0);
    const path = join(dir, 'config.json');
    const config = JSON.parse(readFileSync(path, 'utf8'));
    config.lr *= 10;
    writeFileSync(path, `${JSON.stringify(config, null, 2)}\n`);
    const result = resume(dir, '--epochs', '3');
    refusal(result);
    assert.match(result.stderr, /config\.json was changed since the run started/);
  });

  test('a checkpoint part altered after it was written is refused, naming the part', () => {
    const dir = tempDir('resume');
    assert.equal(train('--epochs', '2', '--out', dir).code, 0);
    const checkpoint = join(dir, 'checkpoint');
    const generation = readdirSync(checkpoint).find((name) => name.startsWith('epoch-')) ?? '';
    const state = join(checkpoint, generation, 'training-state.json');
    writeFileSync(state, readFileSync(state, 'utf8').replace('"epoch":2', '"epoch":1'));
    const result = resume(dir, '--epochs', '3');
    refusal(result);
    assert.match(
      result.stderr,
      /checkpoint .* does not check out: in epoch-2-[0-9a-f]+, training-state\.json has/,
    );
  });

  test('a checkpoint part replaced by /dev/zero or a FIFO is refused at once, not read forever', (t) => {
    if (!existsSync('/dev/zero') || spawnSync('mkfifo', ['--version']).status !== 0) {
      t.skip('needs /dev/zero and mkfifo');
      return;
    }
    const dir = tempDir('resume');
    assert.equal(train('--epochs', '2', '--out', dir).code, 0);
    const checkpoint = join(dir, 'checkpoint');
    const generation = join(
      checkpoint,
      readdirSync(checkpoint).find((name) => name.startsWith('epoch-')) ?? '',
    );
    const weights = join(generation, 'weights.bin');
    rmSync(weights);
    symlinkSync('/dev/zero', weights);
    const zero = resume(dir, '--epochs', '3');
    refusal(zero);
    assert.match(zero.stderr, /weights\.bin is not a regular file/);
    rmSync(weights);
    assert.equal(spawnSync('mkfifo', [weights]).status, 0);
    refusal(resume(dir, '--epochs', '3'));
  });

  test("another run's checkpoint copied in is refused: the run ids differ", () => {
    const dir = tempDir('resume');
    const [a, b] = [join(dir, 'a'), join(dir, 'b')];
    assert.equal(train('--epochs', '2', '--out', a).code, 0);
    assert.equal(train('--epochs', '3', '--out', b).code, 0);
    rmSync(join(b, 'checkpoint'), { recursive: true });
    cpSync(join(a, 'checkpoint'), join(b, 'checkpoint'), { recursive: true });
    const result = resume(b, '--epochs', '4');
    refusal(result);
    assert.match(result.stderr, /it belongs to run [0-9a-f]+, this folder's run is [0-9a-f]+/);
  });

  test('a folder that is not a run is refused', () => {
    const result = resume(tempDir('resume'));
    refusal(result);
    assert.match(result.stderr, /no run to resume at .*: it has no run\.json/);
  });
});

test('a final model cut short while saving is refused by evaluate, and --resume writes it again', () => {
  const dir = tempDir('final');
  const data = join(dir, 'test.csv');
  writeFileSync(data, 'x,y\n0,0\n1,1\n');
  const run = join(dir, 'run');
  assert.equal(train('--epochs', '2', '--out', run).code, 0);
  const weights = readFileSync(join(run, 'weights.bin'));
  // as a process killed between writing history.json and committing run.json would leave it
  writeFileSync(join(run, 'history.json'), '{"epoch": []}\n');
  const refused = runCli(['evaluate', '--model', run, '--data', data]);
  refusal(refused);
  assert.match(
    refused.stderr,
    /the final model of the run in .* is incomplete or altered: history\.json has/,
  );
  assert.match(refused.stderr, /hint: .*scratchnet train --resume/);
  assert.equal(resume(run).code, 0);
  assert.deepEqual(readFileSync(join(run, 'weights.bin')), weights);
  assert.equal(runCli(['evaluate', '--model', run, '--data', data]).code, 0);
});
