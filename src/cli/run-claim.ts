import { mkdir, readdir, rm, rmdir, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { ScratchnetError } from '../errors/scratchnet-error.ts';
import { isTemporaryName } from '../io/atomic-write.ts';
import { atFaultPoint } from '../io/fault-points.ts';
import { CHECKPOINT, committedEpoch } from './checkpoint-store.ts';
import { CONFIG_FILE, newRunFolder } from './run-folder.ts';
import { LOCK_FILE, lockRunFolder, type RunLock } from './run-lock.ts';
import { PICTURE_FILES } from './run-pictures.ts';
import { RUN_FILE, readRunRecord } from './run-record.ts';
import { writing } from './write-failed.ts';

// Which folder a run may write into, and owning it while it does. A new run takes a folder that does
// not exist yet, an empty one, or one left by a run that committed nothing (killed before its first
// checkpoint); never a folder holding anything else, so no file of the user's is ever overwritten. A
// run that fails before committing anything removes what it made, and the folders it created.

export interface OwnedRunFolder {
  readonly path: string;
  readonly lock: RunLock;
  /** The outermost folder this process created for the run, or null when the folder existed. */
  readonly created: string | null;
}

/** The files an uncommitted run may have left, removed when a new run takes its folder. */
const UNCOMMITTED_RUN_FILES = [RUN_FILE, CONFIG_FILE, CHECKPOINT, PICTURE_FILES.curves];

/** Creates (or takes) the folder of a new run and locks it. `path` null: runs/<time>-<dataset>. */
export async function claimNewRunFolder(path: string | null, dataset: string): Promise<OwnedRunFolder> {
  if (path === null) return claimDefaultFolder(dataset);
  const kind = await folderKind(path);
  const created = kind === 'missing' ? await makeFolder(path) : null;
  let lock: RunLock;
  try {
    lock = await lockFolder(path);
  } catch (error) {
    if (created !== null) await removeCreatedFolders(path, created);
    throw error;
  }
  try {
    // looked at again under the lock: another run may have taken the folder in between
    const kind = created === null ? await folderKind(path) : 'empty';
    await removeTemporaries(path);
    if (kind === 'uncommitted run') {
      for (const name of UNCOMMITTED_RUN_FILES) await rm(join(path, name), { recursive: true, force: true });
    }
  } catch (error) {
    lock.release();
    throw error;
  }
  return { path, lock, created };
}

/** Locks the folder of a run to resume; refuses anything that is not one. */
export async function claimRunToResume(path: string): Promise<OwnedRunFolder> {
  const info = await stat(path).catch(() => null);
  if (info === null || !info.isDirectory()) {
    throw new ScratchnetError(
      'BAD_STATE',
      `no run to resume at ${path}: ${info === null ? 'the folder was not found' : 'it is a file'}`,
      'pass the folder of a run that scratchnet train wrote',
    );
  }
  if ((await readRunRecord(path)) === null) {
    throw new ScratchnetError(
      'BAD_STATE',
      `no run to resume at ${path}: it has no ${RUN_FILE} (not a run folder, or one written by an older scratchnet)`,
      'pass the folder of a run that scratchnet train wrote',
    );
  }
  const lock = await lockFolder(path);
  // what a process killed while writing left at the top (checkpoint/ is cleaned once read)
  await removeTemporaries(path).catch(() => undefined);
  return { path, lock, created: null };
}

/**
 * Undoes a run that failed before committing anything: removes the files it wrote and the folders it
 * created (only if they are empty then), and releases the lock. Files it did not write stay.
 */
export async function discardFailedRun(owned: OwnedRunFolder): Promise<void> {
  await removeTemporaries(owned.path).catch(() => undefined);
  for (const name of UNCOMMITTED_RUN_FILES) {
    await rm(join(owned.path, name), { recursive: true, force: true }).catch(() => undefined);
  }
  owned.lock.release();
  if (owned.created !== null) await removeCreatedFolders(owned.path, owned.created);
}

/** Removes `path` and the folders above it up to `created`, each only if it is empty. */
async function removeCreatedFolders(path: string, created: string): Promise<void> {
  const top = resolve(created);
  for (let dir = resolve(path); ; dir = dirname(dir)) {
    // rmdir removes only an empty folder: anything put there meanwhile stays, with its folders
    const removed = await rmdir(dir).then(
      () => true,
      () => false,
    );
    const inside = !relative(top, dir).startsWith('..');
    if (!removed || dir === top || !inside) return;
  }
}

/** Refuses a file, or a folder with files in it: what a command may not write its own files into. */
export async function refuseNonEmptyFolder(path: string): Promise<void> {
  const info = await stat(path).catch(() => null);
  if (info === null) return;
  const names = info.isDirectory() ? await readdir(path) : [];
  if (info.isDirectory() && names.length === 0) return;
  throw new ScratchnetError(
    'INVALID_OPTION',
    info.isDirectory()
      ? `--out ${path} is a folder with other files in it (${listed(names)})`
      : `--out ${path} is a file, not a folder`,
    'pass a folder that does not exist yet (it is created), or an empty one',
  );
}

type FolderKind = 'missing' | 'empty' | 'uncommitted run';

/** What is at `path`; refuses a file, a folder with someone's files, or a run with something committed. */
async function folderKind(path: string): Promise<FolderKind> {
  const info = await stat(path).catch(() => null);
  if (info === null) return 'missing';
  if (!info.isDirectory()) {
    throw new ScratchnetError(
      'INVALID_OPTION',
      `--out ${path} is a file, not a folder`,
      'pass a folder that does not exist yet (it is created), or an empty one',
    );
  }
  const record = await readRunRecord(path);
  if (record === null) {
    const names = (await readdir(path)).filter((name) => name !== LOCK_FILE && !isStartDebris(name));
    if (names.length === 0) return 'empty';
    throw new ScratchnetError(
      'INVALID_OPTION',
      `--out ${path} is a folder with other files in it (${listed(names)}); a run writes only into a new or empty folder`,
      'pass a folder that does not exist yet (it is created), or an empty one',
    );
  }
  const epoch = await committedEpoch(path);
  if (epoch !== null || record.final !== null) {
    const what =
      record.final !== null ? `finished at epoch ${record.final.epoch}` : `checkpointed at epoch ${epoch}`;
    throw new ScratchnetError(
      'INVALID_OPTION',
      `--out ${path} already holds a run (${what})`,
      `continue it with scratchnet train --resume ${path} (--epochs N to train further), or pass another --out`,
    );
  }
  return 'uncommitted run';
}

async function claimDefaultFolder(dataset: string): Promise<OwnedRunFolder> {
  const runs = await makeFolder('runs');
  for (;;) {
    const path = newRunFolder(dataset);
    try {
      // without `recursive`, mkdir fails if the folder exists: the name is ours alone
      await atFaultPoint('mkdir', path, () => mkdir(path));
    } catch (error) {
      if (error instanceof Error && 'code' in error && error.code === 'EEXIST') continue;
      throw cannotMake(path, error);
    }
    const created = runs ?? path;
    try {
      return { path, lock: await lockFolder(path), created };
    } catch (error) {
      await removeCreatedFolders(path, created);
      throw error;
    }
  }
}

/** lockRunFolder, with a system error (a read-only folder, a full disk) said as such. */
function lockFolder(path: string): Promise<RunLock> {
  return writing(
    `the lock file ${join(path, LOCK_FILE)}`,
    'the run folder must be writable, on a disk with some free space',
    () => lockRunFolder(path),
  );
}

/**
 * mkdir -p, one level at a time (Node's recursive mkdir loops forever under /proc/self); the
 * outermost folder it created, or null when `path` existed.
 */
async function makeFolder(path: string): Promise<string | null> {
  const missing: string[] = [];
  for (let current = resolve(path); ; current = dirname(current)) {
    if (await exists(current)) break;
    missing.unshift(current);
    if (dirname(current) === current) break;
  }
  let outermost: string | null = null;
  try {
    // one fault point for the whole mkdir -p, as a single recursive mkdir was
    await atFaultPoint('mkdir', path, async () => {
      for (const folder of missing) {
        if ((await mkdirUnlessRaced(folder)) && outermost === null) outermost = folder;
      }
    });
  } catch (error) {
    throw cannotMake(path, error);
  }
  return outermost;
}

/**
 * mkdir, true when this process made the folder. Another run started at the same moment may make it
 * between our look and our mkdir (EEXIST): then it is theirs, and the run lock decides who trains.
 */
async function mkdirUnlessRaced(folder: string): Promise<boolean> {
  try {
    await mkdir(folder);
    return true;
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? error.code : undefined;
    if (code === 'EEXIST' && (await stat(folder).catch(() => null))?.isDirectory()) return false;
    throw error;
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return false;
      throw cannotMake(path, error);
    },
  );
}

