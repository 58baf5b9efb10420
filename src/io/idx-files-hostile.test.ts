// Hostile IDX folders: headers that declare absurd sizes, gzip bombs, files that are not files.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { withCode } from '../../test/assertions.ts';
import { loadIdxDirectory, parseIdxImages } from './idx-files.ts';

const FIXTURES = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'fashion', 'idx');
const folders: string[] = [];
after(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

/** A copy of the fixture folder (plain files), with train-images replaced by `write`. */
function folderWith(write: (path: string) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'scratchnet-idx-'));
  folders.push(dir);
  for (const name of readdirSync(FIXTURES))
    if (!name.endsWith('.gz')) copyFileSync(join(FIXTURES, name), join(dir, name));
  rmSync(join(dir, 'train-images-idx3-ubyte'));
  write(join(dir, 'train-images-idx3-ubyte'));
  return dir;
}

function imagesHeader(count: number, rows: number, cols: number): Buffer {
  const head = Buffer.alloc(16);
  for (const [i, value] of [2051, count, rows, cols].entries()) head.writeUInt32BE(value, i * 4);
  return head;
}

test('a header of 100000x100000 pixels is refused by the header, before allocating', () => {
  assert.throws(
    () => parseIdxImages(imagesHeader(1, 100000, 100000), 'big'),
    withCode('BAD_DATA', 'big: declares images of 100000x100000 pixels'),
  );
  // 3,000,000 images of 28x28 = 2.35e9 pixels, more than one matrix holds
  assert.throws(
    () => parseIdxImages(imagesHeader(3_000_000, 28, 28), 'many'),
    withCode('BAD_DATA', 'declares 3000000 images of 28x28'),
  );
});

test('a header of 0 images is refused: there is nothing to train on', () => {
  assert.throws(
    () => parseIdxImages(imagesHeader(0, 28, 28), 'empty'),
    withCode('BAD_DATA', 'declares 0 images of 28x28: no pixels'),
  );
});

test('a gzip that inflates to 3 GB behind a header of 200 images stops at the declared size', async () => {
  // gzip members concatenated are one gzip stream (RFC 1952, 2.2); 300 members of 10 MB of zeros
  const member = gzipSync(Buffer.alloc(10_000_000));
  const bomb = Buffer.concat([
    gzipSync(imagesHeader(200, 28, 28)),
    ...Array.from({ length: 300 }, () => member),
  ]);
  const dir = folderWith((path) => writeFileSync(`${path}.gz`, bomb));
  await assert.rejects(
    loadIdxDirectory(dir),
    withCode(
      'BAD_DATA',
      `inflates to more than the ${16 + 200 * 784} bytes its header declares; inflating stopped there`,
    ),
  );
});

test('a gzip that inflates to less than its header declares is refused as truncated', async () => {
  const dir = folderWith((path) =>
    writeFileSync(`${path}.gz`, gzipSync(Buffer.concat([imagesHeader(20, 28, 28), Buffer.alloc(100)]))),
  );
  await assert.rejects(
    loadIdxDirectory(dir),
    withCode('BAD_DATA', '20 images of 28x28 need 15696 bytes, the file has 116'),
  );
});

test('a plain file longer than its header declares is refused by its size, unread', async () => {
  const dir = folderWith((path) => {
    writeFileSync(path, imagesHeader(20, 28, 28));
    truncateSync(path, 1_000_000_016); // sparse: 1 GB that takes no disk
  });
  await assert.rejects(
    loadIdxDirectory(dir),
    withCode('BAD_DATA', 'need 15696 bytes, the file has 1000000016'),
  );
});

test('an images file that is a named pipe is refused at once', async () => {
  const dir = folderWith((path) => assert.equal(spawnSync('mkfifo', [path]).status, 0));
  await assert.rejects(loadIdxDirectory(dir), withCode('BAD_DATA', 'is a named pipe (FIFO)'));
});
