import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { atFaultPoint } from './fault-points.ts';
import { writeError, writeTarget } from './write-target.ts';

// Writes that survive a crash. A file is written under a temporary name in the same folder, flushed
// to the disk (fsync), renamed over its final name (atomic on POSIX: readers see the old file or the
// new one), and the folder is flushed too, so that the rename itself is on the disk. Without the two
// flushes, a power cut after the rename can leave an empty file under the final name on ext4 and XFS
// (see "Files are hard" by Dan Luu, and the rename-then-fsync discussion in LWN 322823).

const TEMPORARY = /^\..+\.[0-9a-f]{12}\.tmp$/;

/** True for the names writeFileAtomic writes before its rename: debris when a process died there. */
export function isTemporaryName(name: string): boolean {
  return TEMPORARY.test(name);
}

/**
 * Writes a file so that readers see either the old content or the new, never a half-written one,
 * and the new content is on the disk when this returns.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  // a device or pipe at `path` is refused; a symlink is written through to its file
  const target = await writeTarget(path);
  const temporary = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeNewFile(temporary, data);
    await atFaultPoint('rename', path, () => rename(temporary, target));
  } catch (error) {
    await rm(temporary, { force: true });
    throw writeError(error, path);
  }
  await syncFolder(dirname(target));
}

/**
 * Writes a file that must not exist yet and flushes it to the disk. For files inside a folder
 * that nothing refers to yet (a checkpoint before its commit), where the rename adds nothing.
 */
export async function writeNewFile(path: string, data: string | Uint8Array): Promise<void> {
  const handle = await open(path, 'wx');
  try {
    await atFaultPoint('write', path, () => handle.writeFile(data));
    await atFaultPoint('fsync', path, () => handle.sync());
  } finally {
    await handle.close();
  }
}

/**
 * Flushes a folder's entries (created, renamed, removed files) to the disk. Where folders cannot be
 * opened or flushed (Windows), the file system orders these itself and there is nothing to do.
 */
export async function syncFolder(dir: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(dir, 'r');
  } catch (error) {
    if (isUnsupported(error)) return;
    throw error;
  }
  try {
    await atFaultPoint('fsync', dir, () => handle.sync());
  } catch (error) {
    if (!isUnsupported(error)) throw error;
  } finally {
    await handle.close();
  }
}

function isUnsupported(error: unknown): boolean {
  const code = error instanceof Error && 'code' in error ? error.code : undefined;
  return code === 'EISDIR' || code === 'EPERM' || code === 'EINVAL' || code === 'EACCES';
}
