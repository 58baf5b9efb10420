import { ScratchnetError } from '../errors/scratchnet-error.ts';

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
  } else {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.stderr.write(
      'hint: this looks like a bug in scratchnet; rerun with --debug and report the stack trace\n',
    );
  }
  if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  return 1;
}
