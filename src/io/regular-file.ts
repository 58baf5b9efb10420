import { constants, type Stats } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { formatBytes } from '../errors/format-bytes.ts';
import { type ErrorCode, ScratchnetError } from '../errors/scratchnet-error.ts';

// Every file scratchnet reads goes through here: only a regular file is read, and only up to a
// size the caller expects. `readFile` would read /dev/zero until memory runs out, block forever on
// a named pipe with no writer, and read a 10 GB file into memory before any check could look at it.
// The file is opened without blocking (O_NONBLOCK: opening a FIFO for reading otherwise waits for
// a writer), then fstat-ed through the same descriptor, so what is checked is what is read.

/**
 * The longest text scratchnet reads: a little under V8's longest string (2^29 − 24 characters, see
 * v8/include/v8-primitive.h String::kMaxLength), so that decoding never fails inside the engine.
 */
export const MAX_TEXT_FILE_BYTES = 512_000_000;

export interface FileLimit {
  /** What the file is, for messages: 'the image', 'the config file'. */
  what: string;
  /** The largest size read, in bytes. */
  maxBytes: number;
  /** The hint given when the file is larger. */
  tooLargeHint?: string;
  /** The error code of a refusal. @default 'BAD_DATA' */
  code?: ErrorCode;
}

export interface OpenedFile {
  handle: FileHandle;
  size: number;
  /** Device and inode: the same for two paths (or links) of one file. */
  identity: string;
}

/**
 * Opens `path` for reading when it is a regular file (a symlink to one is fine); anything else is
 * refused, naming what it is. Errors of the open itself (ENOENT, EACCES, …) are thrown as they are,
 * for the caller to word.
 */
export async function openRegularFile(path: string, limit: FileLimit): Promise<OpenedFile> {
  let handle: FileHandle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    // a Unix socket cannot be opened as a file at all
    if ((error as NodeJS.ErrnoException).code === 'ENXIO') throw notRegular(path, 'a socket', limit);
    throw error;
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw notRegular(path, kindOf(info), limit);
    if (info.size > limit.maxBytes) {
      throw new ScratchnetError(
        limit.code ?? 'BAD_DATA',
        `${limit.what} ${JSON.stringify(path)} is ${formatBytes(info.size)}; scratchnet reads at most ${formatBytes(limit.maxBytes)} there`,
        limit.tooLargeHint ?? `check that ${JSON.stringify(path)} is the file you meant`,
      );
    }
    return { handle, size: info.size, identity: `${info.dev}:${info.ino}` };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** The whole of a regular file of at most `limit.maxBytes` bytes (see openRegularFile). */
export async function readRegularFile(path: string, limit: FileLimit): Promise<Uint8Array> {
  const { handle, size } = await openRegularFile(path, limit);
  try {
    return await readExactly(handle, size, 0, path, limit);
  } finally {
    await handle.close();
  }
}

/** readRegularFile, decoded as UTF-8 (at most MAX_TEXT_FILE_BYTES, whatever the limit says). */
export async function readRegularTextFile(path: string, limit: FileLimit): Promise<string> {
  const bytes = await readRegularFile(path, {
    ...limit,
    maxBytes: Math.min(limit.maxBytes, MAX_TEXT_FILE_BYTES),
  });
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

/** `length` bytes of the file from `position`; a file that shrank meanwhile is refused. */
export async function readExactly(
  handle: FileHandle,
  length: number,
  position: number,
  path: string,
  limit: FileLimit,
): Promise<Uint8Array> {
  const bytes = new Uint8Array(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await handle.read(bytes, done, length - done, position + done);
    if (bytesRead === 0) {
      throw new ScratchnetError(
        limit.code ?? 'BAD_DATA',
        `${limit.what} ${JSON.stringify(path)} ended after ${position + done} bytes, short of ${position + length}; it changed while it was read`,
        'read it again once whatever writes it has finished',
      );
    }
    done += bytesRead;
  }
  return bytes;
}

function kindOf(info: Stats): string {
  if (info.isDirectory()) return 'a folder';
  if (info.isFIFO()) return 'a named pipe (FIFO)';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  if (info.isSocket()) return 'a socket';
  return 'a special file';
}

function notRegular(path: string, kind: string, limit: FileLimit): ScratchnetError {
  return new ScratchnetError(
    limit.code ?? 'BAD_DATA',
    `${limit.what} ${JSON.stringify(path)} is ${kind}, not a regular file`,
    'pass the path of an ordinary file (devices, pipes and folders are not read)',
  );
}
