import { Command, Help } from 'commander';
import { SCRATCHNET_VERSION } from '../version.ts';
import { COMMAND_SUMMARIES, type CommandName, isCommandName } from './command-summaries.ts';

/** A command module: the commands it registers and how to load it. */
interface CommandModule {
  names: readonly CommandName[];
  load(): Promise<(program: Command) => void>;
}

// Loaded only when one of their commands runs: together they pull in about 190 modules (the model,
// plotting, PNG, d3, progress bars), which took most of `scratchnet --help`'s 0.15 s on an idle machine.
const COMMAND_MODULES: readonly CommandModule[] = [
  { names: ['train'], load: async () => (await import('./commands/train.ts')).registerTrainCommand },
  { names: ['plot'], load: async () => (await import('./commands/plot.ts')).registerPlotCommand },
  {
    names: ['evaluate', 'predict', 'summary'],
    load: async () => (await import('./commands/inspect.ts')).registerModelCommands,
  },
  { names: ['data'], load: async () => (await import('./commands/data.ts')).registerDataCommand },
  {
    names: ['gradcheck'],
    load: async () => (await import('./commands/gradcheck.ts')).registerGradcheckCommand,
  },
  { names: ['sweep'], load: async () => (await import('./commands/sweep.ts')).registerSweepCommand },
  {
    names: ['playground'],
    load: async () => (await import('./commands/playground.ts')).registerPlaygroundCommand,
  },
];

/**
 * The command the arguments (without node and the script) run, or null (root help, --version, no
 * command, an unknown one). `help <command>` counts as that command, whose options its help lists.
 * The root's own options take no values, so the first word not starting with `-` is the command.
 */
export function invokedCommand(args: readonly string[]): CommandName | null {
  const words = args.filter((arg) => !arg.startsWith('-'));
  const name = words[0] === 'help' ? words[1] : words[0];
  return name !== undefined && isCommandName(name) ? name : null;
}

/** The WebAssembly kernels and Node's helper threads, for a command that runs (not for help). */
async function installSpeedWing(): Promise<void> {
  const [{ installAcceleration }, { installNodeThreads }] = await Promise.all([
    import('../accel/install.ts'),
    import('../accel/install-node.ts'),
  ]);
  installAcceleration();
  installNodeThreads();
}

/**
 * The `scratchnet` program for this command line: the command that runs is registered from its
 * module; every other command only by its name and summary, which is all the root help shows of it.
 */
export async function createProgram(argv: readonly string[]): Promise<Command> {
  const summaries = new Set<Command>();
  const program = new Command('scratchnet')
    .description("Neural networks from scratch: the book's network, numpy-exact and gradient-checked.")
    .version(SCRATCHNET_VERSION)
    .option('--debug', 'print stack traces of errors')
    .showHelpAfterError('hint: run with --help for usage')
    .configureOutput({ outputError: (text, write) => write(text) })
    .configureHelp({
      subcommandTerm: (cmd) => {
        const name = cmd.name();
        return summaries.has(cmd) && isCommandName(name)
          ? COMMAND_SUMMARIES[name].term
          : new Help().subcommandTerm(cmd);
      },
    });
  const wanted = invokedCommand(argv.slice(2));
  for (const module of COMMAND_MODULES) {
    if (wanted !== null && module.names.includes(wanted)) {
      await installSpeedWing();
      (await module.load())(program);
      continue;
    }
    for (const name of module.names) {
      summaries.add(program.command(name).description(COMMAND_SUMMARIES[name].description));
    }
  }
  return program;
}
