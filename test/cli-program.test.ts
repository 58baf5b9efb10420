// The command line loads a command's module only when that command runs (src/cli/program.ts); these
// tests hold it to printing what it printed when every module was loaded up front.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { Help } from 'commander';
import { COMMAND_SUMMARIES, type CommandName } from '../src/cli/command-summaries.ts';
import { createProgram, invokedCommand } from '../src/cli/program.ts';
import { runCli } from './cli-runner.ts';

const NAMES = Object.keys(COMMAND_SUMMARIES) as CommandName[];
const argvFor = (...args: string[]) => ['node', 'scratchnet', ...args];
const rootHelp = async (...args: string[]) => (await createProgram(argvFor(...args))).helpInformation();

describe('which command a command line runs', () => {
  test('the first word that is not an option; `help X` runs X', () => {
    assert.equal(invokedCommand(['train', '--epochs', '5']), 'train');
    assert.equal(invokedCommand(['--debug', 'plot', '--model', 'runs/x']), 'plot');
    assert.equal(invokedCommand(['help', 'sweep']), 'sweep');
  });

  test('none for the root help, --version, no command, an unknown one, or bare help', () => {
    for (const args of [[], ['--help'], ['-V'], ['--version'], ['trian'], ['help'], ['help', 'nope']]) {
      assert.equal(invokedCommand(args), null, args.join(' '));
    }
  });
});

describe('the root help', () => {
  test('is the same whichever command module is loaded (its summary matches the module)', async () => {
    const summariesOnly = await rootHelp('--help');
    for (const name of NAMES) assert.equal(await rootHelp(name), summariesOnly, `with ${name} loaded`);
  });

  test('each command is registered with the summary term and description the help lists', async () => {
    for (const name of NAMES) {
      const program = await createProgram(argvFor(name));
      const command = program.commands.find((c) => c.name() === name);
      assert.ok(command, name);
      assert.equal(new Help().subcommandTerm(command), COMMAND_SUMMARIES[name].term);
      assert.equal(command.description(), COMMAND_SUMMARIES[name].description);
      assert.ok(command.options.length > 0, `${name} is the full command, with its options`);
    }
  });

  test('lists the commands in the order they always had, with --version and --debug', async () => {
    const help = await rootHelp();
    const listed = [...help.matchAll(/^ {2}([a-z]+) \[/gm)].map((m) => m[1]);
    assert.deepEqual(listed, [
      'train',
      'plot',
      'evaluate',
      'predict',
      'summary',
      'data',
      'gradcheck',
      'sweep',
      'playground',
      'help',
    ]);
    assert.match(help, /^ {2}-V, --version +output the version number$/m);
    assert.match(help, /^ {2}--debug +print stack traces of errors$/m);
  });
});

describe('the built command line', () => {
  const version = (
    JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
  ).version;

  test('--version and -V print package.json’s version and exit 0', () => {
    for (const flag of ['--version', '-V']) {
      const { code, stdout, stderr } = runCli([flag]);
      assert.equal(code, 0, stderr);
      assert.equal(stdout, `${version}\n`);
    }
  });

  test('help train prints train’s own options (its module is loaded for it)', () => {
    const { code, stdout } = runCli(['help', 'train']);
    assert.equal(code, 0);
    assert.match(stdout, /^Usage: scratchnet train \[options\]/);
    assert.match(stdout, /--threads <n>/);
  });

  test('an unknown command is still named, with the nearest one suggested', () => {
    const { code, stderr } = runCli(['trian']);
    assert.equal(code, 1);
    assert.match(stderr, /unknown command 'trian'\n\(Did you mean train\?\)/);
  });
});
