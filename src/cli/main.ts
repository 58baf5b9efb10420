#!/usr/bin/env node
import { reportError } from './errors.ts';
import { createProgram } from './program.ts';
import { watchStdout } from './stdout-closed.ts';

watchStdout();

try {
  const program = await createProgram(process.argv);
  await program.parseAsync(process.argv);
} catch (error) {
  process.exitCode = reportError(error, process.argv.includes('--debug'));
}
