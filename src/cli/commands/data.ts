import { Argument, type Command } from 'commander';
import { CLASS_DATASETS, isClassDatasetName } from '../../data/class-datasets.ts';
import { formatFloat32 } from '../../data/format-float32.ts';
import { isRegressionDatasetName, REGRESSION_DATASETS } from '../../data/regression-datasets.ts';
import { ScratchnetError } from '../../errors/scratchnet-error.ts';
import { writeFileAtomic } from '../../io/atomic-write.ts';
import { RandomState } from '../../tensor/random.ts';
import { COMMAND_SUMMARIES } from '../command-summaries.ts';
import { parseNoise, parsePositiveInteger, parseSeed } from '../parse.ts';
import { NOISE_HELP } from '../train-config.ts';

interface DataOptions {
  samples: number;
  classes: number;
  seed: number;
  noise?: number;
  out?: string;
}

export function registerDataCommand(program: Command): void {
  program
    .command('data')
    .description(COMMAND_SUMMARIES.data.description)
    .addArgument(
      new Argument('<kind>', 'which data set').choices([
        ...Object.keys(CLASS_DATASETS),
        ...Object.keys(REGRESSION_DATASETS),
      ]),
    )
    .option(
      '--samples <n>',
      'samples per class (sine, plane, multi-gaussian: in total)',
      parsePositiveInteger,
      100,
    )
    .option('--classes <n>', 'number of classes (classification sets)', parsePositiveInteger, 3)
    .option('--seed <n>', "generator seed (0 = the book's nnfs.init())", parseSeed, 0)
    .option('--noise <n>', NOISE_HELP, parseNoise)
    .option('--out <file>', 'write to this file (atomically) instead of stdout')
    .action(async (kind: string, options: DataOptions, command: Command) => {
      if (isRegressionDatasetName(kind) && command.getOptionValueSource('classes') === 'cli') {
        throw new ScratchnetError(
          'INVALID_OPTION',
          `--classes ${options.classes} does not fit ${kind}, a regression with one target`,
          '--classes sets the classes of spiral, vertical, circle, xor and gaussian; drop it here',
        );
      }
      requireRowCount(isRegressionDatasetName(kind) ? options.samples : options.samples * options.classes);
      const csv = makeCsv(kind, options);
      if (options.out === undefined) process.stdout.write(csv);
      else await writeFileAtomic(options.out, csv);
    });
}

/**
 * The most rows written: the CSV is made as one string, and 10 million lines of up to 40 characters
 * stay below the longest string JavaScript holds (about 512 million characters).
 */
const MAX_ROWS = 10_000_000;

function requireRowCount(rows: number): void {
  if (rows <= MAX_ROWS) return;
  throw new ScratchnetError(
    'INVALID_OPTION',
    `${rows.toLocaleString('en-US')} rows asked for; scratchnet data writes at most ${MAX_ROWS.toLocaleString('en-US')}`,
    'ask for fewer --samples (per class) or --classes; the book uses 100 to 1,000 samples per class',
  );
}

function makeCsv(kind: string, options: DataOptions): string {
  const rng = new RandomState(options.seed);
  const noise = options.noise === undefined ? {} : { noise: options.noise };
  if (isRegressionDatasetName(kind)) {
    const { X, y } = REGRESSION_DATASETS[kind](options.samples, rng, noise);
    const lines = [X.cols === 1 ? 'x,y' : 'x0,x1,y'];
    for (let i = 0; i < X.rows; i++) {
      const row = Array.from(X.data.subarray(i * X.cols, (i + 1) * X.cols), formatFloat32);
      lines.push(`${row.join(',')},${formatFloat32(y.data[i])}`);
    }
    return `${lines.join('\n')}\n`;
  }
  if (!isClassDatasetName(kind)) throw new RangeError(`no data set ${kind}`); // commander checked the choice
  const { X, y } = CLASS_DATASETS[kind](options.samples, options.classes, rng, noise);
  const lines = ['x0,x1,label'];
  for (let i = 0; i < X.rows; i++)
    lines.push(`${formatFloat32(X.data[2 * i])},${formatFloat32(X.data[2 * i + 1])},${y[i]}`);
  return `${lines.join('\n')}\n`;
}
