import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createRgbaImage } from '../data/rgba-image.ts';
import { ScratchnetError } from '../errors/scratchnet-error.ts';
import { decodePng, encodePng, readPngFile, writePngFile } from './png-file.ts';

test('a PNG written and read back has the same pixels, and no temporary file is left', async () => {
  const image = createRgbaImage(3, 2);
  for (let i = 0; i < image.data.length; i++) image.data[i] = (i * 37) % 256;
  const folder = await mkdtemp(join(tmpdir(), 'scratchnet-png-'));
  try {
    const path = join(folder, 'picture.png');
    await writePngFile(path, image);
    const bytes = await readFile(path);
    assert.deepEqual([...bytes.subarray(1, 4)], [0x50, 0x4e, 0x47]); // "PNG"
    const back = await readPngFile(path);
    assert.equal(back.width, 3);
    assert.equal(back.height, 2);
    assert.deepEqual([...back.data], [...image.data]);
    assert.deepEqual(await readdir(folder), ['picture.png']);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
});

test('bytes that are not a PNG give a BAD_DATA error naming the source', () => {
  assert.throws(
    () => decodePng(new TextEncoder().encode('GIF89a not a png'), '"cat.gif"'),
    (error: unknown) =>
      error instanceof ScratchnetError && error.code === 'BAD_DATA' && /"cat.gif"/.test(error.message),
  );
  const truncated = encodePng(createRgbaImage(4, 4)).subarray(0, 30);
  assert.throws(() => decodePng(truncated), ScratchnetError);
});

test('a missing file gives a BAD_DATA error with its path', async () => {
  await assert.rejects(readPngFile('/nonexistent/x.png'), /nonexistent\/x\.png/);
});
