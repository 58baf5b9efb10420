import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { isClassDatasetName } from '../../data/class-datasets.ts';
import { parseCsv } from '../../data/csv.ts';
import { rawColumnsError } from '../../data/features.ts';
import { isRegressionDatasetName } from '../../data/regression-datasets.ts';
import { ScratchnetError } from '../../errors/scratchnet-error.ts';
import { loadModelFeatures } from '../../io/model-folder.ts';
import { makeFolder } from '../../io/write-target.ts';
import { History, type HistoryData } from '../../model/history.ts';
import type { Model } from '../../model/model.ts';
import { RandomState } from '../../tensor/random.ts';
import { COMMAND_SUMMARIES } from '../command-summaries.ts';
import { loadCheckedModel } from '../final-model.ts';
import { parsePositiveInteger } from '../parse.ts';
import { readJsonFile } from '../run-folder.ts';
import {
  shapeOf,
  taskOf,
  type WrittenPictures,
  writeRunPictures,
  writeTrainingPictures,
} from '../run-pictures.ts';
import { TRAIN_DEFAULTS, type TrainConfig } from '../train-config.ts';
import { loadTrainingData, readCsvFile } from '../train-data.ts';

interface PlotFlags {
  model: string;
  data?: string;
  label?: string;
  out?: string;
  width: number;
  height?: number;
}

/** The largest picture we agree to draw: 4096² pixels is already 64 MB of RGBA. */
const MAX_SIDE = 4096;

export function registerPlotCommand(program: Command): void {
  program
    .command('plot')
    .description(COMMAND_SUMMARIES.plot.description)
    .requiredOption('--model <dir>', 'a folder written by scratchnet train (or TensorFlow.js)')
    .option(
      '--data <file>',
      "CSV to draw (header row; the label column last unless --label); default: the run's own data, regenerated from its config.json",
    )
    .option('--label <name>', 'the label column of --data')
    .option('--out <dir>', 'write the pictures into this folder (default: the model folder)')
    .option(
      '--width <n>',
      'width of the decision boundary (or regression surface) in pixels',
      parsePositiveInteger,
      512,
    )
    .option(
      '--height <n>',
      'height of the decision boundary (or regression surface) in pixels (default: the width)',
      parsePositiveInteger,
    )
    .action(async (flags: PlotFlags) => {
      const written = await plot(flags);
      if (written.paths.length === 0) {
        throw new ScratchnetError(
          'BAD_DATA',
          `nothing to draw for ${flags.model}: ${written.notes.join('; ')}`,
          'a decision boundary needs a classifier with 2 inputs (or input features made from 2), a surface a regression with 2 inputs and one output; curves need the history.json of a run',
        );
      }
      for (const note of written.notes) process.stderr.write(`note: ${note}\n`);
      for (const path of written.paths) console.log(`wrote ${path}`);
    });
}

async function plot(flags: PlotFlags): Promise<WrittenPictures> {
  const width = flags.width;
  const height = flags.height ?? width;
  if (width > MAX_SIDE || height > MAX_SIDE) {
    throw new ScratchnetError(
      'INVALID_OPTION',
      `--width and --height must be at most ${MAX_SIDE} pixels, got ${width}×${height}`,
      'a few hundred pixels (the default is 512) is plenty for a decision boundary',
    );
  }
  const model = await loadCheckedModel(flags.model);
  const history = await readHistory(flags.model);
  const config = await readConfig(flags.model);
  const out = flags.out ?? flags.model;
  // the folders this command makes go again if it draws nothing, so a refused plot leaves nothing behind
  const madeHere = topmostMissing(out);
  await makeFolder(out);
  try {
    const written = await drawPictures(model, flags, history, config, out, { width, height });
    if (madeHere !== null && written.paths.length === 0) await rm(madeHere, { recursive: true, force: true });
    return written;
  } catch (error) {
    if (madeHere !== null) await rm(madeHere, { recursive: true, force: true });
    throw error;
  }
}

/** The outermost folder of `path` that does not exist yet (what makeFolder will create), or null. */
function topmostMissing(path: string): string | null {
  let missing: string | null = null;
  for (let at = resolve(path); !existsSync(at); at = dirname(at)) {
    missing = at;
    if (dirname(at) === at) break;
  }
  return missing;
}

