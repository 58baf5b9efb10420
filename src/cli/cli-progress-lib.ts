import { createRequire } from 'node:module';
import type CliProgress from 'cli-progress';

let loaded: typeof CliProgress | null = null;

/**
 * cli-progress, loaded when the first bar is made: runs that draw none (--quiet, --json, output to a
 * file or pipe) never load it, which keeps about 10 ms off their start.
 */
export function cliProgressLib(): typeof CliProgress {
  loaded ??= createRequire(import.meta.url)('cli-progress') as typeof CliProgress;
  return loaded;
}
