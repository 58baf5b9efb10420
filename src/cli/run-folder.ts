import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ScratchnetError } from '../errors/scratchnet-error.ts';
import { writeFileAtomic } from '../io/atomic-write.ts';
import { MAX_TEXT_FILE_BYTES, readRegularTextFile } from '../io/regular-file.ts';

// A run folder: run.json (the run's identity, and the commit record of its final model), config.json
// (the resolved configuration), the final model (model.json + weights.bin, TensorFlow.js layers-model
// files), history.json and history.csv, the pictures, and checkpoint/ for --resume (see
// checkpoint-store.ts). run.lock is there while a process owns the folder. Every file is written
// atomically and flushed to the disk.

export const CONFIG_FILE = 'config.json';

/** `runs/2026-11-22T01-02-03-spiral`, with a counter when that exists already. */
export function newRunFolder(dataset: string, now = new Date()): string {
  const stamp = now.toISOString().slice(0, 19).replace(/:/g, '-');
  const name = dataset
    .replace(/^csv:/, '')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .slice(-40);
  let path = join('runs', `${stamp}-${name}`);
  for (let i = 2; existsSync(path); i++) path = join('runs', `${stamp}-${name}-${i}`);
  return path;
}

export async function writeJson(path: string, value: unknown): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`);
}

/** The largest config file read (--config): one is a few hundred bytes. */
export const CONFIG_FILE_MAX_BYTES = 1_000_000;

/** A JSON file's value; only a regular file of at most `maxBytes` is read (not /dev/zero, not a FIFO). */
export async function readJsonFile(
  path: string,
  what: string,
  maxBytes = MAX_TEXT_FILE_BYTES,
): Promise<unknown> {
  let text: string;
  try {
    text = await readRegularTextFile(path, { what, maxBytes, code: 'BAD_STATE' });
  } catch (error) {
    if (error instanceof ScratchnetError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') {
      throw new ScratchnetError(
        'BAD_STATE',
        `cannot read ${what} ${path}: ${error instanceof Error ? error.message : String(error)}`,
        'check the permissions of the file and of the folders above it',
      );
    }
    throw new ScratchnetError(
      'BAD_STATE',
      `${what} not found: ${path}`,
      'pass the folder of a run that scratchnet train wrote',
    );
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new ScratchnetError(
      'BAD_STATE',
      `${what} is not valid JSON: ${path}`,
      'the file was cut short or edited; it cannot be used',
    );
  }
}
