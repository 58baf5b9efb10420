import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ScratchnetError } from '../errors/scratchnet-error.ts';

/** The most a run's own JSON files (run.json, config.json, current.json, run.lock) may hold. */
export const SMALL_FILE_BYTES = 1 << 20;

/** What a file held when it was written: its size and sha256, to tell it from any other. */
export interface FileDigest {
  bytes: number;
  sha256: string;
}

export function digestOf(data: string | Uint8Array): FileDigest {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  return { bytes: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') };
}

export function sameDigest(a: FileDigest, b: FileDigest): boolean {
  return a.bytes === b.bytes && a.sha256 === b.sha256;
}

/** True when `value` has the shape of a FileDigest (a record read back from JSON). */
export function isFileDigest(value: unknown): value is FileDigest {
  const v = value as Partial<FileDigest> | null;
  return (
    typeof value === 'object' &&
    v !== null &&
    Number.isInteger(v.bytes) &&
    typeof v.sha256 === 'string' &&
    /^[0-9a-f]{64}$/.test(v.sha256)
  );
}

/** A file name without a folder part (what a record may name: nothing outside its folder). */
export function isPlainName(name: string): boolean {
  return /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/.test(name);
}

/**
 * The first file in `dir` that is missing or differs from its digest, described for an error
 * message, or null when every one checks out.
 */
export async function firstMismatch(
  dir: string,
  files: Readonly<Record<string, FileDigest>>,
): Promise<string | null> {
  for (const [name, expected] of Object.entries(files)) {
    const info = await stat(join(dir, name)).catch(() => null);
    if (info === null) return `${name} is missing`;
    // the size first: a FIFO, a device or a huge file is refused before anything is read
    if (!info.isFile()) return `${name} is not a regular file`;
    if (info.size !== expected.bytes) return `${name} has ${info.size} bytes, ${expected.bytes} were written`;
    const actual = digestOf(await readRegularFile(join(dir, name), expected.bytes));
    if (!sameDigest(actual, expected)) {
      return actual.bytes !== expected.bytes
        ? `${name} has ${actual.bytes} bytes, ${expected.bytes} were written`
        : `${name} has sha256 ${actual.sha256.slice(0, 12)}…, ${expected.sha256.slice(0, 12)}… was written`;
    }
  }
  return null;
}

/**
 * Reads a regular file of at most `maxBytes`. A FIFO, a device or a larger file is refused without
 * blocking or filling memory (O_NONBLOCK keeps the open of a FIFO from waiting for a writer).
 */
export async function readRegularFile(path: string, maxBytes: number): Promise<Buffer> {
  const handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const info = await handle.stat();
    const problem = !info.isFile()
      ? 'is not a regular file'
      : info.size > maxBytes
        ? `has ${info.size} bytes, more than the ${maxBytes} it can hold`
        : null;
    if (problem !== null) {
      throw new ScratchnetError(
        'BAD_STATE',
        `${path} ${problem}`,
        'a run folder holds only the files scratchnet wrote; this one was replaced or damaged',
      );
    }
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}
