import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The built command line, as a user runs it after `npm run build`. */
export const cli = join(import.meta.dirname, '../dist/cli/main.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: readonly string[], env: Record<string, string> = {}): CliResult {
  const result = spawnSync(process.execPath, [cli, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * What every bad input must give: exit 1, one `error:` line matching `message`, no stack trace,
 * nothing on stdout, and no output folder left behind.
 */
export function assertCleanFailure(result: CliResult, message: RegExp, folder: string): void {
  assert.equal(result.code, 1, result.stderr);
  assert.match(result.stderr, /^error: /m);
  assert.match(result.stderr, message);
  assert.doesNotMatch(result.stderr, /\n\s+at /);
  assert.equal(result.stdout, '');
  assert.equal(existsSync(folder), false, `${folder} was created`);
}
