import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ScratchnetError } from '../errors/scratchnet-error.ts';
import { LOCK_FILE, lockRunFolder } from './run-lock.ts';

const folder = () => mkdtempSync(join(tmpdir(), 'scratchnet-lock-'));
const busy = (error: unknown) =>
  error instanceof ScratchnetError && /in use by another scratchnet run/.test(error.message);

describe('run.lock', () => {
  test('a held lock refuses a second taker (in this process too), and is gone once released', async () => {
    const dir = folder();
    const lock = await lockRunFolder(dir);
    assert.equal(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid, process.pid);
    await assert.rejects(lockRunFolder(dir), busy);
    lock.release();
    assert.deepEqual(readdirSync(dir), []);
    (await lockRunFolder(dir)).release();
  });

  test('a lock with our pid that this process does not hold is stale (pids repeat in containers)', async () => {
    const dir = folder();
    writeFileSync(
      join(dir, LOCK_FILE),
      JSON.stringify({ pid: process.pid, host: hostname(), since: 'then' }),
    );
    const lock = await lockRunFolder(dir);
    assert.equal(lock.tookOverFrom, process.pid);
    lock.release();
  });

  test('two takers of one stale lock at once: exactly one wins', async () => {
    const dir = folder();
    // pid 2^22 + 1 is above Linux's pid_max ceiling: no process has it
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: 4194305, host: hostname(), since: 'then' }));
    const results = await Promise.allSettled([lockRunFolder(dir), lockRunFolder(dir)]);
    const won = results.filter((r) => r.status === 'fulfilled');
    assert.equal(won.length, 1);
    const lost = results.find((r) => r.status === 'rejected');
    assert.ok(lost && busy(lost.reason));
    if (won[0].status === 'fulfilled') won[0].value.release();
    assert.deepEqual(readdirSync(dir), []);
  });

  test('a lock of another host, or one scratchnet cannot read, is not taken over', async () => {
    const dir = folder();
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: 1, host: 'elsewhere', since: 'then' }));
    await assert.rejects(lockRunFolder(dir), /process 1 on elsewhere/);
    writeFileSync(join(dir, LOCK_FILE), 'garbage');
    await assert.rejects(lockRunFolder(dir), /a lock file scratchnet cannot read/);
  });
});
