import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { setMatmulPrecision } from '../../accel/matmul/matmul-precision.ts';
import { setKernelThreads } from '../../accel/threads/kernel-team.ts';
import { ScratchnetError } from '../../errors/scratchnet-error.ts';
import { writeFileAtomic } from '../../io/atomic-write.ts';
import { saveModelFiles } from '../../io/model-files.ts';
import type { EpochLogs } from '../../model/callbacks.ts';
import { History } from '../../model/history.ts';
import { Model } from '../../model/model.ts';
import { formatEpochLine, formatValidationLine } from '../../report/book-log.ts';
import { RandomState } from '../../tensor/random.ts';
import { buildModel } from '../build-model.ts';
import { formatImageRunReport, reportImageRun } from '../image-report.ts';
import { type LogFormat, logOption, reporterFor } from '../log-format.ts';
import { parsePositiveInteger } from '../parse.ts';
import { ProgressBar } from '../progress.ts';
import {
  CHECKPOINT,
  newRunFolder,
  readCheckpoint,
  readJsonFile,
  writeCheckpoint,
  writeJson,
} from '../run-folder.ts';
import { writeCurvesOnly, writeTrainingPictures } from '../run-pictures.ts';
import { StepProgressBar } from '../step-progress.ts';
import { addTrainOptions, resolveTrainConfig, type TrainConfig } from '../train-config.ts';
import { loadTrainingData, type TrainingData } from '../train-data.ts';

interface OutputFlags {
  threads: number;
  config?: string;
  resume?: string;
  out?: string;
  json?: boolean;
  quiet?: boolean;
  log: LogFormat;
}

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

/** Epochs trained between two looks at Ctrl-C (training itself is synchronous). */
const CHUNK = 50;

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
    .addOption(logOption())
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
  const resuming = flags.resume !== undefined;
  if (resuming) refuseSettingsWhenResuming(cmd);
  const fileConfig = flags.config === undefined ? null : await readConfigFile(flags.config);
  const config = resuming
    ? resolveTrainConfig(
        cmd,
        (await readJsonFile(join(flags.resume as string, 'config.json'), 'the run configuration')) as Record<
          string,
          unknown
        >,
      )
    : resolveTrainConfig(cmd, fileConfig);
  setMatmulPrecision(config.precision);
  await setKernelThreads(flags.threads);
  const rng = new RandomState(config.seed);
  const data = await loadTrainingData(config, rng);
  // everything that can be refused is checked before the run folder exists
  let model = buildModel(config, data.X.cols, data.outputs, data.task, rng);
  const folder = resuming
    ? (flags.resume as string)
    : flags.out && cmd.getOptionValueSource('out') === 'cli'
      ? flags.out
      : newRunFolder(config.dataset);
  if (resuming) {
    const checkpoint = await readCheckpoint(folder);
    model = Model.fromDescription(checkpoint.description, rng);
    model.restoreTrainingState(checkpoint.state);
  } else {
    await mkdir(folder, { recursive: true });
    await writeJson(join(folder, 'config.json'), config);
  }
  await runTraining(model, data, config, folder, flags);
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

