import { ScratchnetError } from '../errors/scratchnet-error.ts';

const SYSTEM_HINTS: Readonly<Record<string, string>> = {
  ENOENT: 'check the path: it (or a folder in it) does not exist',
  EACCES: 'check the permissions of the file and of the folders above it',
  EPERM: 'check the permissions of the file and of the folders above it',
  ENOSPC: 'free some space on that disk, or write somewhere else',
  EMFILE: 'too many files are open; close some programs, or raise the limit (ulimit -n)',
  ENOMEM: 'the machine is out of memory; try a smaller run',
};

/** Prints an error the way the command line promises: one `error:` line, a hint, no stack trace. */
export function reportError(error: unknown, debug: boolean): number {
  if (error instanceof ScratchnetError) {
    process.stderr.write(`error: ${error.message}\n`);
    if (error.hint) process.stderr.write(`hint: ${error.hint}\n`);
  } else if (
    error instanceof Error &&
    'code' in error &&
    typeof error.code === 'string' &&
    error.code.startsWith('E')
  ) {
    // a system error (ENOENT, EACCES, …): its message already names the path
    process.stderr.write(`error: ${error.message}\n`);
    process.stderr.write(
      `hint: ${SYSTEM_HINTS[error.code] ?? 'check the path named above and its permissions'}\n`,
    );
  } else {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.stderr.write(
      'hint: this looks like a bug in scratchnet; rerun with --debug and report the stack trace\n',
    );
  }
  if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  return 1;
}
