import { buildNetwork, type NetworkSpec } from '../model/build-network.ts';
import type { Model } from '../model/model.ts';
import type { RandomState } from '../tensor/random.ts';
import type { TrainConfig } from './train-config.ts';
import type { Task } from './train-data.ts';

/** The flags of `scratchnet train` (and gradcheck, sweep) that describe the network. */
export type NetworkFlags = Pick<
  TrainConfig,
  | 'hidden'
  | 'activation'
  | 'l1w'
  | 'l2w'
  | 'l1b'
  | 'l2b'
  | 'dropout'
  | 'optimizer'
  | 'lr'
  | 'decay'
  | 'momentum'
>;

/** The network the flags describe, for data of `inputs` columns and `outputs` classes or targets. */
export function networkSpec(flags: NetworkFlags, inputs: number, outputs: number, task: Task): NetworkSpec {
  return {
    inputs,
    hidden: flags.hidden,
    outputs,
    task,
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

/** The finalized model of a training configuration; its Dense layers draw their weights from `rng`. */
export function buildModel(
  config: NetworkFlags,
  inputs: number,
  outputs: number,
  task: Task,
  rng: RandomState,
): Model {
  return buildNetwork(networkSpec(config, inputs, outputs, task), rng);
}
