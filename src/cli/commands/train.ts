import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { setMatmulPrecision } from '../../accel/matmul/matmul-precision.ts';
import { setKernelThreads } from '../../accel/threads/kernel-team.ts';
import { ScratchnetError } from '../../errors/scratchnet-error.ts';
import { writeFileAtomic } from '../../io/atomic-write.ts';
import { Model } from '../../model/model.ts';
import { RandomState } from '../../tensor/random.ts';
import { buildModel } from '../build-model.ts';
import { committedEpoch, readCheckpoint, removeStaleCheckpoints } from '../checkpoint-store.ts';
import { COMMAND_SUMMARIES } from '../command-summaries.ts';
import { fingerprintData, requireSameData } from '../data-fingerprint.ts';
import { digestOf, readRegularFile, SMALL_FILE_BYTES, sameDigest } from '../file-digest.ts';
import { logOption } from '../log-format.ts';
import { parsePositiveInteger } from '../parse.ts';
import {
  DEFAULT_MAX_MEMORY,
  loadedShape,
  parseMemory,
  plannedShape,
  requireRunMemory,
} from '../run-budget.ts';
import { claimNewRunFolder, claimRunToResume, discardFailedRun, type OwnedRunFolder } from '../run-claim.ts';
import { CONFIG_FILE, CONFIG_FILE_MAX_BYTES, readJsonFile } from '../run-folder.ts';
import { RUN_FILE, type RunRecord, readRunRecord, writeRunRecord } from '../run-record.ts';
import { addTrainOptions, type TrainConfig } from '../train-config.ts';
import { resolveTrainConfig } from '../train-config-resolve.ts';
import { loadTrainingData, type TrainingData } from '../train-data.ts';
import { type OutputFlags, trainAndSave } from '../train-session.ts';
import { writing } from '../write-failed.ts';

/**
 * Kernel threads by default: this machine's cores, up to 2. A spiral epoch splits about 6 kernel
 * calls; more threads than that have little to share.
 */
const DEFAULT_THREADS = Math.min(2, availableParallelism());

/** More kernel threads than cores only take turns on them: the same results, slower. */
function warnOfThreadsOverCores(threads: number): void {
  const cores = availableParallelism();
  if (threads <= cores) return;
  process.stderr.write(
    `warning: --threads ${threads} is more than the ${cores} CPU core${cores === 1 ? '' : 's'} this process may use: ` +
      `the threads take turns on them and training is slower (the results are the same); use --threads ${cores} or fewer\n`,
  );
}

function parseThreadCount(text: string): number {
  const count = parsePositiveInteger(text);
  if (count > 64) throw new InvalidArgumentError(`expected at most 64, got ${count}.`);
  return count;
}

export function registerTrainCommand(program: Command): void {
  const command = program.command('train').description(COMMAND_SUMMARIES.train.description);
  addTrainOptions(command)
    .option('--config <file>', 'read settings from a JSON file with the same keys as the flags (flags win)')
    .option('--resume <dir>', 'continue an interrupted run from its last checkpoint')
    .option('--out <dir>', 'the run folder', 'runs/<time>-<dataset>')
    .addOption(
      new Option('--json', 'print machine-readable JSON lines instead of the book’s lines').conflicts(
        'quiet',
      ),
    )
    .option('--quiet', 'print nothing but errors and warnings')
    .addOption(logOption())
    .addOption(
      new Option('--threads <n>', 'CPU threads for the kernels (the results are the same for any count)')
        .argParser(parseThreadCount)
        .default(DEFAULT_THREADS, "this machine's cores, up to 2"),
    )
    .addOption(
      new Option('--max-memory <size>', 'refuse a run estimated to need more memory than this (16GB, 512MB)')
        .argParser(parseMemory)
        .default(DEFAULT_MAX_MEMORY, "8GB, or 3/4 of this machine's memory if less"),
    )
    .action(async (flags: OutputFlags, cmd: Command) => {
      await train(cmd, flags);
    });
}

async function train(cmd: Command, flags: OutputFlags): Promise<void> {
  if (flags.resume === undefined) {
    await startRun(cmd, flags);
  } else {
    refuseSettingsWhenResuming(cmd);
    await resumeRun(cmd, flags, flags.resume);
  }
}