async function runTraining(
  model: Model,
  data: TrainingData,
  config: TrainConfig,
  folder: string,
  flags: OutputFlags,
): Promise<void> {
  const terminal = process.stdout.isTTY === true && !flags.quiet && !flags.json;
  const done = model.trainingState().epoch;
  if (data.images && !flags.quiet && !flags.json) console.log(data.images.note);
  const steps = Math.ceil(data.X.rows / Math.min(config.batchSize ?? data.X.rows, data.X.rows));
  const bar = !terminal
    ? null
    : data.images
      ? new StepProgressBar(config.epochs, steps)
      : new ProgressBar(config.epochs, done);
  const print = (line: string) => (bar ? bar.log(line) : console.log(line));
  const reporter = reporterFor(flags, config.printEvery, print);
  // the book's Model steps through batches even without batch_size (one batch of every row), and
  // its print_every counts steps
  const bookModel = flags.log === 'book-model';
  let interrupted = false;
  const onSignal = () => {
    interrupted = true;
  };
  process.once('SIGINT', onSignal);
  const started = performance.now();
  let last: EpochLogs | null = null;
  try {
    for (let epoch = done; epoch < config.epochs && !interrupted; ) {
      const every = config.checkpointEvery;
      const toCheckpoint = every > 0 ? every - (epoch % every) : CHUNK;
      const epochs = Math.min(CHUNK, toCheckpoint, config.epochs - epoch);
      model.train(data.X, data.y, {
        epochs,
        batchSize: config.batchSize ?? (bookModel ? data.X.rows : undefined),
        ...(bookModel ? { printEvery: config.printEvery } : {}),
        shuffle: config.shuffle,
        validationData: data.validation ?? undefined,
        validationSplit: config.validationSplit ?? undefined,
        callbacks: [
          ...(reporter ? [reporter] : []),
          ...(bar ? [bar] : []),
          { onEpochEnd: (logs) => (last = logs) },
        ],
      });
      epoch += epochs;
      // let a pending Ctrl-C be heard: training itself is synchronous
      await new Promise((resolve) => setImmediate(resolve));
      if ((every > 0 && epoch % every === 0) || interrupted) await writeCheckpoint(folder, model);
    }
  } catch (error) {
    bar?.stop();
    if (error instanceof ScratchnetError && error.code === 'DIVERGED') {
      const checkpoint = join(folder, CHECKPOINT);
      const kept = existsSync(join(checkpoint, 'training-state.json'))
        ? `the last good checkpoint is kept in ${checkpoint}`
        : `no checkpoint had been written yet (one every ${config.checkpointEvery} epochs)`;
      // the curves up to the blow-up show what happened; the diverged weights draw nothing useful
      const curves = await writeCurvesOnly(folder, model.trainingState().history);
      const drawn = curves === null ? '' : `; curves in ${curves}`;
      throw new ScratchnetError('DIVERGED', `${error.message}; ${kept}${drawn}`, error.hint);
    }
    throw error;
  } finally {
    process.removeListener('SIGINT', onSignal);
  }
  bar?.stop();
  if (interrupted) {
    const pictures = await writeTrainingPictures(folder, model, data, model.trainingState().history, config);
    process.stderr.write(
      `interrupted: checkpoint written to ${join(folder, CHECKPOINT)}\nresume with: scratchnet train --resume ${folder}\n`,
    );
    if (!flags.quiet && pictures.length > 0) process.stderr.write(`pictures: ${pictures.join(', ')}\n`);
    process.exitCode = 130;
    return;
  }
  await saveRun(model, data, folder, last, performance.now() - started, flags, config);
  if (data.images) {
    const report = await reportImageRun(model, data.images, folder);
    if (flags.json) console.log(JSON.stringify({ type: 'test', ...report }));
    else if (!flags.quiet) console.log(`\n${formatImageRunReport(report, data.images.classNames)}`);
  }
}

async function saveRun(
  model: Model,
  data: TrainingData,
  folder: string,
  last: EpochLogs | null,
  ms: number,
  flags: OutputFlags,
  config: TrainConfig,
): Promise<void> {
  const state = model.trainingState();
  const history = state.history;
  await saveModelFiles(folder, model.describe());
  await writeJson(join(folder, 'history.json'), history);
  await writeFileAtomic(join(folder, 'history.csv'), History.fromJSON(history).toCSV());
  const pictures = await writeTrainingPictures(folder, model, data, history, config);
  const validation = data.validation === null ? null : model.evaluate(data.validation[0], data.validation[1]);
  const valAccuracy = validation?.accuracy ?? last?.valAccuracy;
  const valLoss = validation?.dataLoss ?? last?.valDataLoss;
  const summary = {
    epochs: state.epoch,
    train: last && {
      accuracy: last.accuracy,
      loss: last.loss,
      dataLoss: last.dataLoss,
      regularizationLoss: last.regularizationLoss,
    },
    validation: valAccuracy === undefined ? null : { accuracy: valAccuracy, loss: valLoss },
    seconds: ms / 1000,
    folder,
    pictures,
  };
  if (flags.quiet) return;
  if (flags.json) {
    console.log(JSON.stringify({ type: 'summary', ...summary }));
    return;
  }
  if (last && valAccuracy !== undefined && valLoss !== undefined && last.valAccuracy === undefined) {
    console.log(formatValidationLine(valAccuracy, valLoss));
  }
  console.log('');
  if (last) {
    console.log(`training:   ${formatEpochLine(last).replace(/^epoch: \d+, /, '')}`);
  }
  if (valAccuracy !== undefined && valLoss !== undefined && last) {
    console.log(
      `validation: acc: ${valAccuracy.toFixed(3)}, loss: ${valLoss.toFixed(3)} (gap in accuracy: ${(last.accuracy - valAccuracy).toFixed(3)})`,
    );
  }
  console.log(`time:       ${(ms / 1000).toFixed(1)} s for ${state.epoch} epochs`);
  console.log(`saved to:   ${folder}`);
  if (pictures.length > 0) console.log(`pictures:   ${pictures.join(', ')}`);
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
