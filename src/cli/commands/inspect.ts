import type { Command } from 'commander';
import { parseCsv } from '../../data/csv.ts';
import { type FeatureName, featureInputs } from '../../data/features.ts';
import { formatFloat32 } from '../../data/format-float32.ts';
import { ScratchnetError } from '../../errors/scratchnet-error.ts';
import { writeFileAtomic } from '../../io/atomic-write.ts';
import { loadModelFeatures } from '../../io/model-folder.ts';
import type { Model } from '../../model/model.ts';
import type { Matrix } from '../../tensor/matrix.ts';
import { COMMAND_SUMMARIES } from '../command-summaries.ts';
import { loadCheckedModel } from '../final-model.ts';
import { predictImage } from '../predict-image.ts';
import { taskOf } from '../run-pictures.ts';
import { readCsvFile } from '../train-data.ts';

interface DataFlags {
  model: string;
  data: string;
  image?: string;
  label?: string;
  out?: string;
  json?: boolean;
}

export function registerModelCommands(program: Command): void {
  program
    .command('evaluate')
    .description(COMMAND_SUMMARIES.evaluate.description)
    .requiredOption('--model <dir>', 'a folder written by scratchnet train (or TensorFlow.js)')
    .requiredOption('--data <file>', 'CSV with a header row; the label column last unless --label')
    .option('--label <name>', 'the label column')
    .option('--json', 'print one JSON object')
    .action(evaluateCommand);

  program
    .command('predict')
    .description(COMMAND_SUMMARIES.predict.description)
    .requiredOption('--model <dir>', 'a folder written by scratchnet train (or TensorFlow.js)')
    .option('--data <file>', 'CSV with a header row; a label column, if present, is ignored')
    .option(
      '--image <file>',
      'a PNG of any size and colour, converted as the book does (greyscale, 28x28, inverted if light)',
    )
    .option(
      '--label <name>',
      'the label column to ignore (default: the last column, when there is one more column than inputs)',
    )
    .option('--out <file>', 'write the CSV to this file (atomically) instead of stdout')
    .action(predictCommand);

  program
    .command('summary')
    .description(COMMAND_SUMMARIES.summary.description)
    .requiredOption('--model <dir>', 'a folder written by scratchnet train (or TensorFlow.js)')
    .action(async (flags: { model: string }) => {
      console.log((await loadCheckedModel(flags.model)).summary());
    });
}

/** scratchnet evaluate: loss and accuracy of a saved model on labelled CSV data. */
async function evaluateCommand(flags: DataFlags): Promise<void> {
  const { model, features } = await loadModelAndFeatures(flags.model);
  const csv = parseCsv(await readCsvFile(flags.data), { label: flags.label, source: flags.data });
  const X = modelInputs(model, features, csv.X, flags.data);
  // a regression's targets may happen to be whole numbers: the model, not the CSV, says which
  const targets = taskOf(model.describe()) === 'regression' ? csv.targets : (csv.labels ?? csv.targets);
  const result = model.evaluate(X, targets);
  if (flags.json) console.log(JSON.stringify(result));
  else
    console.log(
      `evaluation, acc: ${result.accuracy.toFixed(3)}, loss: ${result.dataLoss.toFixed(3)} (${csv.X.rows} rows)`,
    );
}

/** scratchnet predict: class probabilities for CSV rows, or the top-3 classes of a PNG image. */
async function predictCommand(flags: DataFlags): Promise<void> {
  if ((flags.image === undefined) === (flags.data === undefined)) {
    throw new ScratchnetError(
      'INVALID_OPTION',
      'predict needs --data FILE.csv or --image FILE.png (one of them)',
      'e.g. scratchnet predict --model runs/<run> --image shirt.png',
    );
  }
  const { model, features } = await loadModelAndFeatures(flags.model);
  if (flags.image !== undefined) {
    const { ranked, inverted, width, height } = await predictImage(model, flags.model, flags.image);
    console.log(`${flags.image}: ${width}x${height}${inverted ? ', light background: inverted' : ''}`);
    for (const [i, c] of ranked.entries())
      console.log(`${i + 1}. ${c.name.padEnd(12)} ${c.probability.toFixed(3)}`);
    return;
  }
  const text = await readCsvFile(flags.data);
  const X = inputColumns(model, features, text, flags);
  const predictions = model.predict(X);
  const csv = formatPredictions(predictions);
  if (flags.out === undefined) process.stdout.write(csv);
  else await writeFileAtomic(flags.out, csv);
}

function inputsOf(model: Model): number {
  const first = model.describe().layers.find((layer) => layer.kind === 'dense');
  return first?.kind === 'dense' ? first.nInputs : 0;
}

/** A saved model and the input features saved with it (null: plain inputs). */
async function loadModelAndFeatures(dir: string): Promise<{ model: Model; features: FeatureName[] | null }> {
  const model = await loadCheckedModel(dir);
  return { model, features: await loadModelFeatures(dir) };
}

/**
 * What the model takes, from the CSV's input columns: with saved features, the raw x1, x2 the
 * training data had, transformed as train transformed them; without, the columns as they are.
 */
function modelInputs(model: Model, features: FeatureName[] | null, X: Matrix, source: string): Matrix {
  if (features !== null) return featureInputs(X, features, source);
  const inputs = inputsOf(model);
  if (X.cols !== inputs) {
    throw new ScratchnetError(
      'SHAPE_MISMATCH',
      `${source} has ${X.cols} feature columns but the model takes ${inputs} inputs`,
      'use data with the same columns the model was trained on (and name the label column with --label)',
    );
  }
  return X;
}

/**
 * The model's inputs from the CSV: all of its columns, or all but the label when there are more
 * columns than inputs (columns counted before the saved features, if any, are applied).
 */
function inputColumns(model: Model, features: FeatureName[] | null, text: string, flags: DataFlags): Matrix {
  const columns = features === null ? inputsOf(model) : 2;
  const header = text.split(/\r?\n/, 1)[0]?.split(',') ?? [];
  if (flags.label === undefined && header.length <= columns) {
    // no room for a label column: parse with a dummy label appended so that every column is an input
    // (and too few of them are counted as they are)
    const withDummy = text
      .split(/\r?\n/)
      .map((line, i) => (line.trim() === '' ? line : `${line},${i === 0 ? '__none__' : '0'}`))
      .join('\n');
    return modelInputs(
      model,
      features,
      parseCsv(withDummy, { label: '__none__', source: flags.data }).X,
      flags.data,
    );
  }
  const csv = parseCsv(text, { label: flags.label, source: flags.data });
  return modelInputs(model, features, csv.X, flags.data);
}

function formatPredictions(p: Matrix): string {
  const classes = p.cols;
  const lines: string[] = [];
  if (classes === 1) {
    lines.push('prediction');
    for (let r = 0; r < p.rows; r++) lines.push(formatFloat32(p.data[r]));
  } else {
    lines.push([...Array.from({ length: classes }, (_, c) => `p${c}`), 'label'].join(','));
    for (let r = 0; r < p.rows; r++) {
      const row = Array.from(p.data.subarray(r * classes, (r + 1) * classes));
      const label = row.indexOf(Math.max(...row));
      lines.push([...row.map((v) => formatFloat32(Math.fround(v))), String(label)].join(','));
    }
  }
  return `${lines.join('\n')}\n`;
}