/** Everything that can be refused is checked before the run folder is made; a failure later removes it. */
async function startRun(cmd: Command, flags: OutputFlags): Promise<void> {
  const fileConfig = flags.config === undefined ? null : await readConfigFile(flags.config);
  const config = resolveTrainConfig(cmd, fileConfig);
  const { data, model } = await prepare(config, flags);
  const dataPrint = fingerprintData(config.dataset, data);
  const out = flags.out !== undefined && cmd.getOptionValueSource('out') === 'cli' ? flags.out : null;
  const owned = await claimNewRunFolder(out, config.dataset);
  try {
    noteTakeOver(owned);
    const configText = `${JSON.stringify(config, null, 2)}\n`;
    const record: RunRecord = {
      format: 'scratchnet-run',
      version: 1,
      id: randomBytes(8).toString('hex'),
      created: new Date().toISOString(),
      config: digestOf(configText),
      data: dataPrint,
      final: null,
    };
    await writing(
      `the run folder ${owned.path}`,
      'free some disk space and start the run again',
      async () => {
        // run.json first: a folder with it and nothing committed is a dead run a new one may take over
        await writeRunRecord(owned.path, record);
        await writeFileAtomic(join(owned.path, CONFIG_FILE), configText);
      },
    );
    await trainAndSave({ model, data, config, folder: owned.path, record, lock: owned.lock, flags });
  } catch (error) {
    const diverged = error instanceof ScratchnetError && error.code === 'DIVERGED';
    if (!diverged && (await committedEpoch(owned.path)) === null) await discardFailedRun(owned);
    throw error;
  } finally {
    owned.lock.release();
  }
}

/** Continues a run from its checkpoint, after checking that the run, its config and its data are its own. */
async function resumeRun(cmd: Command, flags: OutputFlags, folder: string): Promise<void> {
  const owned = await claimRunToResume(folder);
  try {
    noteTakeOver(owned);
    const record = (await readRunRecord(folder)) as RunRecord;
    const configPath = join(folder, CONFIG_FILE);
    const configText = await readRegularFile(configPath, SMALL_FILE_BYTES).then(
      (bytes) => bytes.toString('utf8'),
      () => null,
    );
    if (configText === null || !sameDigest(digestOf(configText), record.config)) {
      throw new ScratchnetError(
        'BAD_STATE',
        `${configPath} ${configText === null ? 'is missing' : 'was changed since the run started'}; ${RUN_FILE} records the one it trained with`,
        'a run resumes only with its own configuration; to train with other settings, start a new run',
      );
    }
    const saved = (await readJsonFile(configPath, 'the run configuration')) as Record<string, unknown>;
    const config = resolveTrainConfig(cmd, saved);
    const { data, rng } = await prepare(config, flags);
    requireSameData(record.data, fingerprintData(config.dataset, data), folder);
    const checkpoint = await readCheckpoint(folder, record.id);
    const model = Model.fromDescription(checkpoint.description, rng);
    model.restoreTrainingState(checkpoint.state);
    await removeStaleCheckpoints(folder);
    await trainAndSave({ model, data, config, folder, record, lock: owned.lock, flags });
  } finally {
    owned.lock.release();
  }
}

/** Sets up the kernels and loads the data and the network a configuration asks for (which checks both). */
async function prepare(
  config: TrainConfig,
  flags: OutputFlags,
): Promise<{ data: TrainingData; model: Model; rng: RandomState }> {
  setMatmulPrecision(config.precision);
  warnOfThreadsOverCores(flags.threads);
  // training starts at once on this thread; the helpers join as they load
  await setKernelThreads(flags.threads, { waitForHelpers: false });
  const rng = new RandomState(config.seed);
  // refused by the declared sizes before a generated set is drawn, and before the network is built
  requireRunMemory(config, plannedShape(config), { limit: flags.maxMemory });
  const data = await loadTrainingData(config, rng);
  requireRunMemory(config, loadedShape(config, data), { limit: flags.maxMemory });
  const model = buildModel(config, data.X.cols, data.outputs, data.task, rng);
  return { data, model, rng };
}

function noteTakeOver(owned: OwnedRunFolder): void {
  if (owned.lock.tookOverFrom === null) return;
  process.stderr.write(
    `note: ${owned.path} was locked by process ${owned.lock.tookOverFrom}, which is no longer running; taken over\n`,
  );
}

function refuseSettingsWhenResuming(cmd: Command): void {
  const allowed = new Set([
    'resume',
    'epochs',
    'json',
    'quiet',
    'log',
    'printEvery',
    'checkpointEvery',
    'threads',
    'maxMemory',
  ]);
  const given = cmd.options
    .map((o) => o.attributeName())
    .filter((name) => cmd.getOptionValueSource(name) === 'cli' && !allowed.has(name));
  if (given.length > 0) {
    throw new ScratchnetError(
      'INVALID_OPTION',
      `--resume continues a run with its saved configuration; it cannot also take ${given.map((n) => `--${kebab(n)}`).join(', ')}`,
      'drop those flags, or start a new run without --resume',
    );
  }
}

async function readConfigFile(path: string): Promise<Record<string, unknown>> {
  const value = await readJsonFile(path, 'the config file', CONFIG_FILE_MAX_BYTES);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ScratchnetError(
      'INVALID_OPTION',
      `the config file ${path} must hold a JSON object`,
      'e.g. { "hidden": [64, 64], "dropout": 0.1 }',
    );
  }
  return value as Record<string, unknown>;
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