function cannotMake(path: string, error: unknown): ScratchnetError {
  const code = error instanceof Error && 'code' in error ? error.code : undefined;
  if (code === 'EEXIST' || code === 'ENOTDIR') {
    return new ScratchnetError(
      'INVALID_OPTION',
      `cannot make the run folder ${path}: it or a folder above it is a file`,
      'pass the path of a folder (it is created if missing)',
    );
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new ScratchnetError(
    'WRITE_FAILED',
    `cannot make the run folder ${path}: ${reason}`,
    'check the path, its permissions and the free disk space',
  );
}

/** What a run killed while starting leaves (before run.json exists): its own temporary files. */
function isStartDebris(name: string): boolean {
  return (
    isTemporaryName(name) && [RUN_FILE, CONFIG_FILE, LOCK_FILE].some((file) => name.startsWith(`.${file}.`))
  );
}

async function removeTemporaries(folder: string): Promise<void> {
  // in a folder without run.json, only a starting run's debris: anything else may be the user's
  const ours = (await readRunRecord(folder).catch(() => null)) === null ? isStartDebris : isTemporaryName;
  for (const name of await readdir(folder)) {
    if (ours(name)) await rm(join(folder, name), { force: true });
  }
}

function listed(names: readonly string[]): string {
  const shown = names.slice(0, 3).join(', ');
  return names.length > 3 ? `${shown} and ${names.length - 3} more` : shown;
}
