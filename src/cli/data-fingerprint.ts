import { createHash } from 'node:crypto';
import { ScratchnetError } from '../errors/scratchnet-error.ts';
import { Matrix } from '../tensor/matrix.ts';
import { sameDigest } from './file-digest.ts';
import type { DataFingerprint } from './run-record.ts';
import type { TrainingData } from './train-data.ts';

/**
 * What a run trains on, recorded in run.json when it starts and checked when it resumes: a CSV
 * file's size and sha256; for generated and image data sets, those of the arrays trained on.
 */
export function fingerprintData(dataset: string, data: TrainingData): DataFingerprint {
  if (data.file !== undefined) return { dataset, what: 'file', ...data.file };
  const hash = createHash('sha256');
  let bytes = 0;
  const add = (array: ArrayBufferView) => {
    hash.update(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
    bytes += array.byteLength;
  };
  if (data.images !== undefined) {
    // the images themselves: smaller than the float inputs made from them, and what could change
    const { train, test } = data.images.split;
    for (const set of [train, test]) {
      add(set.pixels);
      add(set.labels);
    }
  } else {
    const pairs = [[data.X, data.y], ...(data.validation === null ? [] : [data.validation])] as const;
    for (const [X, y] of pairs) {
      add(X.data);
      add(y instanceof Matrix ? y.data : y);
    }
  }
  return { dataset, what: 'arrays', bytes, sha256: hash.digest('hex') };
}

/** Refuses to resume a run on data other than what it started on. */
export function requireSameData(recorded: DataFingerprint, actual: DataFingerprint, folder: string): void {
  if (recorded.dataset === actual.dataset && recorded.what === actual.what && sameDigest(recorded, actual)) {
    return;
  }
  const file = actual.what === 'file';
  const name = file ? actual.dataset.slice('csv:'.length) : `the data of --dataset ${actual.dataset}`;
  const unit = file ? 'bytes' : 'bytes of arrays';
  const short = (sha: string) => `${sha.slice(0, 12)}…`;
  throw new ScratchnetError(
    'BAD_DATA',
    `${name} changed since the run in ${folder} started: it is now ${actual.bytes} ${unit} with sha256 ` +
      `${short(actual.sha256)}, the run trained on ${recorded.bytes} ${unit} with sha256 ${short(recorded.sha256)}`,
    file
      ? 'put the original file back to resume; to train on the new data, start a new run (another --out)'
      : 'resume with the data the run started on; to train on this data, start a new run (another --out)',
  );
}
