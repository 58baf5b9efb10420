import { join } from 'node:path';
import { ScratchnetError } from '../errors/scratchnet-error.ts';
import { writeFileAtomic } from '../io/atomic-write.ts';
import { encodeModelFiles } from '../io/model-files.ts';
import { loadModel } from '../io/model-folder.ts';
import { History } from '../model/history.ts';
import type { Model } from '../model/model.ts';
import { committedEpoch } from './checkpoint-store.ts';
import { digestOf, type FileDigest, firstMismatch } from './file-digest.ts';
import { type RunRecord, readRunRecord, writeRunRecord } from './run-record.ts';

// The final model of a run (model.json, weights.bin: what TensorFlow.js and `--model` read) and its
// history (history.json, history.csv) sit at the top of the run folder, each file written
// atomically. They form one unit through run.json: its `final` entry, with the size and sha256 of
// each, is written last, atomically, and a reader trusts the files only when they match it. A
// process cut short while saving them leaves a unit that does not match (refused, with the advice to
// resume), never a model of one epoch beside the history of another; the checkpoint of the last
// epoch, committed before, is what --resume writes them again from.

/** Writes the final model and history, then commits them in run.json; returns the new record. */
export async function saveFinalModel(
  folder: string,
  record: RunRecord,
  model: Model,
  features: readonly string[] | null = null,
): Promise<RunRecord> {
  const state = model.trainingState();
  // features live beside the weights, so that the saved model says what its inputs are
  const extras = features === null ? undefined : { features: [...features] };
  const { modelJson, weightData } = encodeModelFiles(model.describe(), extras);
  const files: Record<string, string | Uint8Array> = {
    'weights.bin': weightData,
    'model.json': modelJson,
    'history.json': `${JSON.stringify(state.history, null, 2)}\n`,
    'history.csv': History.fromJSON(state.history).toCSV(),
  };
  const digests: Record<string, FileDigest> = {};
  for (const [name, data] of Object.entries(files)) {
    await writeFileAtomic(join(folder, name), data);
    digests[name] = digestOf(data);
  }
  const committed: RunRecord = { ...record, final: { epoch: state.epoch, files: digests } };
  await writeRunRecord(folder, committed);
  return committed;
}

/**
 * Refuses to read the model of a run folder whose final model is missing or does not match run.json.
 * A folder without run.json (a saved model, or TensorFlow.js files) is left to the model loader.
 */
export async function requireCompleteFinalModel(folder: string): Promise<void> {
  const record = await readRunRecord(folder);
  if (record === null) return;
  if (record.final === null) {
    const epoch = await committedEpoch(folder);
    throw new ScratchnetError(
      'MODEL_NOT_FOUND',
      `the run in ${folder} has no final model yet: it stopped ${epoch === null ? 'before its first checkpoint' : `at epoch ${epoch}`}`,
      epoch === null
        ? 'train it again'
        : `finish it with scratchnet train --resume ${folder} (its checkpoint of epoch ${epoch} is kept)`,
    );
  }
  const mismatch = await firstMismatch(folder, record.final.files);
  if (mismatch !== null) {
    throw new ScratchnetError(
      'CORRUPT_MODEL_FILE',
      `the final model of the run in ${folder} is incomplete or altered: ${mismatch}`,
      `if the run was cut short while saving, scratchnet train --resume ${folder} writes it again from its last checkpoint`,
    );
  }
}

/** A saved model for evaluate / predict / summary / plot, once its run folder's final unit checks out. */
export async function loadCheckedModel(dir: string): Promise<Model> {
  await requireCompleteFinalModel(dir);
  return loadModel(dir);
}
