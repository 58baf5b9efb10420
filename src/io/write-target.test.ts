import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { withCode } from '../../test/assertions.ts';
import { writeFileAtomic } from './atomic-write.ts';
import { makeFolder, writeError } from './write-target.ts';

const dir = mkdtempSync(join(tmpdir(), 'scratchnet-write-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('a named pipe is never replaced by a file (as root, renaming over /dev/null would replace the device)', async () => {
  const fifo = join(dir, 'pipe');
  assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
  await assert.rejects(
    writeFileAtomic(fifo, 'x'),
    withCode('INVALID_OPTION', `cannot write ${fifo}: it is a named pipe (FIFO)`),
  );
  assert.ok(statSync(fifo).isFIFO(), 'still a pipe');
  const link = join(dir, 'link-to-pipe');
  symlinkSync(fifo, link);
  await assert.rejects(writeFileAtomic(link, 'x'), withCode('INVALID_OPTION', 'is a named pipe'));
  assert.ok(lstatSync(link).isSymbolicLink(), 'still a link');
});

test('a folder as the target names the folder (EISDIR used to name only the temporary file)', async () => {
  const folder = join(dir, 'folder');
  mkdirSync(folder);
  await assert.rejects(
    writeFileAtomic(folder, 'x'),
    withCode('INVALID_OPTION', `cannot write ${folder}: it is a folder`),
  );
  assert.deepEqual(readdirSync(folder), []);
});

test('a symlink to a file is written through: the link stays, its file changes', async () => {
  const real = join(dir, 'real.csv');
  writeFileSync(real, 'old');
  const link = join(dir, 'link.csv');
  symlinkSync(real, link);
  await writeFileAtomic(link, 'new');
  assert.ok(lstatSync(link).isSymbolicLink());
  assert.equal(readFileSync(real, 'utf8'), 'new');
});

test('makeFolder under /proc/self fails at once (Node’s recursive mkdir loops there forever)', {
  skip: !existsSync('/proc/self'),
}, async () => {
  await assert.rejects(
    makeFolder('/proc/self/x/y'),
    withCode(
      'BAD_STATE',
      'cannot write /proc/self/x: its folder does not exist or cannot hold files (ENOENT)',
    ),
  );
});

test('makeFolder makes the missing folders, and refuses a file in the way', async () => {
  await makeFolder(join(dir, 'a', 'b', 'c'));
  assert.ok(statSync(join(dir, 'a', 'b', 'c')).isDirectory());
  await makeFolder(join(dir, 'a', 'b')); // exists: nothing to do
  writeFileSync(join(dir, 'file'), '');
  await assert.rejects(
    makeFolder(join(dir, 'file', 'sub')),
    withCode('INVALID_OPTION', `${join(dir, 'file')} is a file`),
  );
});

test('ENOSPC and EISDIR from the system name the file being written', () => {
  const system = (code: string) => Object.assign(new Error(`${code}: failed, write`), { code });
  assert.throws(
    () => {
      throw writeError(system('ENOSPC'), 'runs/x/model.json');
    },
    withCode('BAD_STATE', 'cannot write runs/x/model.json: the disk is full (ENOSPC)'),
  );
  assert.throws(
    () => {
      throw writeError(system('EISDIR'), 'p.csv');
    },
    withCode('BAD_STATE', 'cannot write p.csv: it is a folder (EISDIR)'),
  );
  const other = new TypeError('not a system error');
  assert.equal(writeError(other, 'x'), other);
});
