import type { Command } from 'commander';
import { spiralData } from '../../data/spiral.ts';
import { gradientCheck } from '../../gradcheck/gradient-check.ts';
import { buildClassifier } from '../../network/network-spec.ts';
import { trainClassifier } from '../../network/train-classifier.ts';
import { RandomState } from '../../tensor/random.ts';
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
  const command = program
    .command('gradcheck')
    .description(
      'check every gradient of a network (configured with the same flags as train) against central differences, in float64',
    );
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
      const spec = {
        inputs: 2,
        hidden: flags.hidden,
        classes: flags.classes,
        activation: flags.activation,
        l1w: flags.l1w,
        l2w: flags.l2w,
        l1b: flags.l1b,
        l2b: flags.l2b,
        dropout: flags.dropout,
        optimizer: flags.optimizer,
        learningRate: flags.lr,
        decay: flags.decay,
        momentum: flags.momentum,
        dtype: 'float64' as const,
      };
      const net = buildClassifier(spec, rng);
      if (flags.steps > 0) trainClassifier(net, X, data.y, { epochs: flags.steps - 1 });
      const result = gradientCheck({
        layers: net.layers,
        loss: net.head,
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
