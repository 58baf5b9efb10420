import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ScratchnetError } from '../errors/scratchnet-error.ts';
import { isTemporaryName, syncFolder, writeFileAtomic, writeNewFile } from '../io/atomic-write.ts';
import { atFaultPoint } from '../io/fault-points.ts';
import { encodeModelFiles, loadModelFiles } from '../io/model-files.ts';
import type { Model } from '../model/model.ts';
import type { ModelDescription } from '../model/model-description.ts';
import { requireTrainingState, type TrainingState } from '../model/training-state.ts';
import {
  digestOf,
  type FileDigest,
  firstMismatch,
  isFileDigest,
  isPlainName,
  readRegularFile,
  SMALL_FILE_BYTES,
} from './file-digest.ts';

// checkpoint/ of a run folder. Each checkpoint is a folder of its own, epoch-<n>-<random>/, holding
// model.json, weights.bin and training-state.json; checkpoint/current.json names the one in force,
// with the run's id, the epoch and the size and sha256 of each part. A new checkpoint is written in
// full and flushed to the disk before current.json is replaced (atomically) to name it: that
// replacement is the commit. Until then the previous checkpoint is in force and untouched; after it,
// the previous folder is removed. A process killed at any point leaves current.json naming a
// complete checkpoint (or no current.json before the first), and debris that the next run removes.

export const CHECKPOINT = 'checkpoint';
const POINTER = 'current.json';
const FORMAT = 'scratchnet-checkpoint';
const PARTS = ['weights.bin', 'model.json', 'training-state.json'] as const;
const GENERATION = /^epoch-\d+-[0-9a-f]{12}$/;

interface CheckpointPointer {
  format: typeof FORMAT;
  version: 1;
  run: string;
  epoch: number;
  folder: string;
  files: Record<string, FileDigest>;
}

export interface Checkpoint {
  epoch: number;
  description: ModelDescription;
  state: TrainingState;
}

/** Writes the model's checkpoint and commits it; the previous one stays in force if this fails. */
export async function commitCheckpoint(folder: string, runId: string, model: Model): Promise<void> {
  const dir = join(folder, CHECKPOINT);
  const state = model.trainingState();
  const { modelJson, weightData } = encodeModelFiles(model.describe());
  const parts: Record<(typeof PARTS)[number], string | Uint8Array> = {
    'weights.bin': weightData,
    'model.json': modelJson,
    'training-state.json': `${JSON.stringify(state)}\n`,
  };
  const name = `epoch-${state.epoch}-${randomBytes(6).toString('hex')}`;
  const target = join(dir, name);
  const previous = await committedEpoch(folder);
  try {
    if (!existsSync(dir)) await atFaultPoint('mkdir', dir, () => mkdir(dir));
    await atFaultPoint('mkdir', target, () => mkdir(target));
    const files: Record<string, FileDigest> = {};
    for (const part of PARTS) {
      await writeNewFile(join(target, part), parts[part]);
      files[part] = digestOf(parts[part]);
    }
    await syncFolder(target);
    await syncFolder(dir);
    const pointer: CheckpointPointer = {
      format: FORMAT,
      version: 1,
      run: runId,
      epoch: state.epoch,
      folder: name,
      files,
    };
    await writeFileAtomic(join(dir, POINTER), `${JSON.stringify(pointer, null, 2)}\n`);
  } catch (error) {
    // once current.json names the new folder (only its folder's flush failed), it must stay
    if ((await readPointer(dir).catch(() => null))?.folder !== name) {
      await rm(target, { recursive: true, force: true }).catch(() => undefined);
    }
    throw writeFailed(error, state.epoch, folder, previous);
  }
  await removeStaleCheckpoints(folder);
}

/** The epoch of the checkpoint in force (not verified), or null when there is none. */
export async function committedEpoch(folder: string): Promise<number | null> {
  return (await readPointer(join(folder, CHECKPOINT)).catch(() => null))?.epoch ?? null;
}

