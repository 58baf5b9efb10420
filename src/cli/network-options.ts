import { type Command, Option } from 'commander';
import {
  CHAPTER_14_SPEC,
  type ClassifierSpec,
  type HiddenActivation,
  type OptimizerName,
} from '../network/network-spec.ts';
import {
  listOf,
  parseNonNegative,
  parsePositive,
  parsePositiveInteger,
  parseRate,
  parseSeed,
} from './parse.ts';

/** The flags that configure the book's classifier, shared by `train` and `gradcheck`. */
export interface NetworkFlags {
  hidden: number[];
  activation: HiddenActivation;
  l1w: number[];
  l2w: number[];
  l1b: number[];
  l2b: number[];
  dropout: number[];
  optimizer: OptimizerName;
  lr: number;
  decay: number;
  momentum: number;
  samples: number;
  classes: number;
  seed: number;
}

const d = CHAPTER_14_SPEC;
const regularizerHelp =
  'one value: every hidden layer (as the book); a list: one per Dense layer, output last';

/** A comma-separated list flag whose help shows its default as the user would type it. */
function listOption(
  flags: string,
  description: string,
  item: (text: string) => number,
  defaults: readonly number[],
): Option {
  return new Option(flags, description).argParser(listOf(item)).default([...defaults], defaults.join(','));
}

export function addNetworkOptions(command: Command): Command {
  return command
    .addOption(
      listOption('--hidden <sizes>', 'hidden layer sizes, comma-separated', parsePositiveInteger, d.hidden),
    )
    .addOption(
      new Option('--activation <name>', 'hidden activation')
        .choices(['relu', 'sigmoid'])
        .default(d.activation),
    )
    .addOption(listOption('--l1w <lambdas>', `L1 on weights; ${regularizerHelp}`, parseNonNegative, d.l1w))
    .addOption(listOption('--l2w <lambdas>', `L2 on weights; ${regularizerHelp}`, parseNonNegative, d.l2w))
    .addOption(listOption('--l1b <lambdas>', `L1 on biases; ${regularizerHelp}`, parseNonNegative, d.l1b))
    .addOption(listOption('--l2b <lambdas>', `L2 on biases; ${regularizerHelp}`, parseNonNegative, d.l2b))
    .addOption(
      listOption(
        '--dropout <rates>',
        'dropout rate after each hidden layer (fraction dropped, in [0, 1))',
        parseRate,
        d.dropout,
      ),
    )
    .addOption(
      new Option('--optimizer <name>', 'optimizer')
        .choices(['sgd', 'adagrad', 'rmsprop', 'adam'])
        .default(d.optimizer),
    )
    .option('--lr <rate>', 'learning rate', parsePositive, d.learningRate)
    .option('--decay <d>', 'learning-rate decay: lr / (1 + decay * step)', parseNonNegative, d.decay)
    .option('--momentum <m>', 'SGD momentum', parseNonNegative, d.momentum)
    .option('--samples <n>', 'spiral samples per class', parsePositiveInteger, 100)
    .option('--classes <n>', 'spiral classes', parsePositiveInteger, d.classes)
    .option('--seed <n>', "generator seed (0 = the book's nnfs.init())", parseSeed, 0);
}

export function specFromFlags(flags: NetworkFlags): ClassifierSpec {
  return {
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
  };
}
