import { randomBytes } from 'node:crypto';
import { readFileSync, unlinkSync } from 'node:fs';
import { link, rename, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { ScratchnetError } from '../errors/scratchnet-error.ts';
import { atFaultPoint } from '../io/fault-points.ts';
import { readRegularFile, SMALL_FILE_BYTES } from './file-digest.ts';

// One process at a time owns a run folder: it holds run.lock, which names its pid. The lock is
// written whole under a temporary name and hard-linked into place (link fails when the name exists,
// atomically, even on NFS), so a reader never sees a half-written lock. A lock whose process is gone
// (killed, power cut) is stale and taken over, with a word to the user.

export const LOCK_FILE = 'run.lock';

/** Lock files this process holds: a lock naming our own pid is stale only if it is not one of them. */
const heldHere = new Set<string>();

interface LockOwner {
  pid: number;
  host: string;
  since: string;
}

export interface RunLock {
  /** The pid of a dead process whose stale lock was taken over, or null. */
  readonly tookOverFrom: number | null;
  /** Removes the lock if it is still ours. Synchronous, so that an exit handler can call it. */
  release(): void;
}

export async function lockRunFolder(folder: string): Promise<RunLock> {
  const path = join(folder, LOCK_FILE);
  const me: LockOwner = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  const text = `${JSON.stringify(me)}\n`;
  const temporary = join(folder, `.${LOCK_FILE}.${randomBytes(6).toString('hex')}.tmp`);
  let tookOverFrom: number | null = null;
  try {
    for (let attempt = 0; attempt < 10; attempt++) {
      await atFaultPoint('write', temporary, () => writeFile(temporary, text, { flag: 'w' }));
      try {
        await atFaultPoint('link', path, () => createOnce(temporary, path, text));
        return lockHeld(path, text, tookOverFrom);
      } catch (error) {
        if (errorCode(error) !== 'EEXIST') throw error;
      }
      const stale = await staleLock(path, folder);
      if (stale !== null) tookOverFrom = stale;
    }
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
  throw busy(folder, null);
}

/** Creates `path` holding `text`, failing with EEXIST when it exists. */
async function createOnce(temporary: string, path: string, text: string): Promise<void> {
  try {
    await link(temporary, path);
  } catch (error) {
    const code = errorCode(error);
    // file systems without hard links (FAT, some network shares): an exclusive create instead
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw error;
    await writeFile(path, text, { flag: 'wx' });
  }
}

function lockHeld(path: string, text: string, tookOverFrom: number | null): RunLock {
  let held = true;
  heldHere.add(resolve(path));
  return {
    tookOverFrom,
    release() {
      if (!held) return;
      held = false;
      heldHere.delete(resolve(path));
      try {
        if (readFileSync(path, 'utf8') === text) unlinkSync(path);
      } catch {
        // already gone: nothing to release
      }
    },
  };
}

/**
 * Removes the lock at `path` when its owner is dead and returns that owner's pid; throws when the
 * owner is alive (or cannot be checked); null when the lock vanished meanwhile (try again).
 */
async function staleLock(path: string, folder: string): Promise<number | null> {
  const text = await readLock(path);
  if (text === null) return null;
  const owner = parseOwner(text);
  // our own pid in an old lock is another process's that had it before (pids repeat in containers)
  const alive =
    owner !== null && (owner.pid === process.pid ? heldHere.has(resolve(path)) : isAlive(owner.pid));
  if (owner === null || owner.host !== hostname() || alive) throw busy(folder, owner);
  // move it aside, then check that what moved is what was read: two processes taking over the same
  // stale lock at once must not both win, nor one remove the fresh lock of the other
  const aside = `${path}.${randomBytes(6).toString('hex')}.stale`;
  try {
    await rename(path, aside);
  } catch {
    return null;
  }
  const moved = await readLock(aside);
  if (moved !== text) await link(aside, path).catch(() => undefined);
  await unlink(aside).catch(() => undefined);
  return moved === text ? owner.pid : null;
}

/** A lock's text, or null when it is gone or not a small regular file (a FIFO would block a read). */
async function readLock(path: string): Promise<string | null> {
  return readRegularFile(path, SMALL_FILE_BYTES).then(
    (bytes) => bytes.toString('utf8'),
    () => null,
  );
}

function parseOwner(text: string): LockOwner | null {
  try {
    const value = JSON.parse(text) as Partial<LockOwner>;
    if (Number.isInteger(value.pid) && typeof value.host === 'string') return value as LockOwner;
  } catch {
    // not ours or damaged: treated as held
  }
  return null;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else
    return errorCode(error) === 'EPERM';
  }
}

function busy(folder: string, owner: LockOwner | null): ScratchnetError {
  const who =
    owner === null
      ? 'a lock file scratchnet cannot read'
      : owner.host === hostname()
        ? `process ${owner.pid}, running since ${owner.since}`
        : `process ${owner.pid} on ${owner.host}`;
  return new ScratchnetError(
    'BAD_STATE',
    `${folder} is in use by another scratchnet run (${who})`,
    `wait for it to end, or use another folder; if no run is using it, delete ${join(folder, LOCK_FILE)}`,
  );
}

function errorCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}
