import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { writeError, writeTarget } from './write-target.ts';

/**
 * Writes a file so that readers see either the old content or the new, never a half-written one:
 * the data goes to a temporary name in the same folder, then a rename (atomic on POSIX) replaces it.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  // a device or pipe at `path` is refused; a symlink is written through to its file
  const target = await writeTarget(path);
  const temporary = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, data);
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw writeError(error, path);
  }
}
