import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { ScratchnetError } from '../../errors/scratchnet-error.ts';
import { writeFileAtomic } from '../../io/atomic-write.ts';
import { Model } from '../../model/model.ts';
import { setMatmulPrecision } from '../../tensor/kernels/matmul-precision.ts';
import { RandomState } from '../../tensor/random.ts';
import { setKernelThreads } from '../../tensor/threads/kernel-team.ts';
import { buildModel } from '../build-model.ts';
import { committedEpoch, readCheckpoint, removeStaleCheckpoints } from '../checkpoint-store.ts';
import { fingerprintData, requireSameData } from '../data-fingerprint.ts';
import { digestOf, readRegularFile, SMALL_FILE_BYTES, sameDigest } from '../file-digest.ts';
import { parsePositiveInteger } from '../parse.ts';
import { claimNewRunFolder, claimRunToResume, discardFailedRun, type OwnedRunFolder } from '../run-claim.ts';
import { CONFIG_FILE, readJsonFile } from '../run-folder.ts';
import { RUN_FILE, type RunRecord, readRunRecord, writeRunRecord } from '../run-record.ts';
import { addTrainOptions, resolveTrainConfig, type TrainConfig } from '../train-config.ts';
import { loadTrainingData, type TrainingData } from '../train-data.ts';
import { type OutputFlags, trainAndSave } from '../train-session.ts';
import { writing } from '../write-failed.ts';

/**
 * Kernel threads by default: this machine's cores, up to 2. A spiral epoch splits about 6 kernel
 * calls; more threads than that have little to share.
 */
const DEFAULT_THREADS = Math.min(2, availableParallelism());

function parseThreadCount(text: string): number {
  const count = parsePositiveInteger(text);
  if (count > 64) throw new InvalidArgumentError(`expected at most 64, got ${count}.`);
  return count;
}

export function registerTrainCommand(program: Command): void {
  const command = program
    .command('train')
    .description(
      "train a network (by default the book's chapter-15 network on the spiral data) and save the run",
    );
  addTrainOptions(command)
    .option('--config <file>', 'read settings from a JSON file with the same keys as the flags (flags win)')
    .option('--resume <dir>', 'continue an interrupted run from its last checkpoint')
    .option('--out <dir>', 'the run folder', 'runs/<time>-<dataset>')
    .addOption(
      new Option('--json', 'print machine-readable JSON lines instead of the book’s lines').conflicts(
        'quiet',
      ),
    )
    .option('--quiet', 'print nothing but errors')
    .addOption(
      new Option('--threads <n>', 'CPU threads for the kernels (the results are the same for any count)')
        .argParser(parseThreadCount)
        .default(DEFAULT_THREADS, "this machine's cores, up to 2"),
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
  await setKernelThreads(flags.threads);
  const rng = new RandomState(config.seed);
  const data = await loadTrainingData(config, rng);
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
  const allowed = new Set(['resume', 'epochs', 'json', 'quiet', 'printEvery', 'checkpointEvery', 'threads']);
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
  const value = await readJsonFile(path, 'the config file');
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
