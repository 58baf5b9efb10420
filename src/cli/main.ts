#!/usr/bin/env node
import { Command } from 'commander';
import { registerDataCommand } from './commands/data.ts';
import { registerGradcheckCommand } from './commands/gradcheck.ts';
import { registerModelCommands } from './commands/inspect.ts';
import { registerPlaygroundCommand } from './commands/playground.ts';
import { registerPlotCommand } from './commands/plot.ts';
import { registerSweepCommand } from './commands/sweep.ts';
import { registerTrainCommand } from './commands/train.ts';
import { reportError } from './errors.ts';

const program = new Command('scratchnet')
  .description("Neural networks from scratch: the book's network, numpy-exact and gradient-checked.")
  .option('--debug', 'print stack traces of errors')
  .showHelpAfterError('hint: run with --help for usage')
  .configureOutput({ outputError: (text, write) => write(text) });

registerTrainCommand(program);
registerPlotCommand(program);
registerModelCommands(program);
registerDataCommand(program);
registerGradcheckCommand(program);
registerSweepCommand(program);
registerPlaygroundCommand(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.exitCode = reportError(error, process.argv.includes('--debug'));
}
