import { join } from 'node:path';
import { ScratchnetError } from '../errors/scratchnet-error.ts';
import { writeFileAtomic } from '../io/atomic-write.ts';
import {
  type FileDigest,
  isFileDigest,
  isPlainName,
  readRegularFile,
  SMALL_FILE_BYTES,
} from './file-digest.ts';

// run.json: what makes a folder a scratchnet run, and what --resume and the model loader check.
// Written when the run starts (its id, its config.json and its data), and written again, atomically,
// as the commit point of the final model: `final` lists the files of the final model and its history
// with their digests, so that a reader can tell a complete final model from one cut short while saving.

export const RUN_FILE = 'run.json';
const FORMAT = 'scratchnet-run';

/** The data a run trains on, as it was when the run started. */
export interface DataFingerprint {
  /** The --dataset value. */
  dataset: string;
  /** What was hashed: the CSV file's bytes, or the training arrays of a generated or image set. */
  what: 'file' | 'arrays';
  bytes: number;
  sha256: string;
}

export interface FinalFiles {
  epoch: number;
  files: Record<string, FileDigest>;
}

export interface RunRecord {
  format: typeof FORMAT;
  version: 1;
  /** Random, written into every checkpoint: a checkpoint of another run is refused. */
  id: string;
  created: string;
  config: FileDigest;
  data: DataFingerprint;
  final: FinalFiles | null;
}

export async function writeRunRecord(folder: string, record: RunRecord): Promise<void> {
  await writeFileAtomic(join(folder, RUN_FILE), `${JSON.stringify(record, null, 2)}\n`);
}

/** The folder's run.json, or null when it has none; BAD_STATE when it is there but not one. */
export async function readRunRecord(folder: string): Promise<RunRecord | null> {
  const path = join(folder, RUN_FILE);
  let text: string;
  try {
    text = (await readRegularFile(path, SMALL_FILE_BYTES)).toString('utf8');
  } catch (error) {
    if (error instanceof Error && 'code' in error && (error.code === 'ENOENT' || error.code === 'ENOTDIR'))
      return null;
    throw error;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = null;
  }
  const problem = recordProblem(value);
  if (problem !== null) {
    throw new ScratchnetError(
      'BAD_STATE',
      `${path} is not a scratchnet run record (${problem})`,
      'it was damaged or edited; the run cannot be trusted: start a new run in another folder',
    );
  }
  return value as RunRecord;
}

function recordProblem(value: unknown): string | null {
  const r = value as Partial<RunRecord> | null;
  if (typeof value !== 'object' || r === null) return 'not a JSON object';
  if (r.format !== FORMAT || r.version !== 1)
    return `format ${String(r.format)} version ${String(r.version)}`;
  if (typeof r.id !== 'string' || r.id.length === 0) return 'no run id';
  if (!isFileDigest(r.config)) return 'no digest of config.json';
  const data = r.data as Partial<DataFingerprint> | undefined;
  if (typeof data?.dataset !== 'string' || !isFileDigest(data)) return 'no fingerprint of the data';
  if (r.final !== null) {
    const final = r.final as Partial<FinalFiles> | undefined;
    const files = final?.files;
    if (!Number.isInteger(final?.epoch) || typeof files !== 'object' || files === null)
      return 'a bad final entry';
    const entries = Object.entries(files);
    if (!entries.every(([name, digest]) => isPlainName(name) && isFileDigest(digest)))
      return 'a bad final entry';
  }
  return null;
}