/** The checkpoint in force, every part checked against current.json and the run's id. */
export async function readCheckpoint(folder: string, runId: string): Promise<Checkpoint> {
  const dir = join(folder, CHECKPOINT);
  const pointer = await readPointer(dir);
  if (pointer === null) {
    const legacy = existsSync(join(dir, 'training-state.json'));
    throw new ScratchnetError(
      'BAD_STATE',
      legacy
        ? `${dir} was written by an older scratchnet, whose checkpoints cannot be checked`
        : `${folder} has no checkpoint (no ${join(CHECKPOINT, POINTER)}): the run stopped before its first one`,
      legacy
        ? 'start the run again (in a new folder) with this version'
        : `start it again: scratchnet train --config ${join(folder, 'config.json')} --out ${folder}`,
    );
  }
  if (pointer.run !== runId) {
    throw refused(dir, `it belongs to run ${pointer.run}, this folder's run is ${runId}`);
  }
  const generation = join(dir, pointer.folder);
  const mismatch = await firstMismatch(generation, pointer.files);
  if (mismatch !== null) throw refused(dir, `in ${pointer.folder}, ${mismatch}`);
  const state = requireTrainingState(
    JSON.parse(await readFile(join(generation, 'training-state.json'), 'utf8')),
  );
  if (state.epoch !== pointer.epoch) {
    throw refused(dir, `its training state is of epoch ${state.epoch}, current.json says ${pointer.epoch}`);
  }
  return { epoch: pointer.epoch, description: await loadModelFiles(generation), state };
}

/**
 * Removes what a process killed while writing left in checkpoint/: folders current.json does not
 * name and temporary files. Nothing is removed when current.json cannot be read.
 */
export async function removeStaleCheckpoints(folder: string): Promise<void> {
  const dir = join(folder, CHECKPOINT);
  let pointer: CheckpointPointer | null;
  try {
    pointer = await readPointer(dir);
  } catch {
    return;
  }
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    const stale = (GENERATION.test(name) && name !== pointer?.folder) || isTemporaryName(name);
    if (!stale) continue;
    const path = join(dir, name);
    await atFaultPoint('remove', path, () => rm(path, { recursive: true, force: true })).catch(
      () => undefined,
    );
  }
}

/** current.json of `dir`, or null when there is none; BAD_STATE when it is not one. */
async function readPointer(dir: string): Promise<CheckpointPointer | null> {
  let text: string;
  try {
    text = (await readRegularFile(join(dir, POINTER), SMALL_FILE_BYTES)).toString('utf8');
  } catch {
    return null;
  }
  let value: Partial<CheckpointPointer> | null = null;
  try {
    value = JSON.parse(text);
  } catch {
    // reported below
  }
  const files = value?.files;
  const valid =
    value?.format === FORMAT &&
    value.version === 1 &&
    typeof value.run === 'string' &&
    Number.isInteger(value.epoch) &&
    typeof value.folder === 'string' &&
    isPlainName(value.folder) &&
    typeof files === 'object' &&
    files !== null &&
    PARTS.every((part) => isFileDigest(files[part])) &&
    Object.keys(files).every(isPlainName);
  if (!valid) throw refused(dir, `${POINTER} is damaged`);
  return value as CheckpointPointer;
}

function refused(dir: string, why: string): ScratchnetError {
  return new ScratchnetError(
    'BAD_STATE',
    `the checkpoint in ${dir} does not check out: ${why}`,
    'it was altered or damaged after it was written, and cannot be resumed; start the run again in a new folder',
  );
}

function writeFailed(
  error: unknown,
  epoch: number,
  folder: string,
  previous: number | null,
): ScratchnetError {
  const reason = error instanceof Error ? error.message : String(error);
  return new ScratchnetError(
    'WRITE_FAILED',
    `cannot write the checkpoint of epoch ${epoch} into ${join(folder, CHECKPOINT)}: ${reason}`,
    previous === null
      ? 'no checkpoint was written before this one: free some disk space and start the run again'
      : `the checkpoint of epoch ${previous} is intact: free some disk space, then scratchnet train --resume ${folder}`,
  );
}
