import type { Command } from 'commander';
import { spiralData } from '../../data/spiral.ts';
import { gradientCheck } from '../../gradcheck/gradient-check.ts';
import { SoftmaxCategoricalCrossentropy } from '../../losses/softmax-crossentropy.ts';
import { buildNetwork } from '../../model/build-network.ts';
import { RandomState } from '../../tensor/random.ts';
import { networkSpec } from '../build-model.ts';
import { COMMAND_SUMMARIES } from '../command-summaries.ts';
import { parseNonNegativeInteger, parsePositive } from '../parse.ts';
import { requireCheckWork } from '../run-budget.ts';
import { addTrainOptions, type TrainConfig } from '../train-config.ts';

interface GradcheckFlags extends TrainConfig {
  steps: number;
  epsilon: number;
  tolerance: number;
}

const NETWORK_KEYS = [
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
  'samples',
  'classes',
  'seed',
] as const;

export function registerGradcheckCommand(program: Command): void {
  const command = program.command('gradcheck').description(COMMAND_SUMMARIES.gradcheck.description);
  // the chapter-14 network on 100 samples per class: a check needs a network, not a long run
  addTrainOptions(command, NETWORK_KEYS, { samples: 100, dropout: [0], lr: 0.02, decay: 5e-7 })
    .option(
      '--steps <n>',
      'training steps before the check, so biases leave zero (where L1 and ReLU have kinks)',
      parseNonNegativeInteger,
      20,
    )
    .option('--epsilon <e>', 'step of the central difference', parsePositive, 1e-5)
    .option('--tolerance <t>', 'largest relative error that passes', parsePositive, 1e-6)
    .action((flags: GradcheckFlags) => {
      // refused by its size before the data is drawn: the check's work grows with the network's square
      requireCheckWork({
        inputs: 2,
        hidden: flags.hidden,
        outputs: flags.classes,
        rows: flags.samples * flags.classes,
        validationRows: 0,
      });
      const rng = new RandomState(flags.seed);
      const data = spiralData(flags.samples, flags.classes, rng);
      const X = data.X.clone('float64');
      const spec = networkSpec(flags, 2, flags.classes, 'classification');
      const model = buildNetwork({ ...spec, dtype: 'float64' }, rng);
      if (flags.steps > 0) model.train(X, data.y, { epochs: flags.steps });
      // the Softmax layer is left to the fused softmax + cross-entropy: the backward training uses
      const result = gradientCheck({
        layers: model.layers.slice(0, -1),
        loss: new SoftmaxCategoricalCrossentropy(),
        inputs: X,
        targets: data.y,
        epsilon: flags.epsilon,
      });
      const width = Math.max(...result.comparisons.map((c) => c.name.length));
      console.log(
        `${'parameter'.padEnd(width)}  ${'size'.padStart(6)}  ${'at a kink'.padStart(9)}  relative error  max abs error  ok`,
      );
      let failed = 0;
      for (const c of result.comparisons) {
        const ok = c.relativeError < flags.tolerance;
        if (!ok) failed++;
        console.log(
          `${c.name.padEnd(width)}  ${String(c.size).padStart(6)}  ${String(c.skipped).padStart(9)}  ${c.relativeError.toExponential(2).padStart(14)}  ${c.maxAbsoluteError.toExponential(2).padStart(13)}  ${ok ? 'yes' : 'NO'}`,
        );
      }
      console.log(
        failed === 0
          ? `all ${result.comparisons.length} gradients agree (relative error < ${flags.tolerance}) after ${flags.steps} training steps`
          : `${failed} gradient(s) disagree with their numerical estimate`,
      );
      if (failed > 0) process.exitCode = 1;
    });
}