async function drawPictures(
  model: Model,
  flags: PlotFlags,
  history: HistoryData | null,
  config: TrainConfig | null,
  out: string,
  size: { width: number; height: number },
): Promise<WrittenPictures> {
  if (flags.data !== undefined) return plotCsv(model, flags, history, out, size);
  if (config === null) {
    throw new ScratchnetError(
      'BAD_DATA',
      `${flags.model} has no config.json to regenerate its data from`,
      'pass the data to draw with --data FILE.csv (the columns the model was trained on, and the label)',
    );
  }
  if (
    !isClassDatasetName(config.dataset) &&
    !isRegressionDatasetName(config.dataset) &&
    !csvExists(config.dataset)
  ) {
    // image data sets are not drawn over a plane; a CSV that moved must be named again
    const written = await writeRunPictures(out, model, { history, task: taskOf(model.describe()), ...size });
    return withBoundaryNote(written, config.dataset);
  }
  const data = await loadTrainingData(config, new RandomState(config.seed));
  const paths = await writeTrainingPictures(
    out,
    model,
    data,
    history ?? new History().toJSON(),
    config,
    size,
  );
  const notes = history === null ? ['no training curves: the folder has no history.json'] : [];
  const { inputs } = shapeOf(model.describe());
  const planar = config.features === null ? inputs === 2 : config.features.length === inputs;
  if (!planar && data.task === 'classification') notes.push(boundaryNote(model));
  if (!planar && data.task === 'regression' && inputs > 2) notes.push(surfaceNote(inputs));
  return { paths, notes };
}

async function plotCsv(
  model: Model,
  flags: PlotFlags,
  history: HistoryData | null,
  out: string,
  size: { width: number; height: number },
): Promise<WrittenPictures> {
  const path = flags.data as string;
  const csv = parseCsv(await readDataFile(path), { label: flags.label, source: path });
  const { inputs } = shapeOf(model.describe());
  // a model trained on features is drawn over the two coordinates they are made from
  const features = await loadModelFeatures(flags.model);
  if (features !== null && csv.X.cols !== 2) throw rawColumnsError(features, csv.X.cols, path);
  if (features === null && csv.X.cols !== inputs) {
    throw new ScratchnetError(
      'SHAPE_MISMATCH',
      `${path} has ${csv.X.cols} feature column${csv.X.cols === 1 ? '' : 's'} (plus the label ${JSON.stringify(csv.labelName)}) but the model takes ${inputs} input${inputs === 1 ? '' : 's'}`,
      'use data with the columns the model was trained on and the label column last (or name it with --label)',
    );
  }
  const task = taskOf(model.describe());
  if (task === 'classification' && csv.labels === null) {
    throw new ScratchnetError(
      'BAD_LABEL',
      `${path}: the label column ${JSON.stringify(csv.labelName)} does not hold class indices (whole numbers from 0)`,
      'a classifier is drawn with its data coloured by class; give labels 0, 1, 2, …',
    );
  }
  const y = task === 'classification' && csv.labels !== null ? csv.labels : csv.targets;
  return writeRunPictures(out, model, { task, features, train: { X: csv.X, y }, history, ...size });
}

/** readCsvFile, with a hint about --data rather than about train's csv: prefix. */
async function readDataFile(path: string): Promise<string> {
  try {
    return await readCsvFile(path);
  } catch (error) {
    if (!(error instanceof ScratchnetError)) throw error;
    throw new ScratchnetError(error.code, error.message, 'check the path given to --data');
  }
}

async function readHistory(dir: string): Promise<HistoryData | null> {
  const path = join(dir, 'history.json');
  if (!existsSync(path)) return null;
  return History.fromJSON(await readJsonFile(path, 'the history')).toJSON();
}

/** The run's configuration (defaults filled in for keys an older run did not write), or null. */
async function readConfig(dir: string): Promise<TrainConfig | null> {
  const path = join(dir, 'config.json');
  if (!existsSync(path)) return null;
  const value = await readJsonFile(path, 'the run configuration');
  if (
    typeof value !== 'object' ||
    value === null ||
    typeof (value as { dataset?: unknown }).dataset !== 'string'
  ) {
    throw new ScratchnetError(
      'BAD_STATE',
      `${path} is not a run configuration (no "dataset")`,
      'pass the folder scratchnet train wrote, or give the data with --data FILE.csv',
    );
  }
  return { ...TRAIN_DEFAULTS, ...(value as Partial<TrainConfig>) };
}

function csvExists(dataset: string): boolean {
  return dataset.startsWith('csv:') && existsSync(dataset.slice('csv:'.length));
}

function withBoundaryNote(written: WrittenPictures, dataset: string): WrittenPictures {
  if (dataset.startsWith('csv:')) {
    const notes = [`the run's data ${dataset.slice(4)} is not there any more; pass it with --data FILE.csv`];
    return {
      paths: written.paths,
      notes: [...notes, ...written.notes.filter((n) => !n.includes('boundary') && !n.includes('surface'))],
    };
  }
  return written;
}

function boundaryNote(model: Model): string {
  return `no decision boundary: it needs 2 input columns, the model takes ${shapeOf(model.describe()).inputs}`;
}

function surfaceNote(inputs: number): string {
  return `no regression surface: it needs 2 input columns, the model takes ${inputs}`;
}
