// Hostile model folders: files that are not what they claim, checked before any weight is read.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { chapter15Description } from '../../test/model-descriptions.ts';
import { ScratchnetError } from '../errors/scratchnet-error.ts';
import { loadModelFiles, saveModelFiles } from './model-files.ts';

const folders: string[] = [];
after(async () => {
  for (const dir of folders) await rm(dir, { recursive: true, force: true });
});

async function savedFolder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'scratchnet-hostile-model-'));
  folders.push(dir);
  await saveModelFiles(dir, chapter15Description());
  return dir;
}

async function editManifest(dir: string, change: (group: { paths: string[]; weights: unknown[] }) => void) {
  const json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
  change(json.weightsManifest[0]);
  await writeFile(join(dir, 'model.json'), JSON.stringify(json));
}

async function assertRefused(dir: string, named: string): Promise<void> {
  await assert.rejects(loadModelFiles(dir), (error: unknown) => {
    assert.ok(error instanceof ScratchnetError, `expected a ScratchnetError, got ${String(error)}`);
    assert.equal(error.code, 'CORRUPT_MODEL_FILE', error.message);
    assert.ok(error.message.includes(named), `${JSON.stringify(error.message)} should name ${named}`);
    assert.ok(error.hint.length > 0, 'a hint');
    return true;
  });
}

test('a weights.bin that is a symlink to /dev/zero is refused instead of read without end', async () => {
  const dir = await savedFolder();
  await rm(join(dir, 'weights.bin'));
  await symlink('/dev/zero', join(dir, 'weights.bin'));
  await assertRefused(dir, 'is a character device, not a regular file');
});

test('a weights.bin that is a named pipe is refused instead of waiting for a writer', async () => {
  const dir = await savedFolder();
  await rm(join(dir, 'weights.bin'));
  assert.equal(spawnSync('mkfifo', [join(dir, 'weights.bin')]).status, 0);
  await assertRefused(dir, 'is a named pipe (FIFO)');
});

test('a model.json that is a symlink to /dev/zero is refused', async () => {
  const dir = await savedFolder();
  await rm(join(dir, 'model.json'));
  await symlink('/dev/zero', join(dir, 'model.json'));
  await assertRefused(dir, 'is a character device');
});

test('a manifest listing one file sixty times is refused before reading it', async () => {
  const dir = await savedFolder();
  await editManifest(dir, (group) => {
    group.paths = Array.from({ length: 60 }, () => 'weights.bin');
  });
  await assertRefused(dir, 'lists "weights.bin", the same file as "weights.bin" before it');
  await editManifest(dir, (group) => {
    group.paths = ['weights.bin', './weights.bin'];
  });
  await assertRefused(dir, 'lists "./weights.bin", the same file as "weights.bin"');
});

test('a manifest declaring 40 GB of weights is refused by the declared size', async () => {
  const dir = await savedFolder();
  await editManifest(dir, (group) => {
    group.weights = [{ name: 'dense1/kernel', shape: [100000, 100000], dtype: 'float32' }];
  });
  // 100000 x 100000 x 4 bytes
  await assertRefused(dir, 'declares 40.0 GB of weights; scratchnet loads at most 1.0 GB');
});
