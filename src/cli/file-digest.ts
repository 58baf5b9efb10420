import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

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
    let data: Uint8Array;
    try {
      data = await readFile(join(dir, name));
    } catch {
      return `${name} is missing`;
    }
    const actual = digestOf(data);
    if (!sameDigest(actual, expected)) {
      return actual.bytes !== expected.bytes
        ? `${name} has ${actual.bytes} bytes, ${expected.bytes} were written`
        : `${name} has sha256 ${actual.sha256.slice(0, 12)}…, ${expected.sha256.slice(0, 12)}… was written`;
    }
  }
  return null;
}
