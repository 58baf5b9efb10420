import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { ImageSet } from '../data/image-set.ts';
import { MAX_MATRIX_VALUES } from '../tensor/matrix.ts';
import { writeFileAtomic } from './atomic-write.ts';
import { readRegularFile } from './regular-file.ts';

// A parsed image set on disk: a 32-byte header, then the labels, then the pixels, all bytes, then
// the sha256 of everything before it. header (little-endian uint32): magic "SNIM", version, count,
// rows, cols, fingerprint (low, high), label byte count. Anything that does not add up, a damaged
// pixel included, is treated as no cache: the caller rebuilds it.

const MAGIC = 0x4d494e53; // "SNIM"
/** 2: with the sha256 trailer (version 1 had none, so damaged pixels went unnoticed). */
const VERSION = 2;
const HEADER = 32;
const TRAILER = 32;

/** The folder scratchnet caches data sets in: $XDG_CACHE_HOME/scratchnet, else ~/.cache/scratchnet. */
export function defaultCacheDir(): string {
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'scratchnet');
}

export function encodeImageCache(set: ImageSet, fingerprint: number): Uint8Array {
  const size = set.rows * set.cols;
  const body = HEADER + set.count + set.count * size;
  const bytes = new Uint8Array(body + TRAILER);
  const view = new DataView(bytes.buffer);
  const fields = [MAGIC, VERSION, set.count, set.rows, set.cols, fingerprint % 2 ** 32];
  for (const [i, value] of fields.entries()) view.setUint32(i * 4, value, true);
  view.setUint32(24, Math.floor(fingerprint / 2 ** 32), true);
  view.setUint32(28, set.count, true);
  bytes.set(set.labels, HEADER);
  bytes.set(set.pixels, HEADER + set.count);
  bytes.set(sha256(bytes.subarray(0, body)), body);
  return bytes;
}

/** The set in `bytes`, or null when they are not a whole cache of this version for `fingerprint`. */
export function decodeImageCache(bytes: Uint8Array, fingerprint: number, classes: number): ImageSet | null {
  if (bytes.length < HEADER) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u32 = (i: number) => view.getUint32(i * 4, true);
  const [magic, version, count, rows, cols, low, high, labelBytes] = [0, 1, 2, 3, 4, 5, 6, 7].map(u32);
  if (magic !== MAGIC || version !== VERSION || labelBytes !== count) return null;
  if (low + high * 2 ** 32 !== fingerprint) return null;
  const body = HEADER + count + count * rows * cols;
  if (bytes.length !== body + TRAILER) return null;
  const expected = bytes.subarray(body);
  const actual = sha256(bytes.subarray(0, body));
  if (!actual.every((byte, i) => byte === expected[i])) return null;
  const labels = bytes.subarray(HEADER, HEADER + count);
  for (const label of labels) if (label >= classes) return null;
  return { count, rows, cols, labels, pixels: bytes.subarray(HEADER + count, body) };
}

function sha256(bytes: Uint8Array): Uint8Array {
  return createHash('sha256').update(bytes).digest();
}

/** The cached set named `name`; 'missing' when there is none, 'damaged' when it does not check out. */
export async function readImageCache(
  dir: string,
  name: string,
  fingerprint: number,
  classes: number,
): Promise<ImageSet | 'missing' | 'damaged'> {
  let bytes: Uint8Array;
  try {
    // a regular file of at most one matrix of pixels, or no cache (a pipe there would hang the read)
    bytes = await readRegularFile(join(dir, name), {
      what: 'the cache',
      maxBytes: HEADER + 2 * MAX_MATRIX_VALUES,
    });
  } catch {
    return 'missing';
  }
  return decodeImageCache(bytes, fingerprint, classes) ?? 'damaged';
}

/**
 * Stores the set, atomically. Returns false instead of failing when the cache cannot be written
 * (a read-only home, a full disk): the data is loaded anyway, only the next start is slower.
 */
export async function writeImageCache(
  dir: string,
  name: string,
  set: ImageSet,
  fingerprint: number,
): Promise<boolean> {
  try {
    await mkdir(dir, { recursive: true });
    await writeFileAtomic(join(dir, name), encodeImageCache(set, fingerprint));
    return true;
  } catch {
    return false;
  }
}
