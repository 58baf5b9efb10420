import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ScratchnetError } from '../errors/scratchnet-error.ts';
import { writeFileAtomic } from '../io/atomic-write.ts';

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

export async function readJsonFile(path: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
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
