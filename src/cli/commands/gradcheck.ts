import type { Command } from 'commander';
import { gradientCheck } from '../../gradcheck/gradient-check.ts';
import { MeanSquaredError } from '../../losses/mean-squared-error.ts';
import { SoftmaxCategoricalCrossentropy } from '../../losses/softmax-crossentropy.ts';
import { isMatrix } from '../../losses/targets.ts';
import { buildNetwork } from '../../model/build-network.ts';
import { RandomState } from '../../tensor/random.ts';
import { networkSpec } from '../build-model.ts';
import { COMMAND_SUMMARIES } from '../command-summaries.ts';
import { parseNonNegativeInteger, parsePositive } from '../parse.ts';
import { requireCheckWork } from '../run-budget.ts';
import { plural } from '../run-summary.ts';
import { addTrainOptions, TRAIN_DEFAULTS, type TrainConfig } from '../train-config.ts';
import { loadTrainingData } from '../train-data.ts';

interface GradcheckFlags extends TrainConfig {
  steps: number;
  epsilon: number;
  tolerance: number;
  atol: number;
}

/** The train flags gradcheck takes: the data and the network (not the run's length or output). */
const KEYS = [
  'dataset',
  'samples',
  'classes',
  'noise',
  'label',
  'hidden',
  'activation',
  'l1w',
  'l2w',
  'l1b',
  'l2b',
  'dropout',
  'optimizer',
  'lr',
  'decay',
  'momentum',
  'seed',
] as const;

export function registerGradcheckCommand(program: Command): void {
  const command = program.command('gradcheck').description(COMMAND_SUMMARIES.gradcheck.description);
  // the chapter-14 network on 100 samples per class: a check needs a network, not a long run
  addTrainOptions(command, KEYS, { samples: 100, dropout: [0], lr: 0.02, decay: 5e-7 })
    .option(
      '--steps <n>',
      'training steps before the check, so biases leave zero (where L1 and ReLU have kinks)',
      parseNonNegativeInteger,
      20,
    )
    .option('--epsilon <e>', 'step of the central difference', parsePositive, 1e-5)
    .option(
      '--tolerance <t>',
      'relative tolerance: an element passes when |analytic − numerical| <= atol + t·max(|analytic|, |numerical|)',
      parsePositive,
      1e-6,
    )
    .option(
      '--atol <a>',
      'absolute floor of that test: float64 central differences are themselves off by about 1e-10',
      parsePositive,
      1e-8,
    )
    .action(async (flags: GradcheckFlags) => {
      await gradcheck(flags);
    });
}

async function gradcheck(flags: GradcheckFlags): Promise<void> {
  // refused by its size before the data is drawn: the check's work grows with the network's square
  // (the spiral's 2 inputs; a CSV's columns are checked against the same bound once it is read)
  requireCheckWork({
    inputs: 2,
    hidden: flags.hidden,
    outputs: flags.classes,
    rows: flags.samples * flags.classes,
    validationRows: 0,
  });
  const rng = new RandomState(flags.seed);
  const config: TrainConfig = { ...TRAIN_DEFAULTS, ...flags, validationSplit: null };
  const data = await loadTrainingData(config, rng);
  const X = data.X.clone('float64');
  const y = isMatrix(data.y) ? data.y.clone('float64') : data.y;
  const spec = networkSpec(flags, X.cols, data.outputs, data.task);
  const model = buildNetwork({ ...spec, dtype: 'float64' }, rng);
  if (flags.steps > 0) model.train(X, y, { epochs: flags.steps });
  // classification leaves the Softmax layer to the fused softmax + cross-entropy: the backward training uses
  const classification = data.task === 'classification';
  const result = gradientCheck({
    layers: classification ? model.layers.slice(0, -1) : model.layers,
    loss: classification ? new SoftmaxCategoricalCrossentropy() : new MeanSquaredError(),
    inputs: X,
    targets: y,
    epsilon: flags.epsilon,
    relativeTolerance: flags.tolerance,
    absoluteTolerance: flags.atol,
  });
  const width = Math.max(...result.comparisons.map((c) => c.name.length));
  console.log(
    `${'parameter'.padEnd(width)}  ${'size'.padStart(6)}  ${'at a kink'.padStart(9)}  relative error  max abs error  disagree  ok`,
  );
  const failed = result.comparisons.filter((c) => c.disagreeing > 0).length;
  for (const c of result.comparisons) {
    console.log(
      `${c.name.padEnd(width)}  ${String(c.size).padStart(6)}  ${String(c.skipped).padStart(9)}  ${c.relativeError.toExponential(2).padStart(14)}  ${c.maxAbsoluteError.toExponential(2).padStart(13)}  ${String(c.disagreeing).padStart(8)}  ${c.disagreeing === 0 ? 'yes' : 'NO'}`,
    );
  }
  const test = `|analytic − numerical| <= ${flags.atol.toExponential()} + ${flags.tolerance.toExponential()}·max(|analytic|, |numerical|)`;
  const steps = plural(flags.steps, 'training step');
  console.log(
    failed === 0
      ? `all ${result.comparisons.length} gradients agree (every element: ${test}) after ${steps}`
      : `${failed} of ${plural(result.comparisons.length, 'gradient')} disagree with their numerical estimate (${test})`,
  );
  if (failed > 0) process.exitCode = 1;
}
