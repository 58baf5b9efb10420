import { lstat, mkdir, realpath, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { ScratchnetError } from '../errors/scratchnet-error.ts';

// Where scratchnet writes, checked before it writes: only a regular file is replaced (a device, a
// named pipe or a folder never is: renaming over /dev/null as root would replace the device with a
// file), a symlink is written through to the file it names, and folders are made one level at a
// time (Node's recursive mkdir loops forever where mkdir fails with ENOENT under a folder that
// exists, as in /proc/self/x). A failed write names the file and says what to do.

/**
 * The path to write `path`'s new content to: `path` itself, or the file a symlink there names.
 * Refuses anything that is not a regular file or not there yet.
 */
export async function writeTarget(path: string): Promise<string> {
  const link = await lstat(path).catch(missingAsNull);
  if (link === null) return path;
  let target = path;
  if (link.isSymbolicLink()) {
    target = await realpath(path).catch(() => {
      throw refusal(path, 'is a symlink to nothing that can be written');
    });
  }
  const info = target === path ? link : await stat(target);
  if (!info.isFile()) throw refusal(path, `is ${kindOf(info)}`);
  return target;
}

/** Makes `dir` and the folders above it that are missing; refuses a file in the way. */
export async function makeFolder(dir: string): Promise<void> {
  const missing: string[] = [];
  for (let current = resolve(dir); ; ) {
    const info = await stat(current).catch(missingAsNull);
    if (info !== null) {
      if (!info.isDirectory()) {
        throw new ScratchnetError(
          'INVALID_OPTION',
          `cannot make the folder ${dir}: ${current} is ${kindOf(info)}`,
          'pass the path of a folder (it is created if missing)',
        );
      }
      break;
    }
    missing.push(current);
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const folder of missing.reverse()) {
    try {
      await mkdir(folder);
    } catch (error) {
      if (errnoOf(error) !== 'EEXIST') throw writeError(error, folder);
    }
  }
}

const WRITE_ERRORS: Readonly<Record<string, [string, string]>> = {
  ENOSPC: ['the disk is full', 'free some space on that disk, or write somewhere else, and run again'],
  EDQUOT: ['the disk quota is used up', 'free some space within your quota, or write somewhere else'],
  EISDIR: ['it is a folder', 'pass the path of a file, not of a folder'],
  EACCES: ['permission denied', 'choose a place you may write to, or change the permissions'],
  EPERM: ['the operation is not permitted', 'choose a place you may write to'],
  EROFS: ['the file system is read-only', 'write somewhere else'],
  ENOENT: ['its folder does not exist or cannot hold files', 'create the folder first, or check the path'],
  ENOTDIR: ['a part of the path is not a folder', 'check the path'],
  ENAMETOOLONG: ['the name is too long', 'choose a shorter path'],
};

/**
 * A failed write as a ScratchnetError naming `path` (Node's own messages for a failed write name no
 * file, or the temporary one). The errno code stays in the message, for searching.
 */
export function writeError(error: unknown, path: string): unknown {
  if (error instanceof ScratchnetError) return error;
  const code = errnoOf(error);
  if (code === undefined) return error;
  const [reason, hint] = WRITE_ERRORS[code] ?? [
    error instanceof Error ? error.message : code,
    'check the path',
  ];
  return new ScratchnetError('BAD_STATE', `cannot write ${path}: ${reason} (${code})`, hint);
}

function refusal(path: string, problem: string): ScratchnetError {
  return new ScratchnetError(
    'INVALID_OPTION',
    `cannot write ${path}: it ${problem}`,
    'pass the path of an ordinary file or folder to create or replace (devices, pipes and sockets are never written)',
  );
}

function kindOf(info: {
  isDirectory(): boolean;
  isFIFO(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
  isSocket(): boolean;
}): string {
  if (info.isDirectory()) return 'a folder';
  if (info.isFIFO()) return 'a named pipe (FIFO)';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  if (info.isSocket()) return 'a socket';
  return 'a file';
}

function errnoOf(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

/** Nothing there: ENOENT, or ENOTDIR when a file above stands where a folder would be. */
function missingAsNull(error: unknown): null {
  const code = errnoOf(error);
  if (code === 'ENOENT' || code === 'ENOTDIR') return null;
  throw error;
}
