import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { withCode } from '../../test/assertions.ts';
import { readRegularFile, readRegularTextFile } from './regular-file.ts';

const dir = mkdtempSync(join(tmpdir(), 'scratchnet-regular-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const limit = { what: 'the test file', maxBytes: 1000 };

test('reads a regular file, and one behind a symlink', async () => {
  writeFileSync(join(dir, 'a.txt'), 'hello');
  symlinkSync(join(dir, 'a.txt'), join(dir, 'link.txt'));
  assert.equal(await readRegularTextFile(join(dir, 'a.txt'), limit), 'hello');
  assert.deepEqual([...(await readRegularFile(join(dir, 'link.txt'), limit))], [...Buffer.from('hello')]);
});

test('/dev/zero, and a symlink to it, are refused instead of read until memory runs out', async () => {
  symlinkSync('/dev/zero', join(dir, 'weights.bin'));
  for (const path of ['/dev/zero', join(dir, 'weights.bin')]) {
    await assert.rejects(
      readRegularFile(path, limit),
      withCode('BAD_DATA', 'is a character device, not a regular file'),
    );
  }
});

test('a named pipe with no writer is refused at once instead of waiting forever', async () => {
  const fifo = join(dir, 'pipe');
  assert.equal(spawnSync('mkfifo', [fifo]).status, 0, 'mkfifo');
  await assert.rejects(readRegularFile(fifo, limit), withCode('BAD_DATA', 'is a named pipe (FIFO)'));
});

test('a folder is refused, naming it', async () => {
  mkdirSync(join(dir, 'folder'));
  await assert.rejects(
    readRegularFile(join(dir, 'folder'), limit),
    withCode('BAD_DATA', 'folder" is a folder'),
  );
});

test('a file larger than the limit is refused by its size, before reading', async () => {
  const big = join(dir, 'big.bin');
  writeFileSync(big, '');
  truncateSync(big, 5_000_000_000); // sparse: 5 GB that take no disk
  await assert.rejects(
    readRegularFile(big, limit),
    withCode('BAD_DATA', 'is 5.0 GB; scratchnet reads at most 1.0 kB'),
  );
});

test('errors of the open itself pass through for the caller to word', async () => {
  await assert.rejects(readRegularFile(join(dir, 'missing'), limit), { code: 'ENOENT' });
});
