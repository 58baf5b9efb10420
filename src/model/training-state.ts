import { describeValue, ScratchnetError } from '../errors/scratchnet-error.ts';
import type { Parameter } from '../layers/parameter.ts';
import type { Optimizer, OptimizerState } from '../optimizers/optimizer.ts';
import type { RandomState, RandomStateSnapshot } from '../tensor/random.ts';
import { History, type HistoryData } from './history.ts';

export const TRAINING_STATE_FORMAT = 'scratchnet-training-state';

/**
 * Everything besides the parameters that resuming training needs, as plain JSON-ready data: with
 * the description (layers and parameters) it makes a fresh model continue bit for bit as if it had
 * never stopped.
 */
export interface TrainingState {
  format: typeof TRAINING_STATE_FORMAT;
  version: 1;
  /** Epochs completed: the next train() call starts at epoch + 1. */
  epoch: number;
  /** The optimizer's step count, current learning rate and per-parameter moments, keyed by parameter name. */
  optimizer: OptimizerState;
  /** The model's generator (shuffling, and dropout when the layers share it), or null without one. */
  rng: RandomStateSnapshot | null;
  history: HistoryData;
}

/** Throws BAD_STATE unless `state` has the shape of a TrainingState (the parts are checked where restored). */
export function requireTrainingState(state: unknown): TrainingState {
  const s = state as Partial<TrainingState> | null;
  const problem =
    typeof state !== 'object' || s === null
      ? `got ${describeValue(state)}`
      : s.format !== TRAINING_STATE_FORMAT || s.version !== 1
        ? `format ${describeValue(s.format)} version ${describeValue(s.version)}, expected ${TRAINING_STATE_FORMAT} version 1`
        : !Number.isInteger(s.epoch) || (s.epoch as number) < 0
          ? `epoch ${describeValue(s.epoch)} is not a whole number >= 0`
          : typeof s.optimizer !== 'object' || s.optimizer === null
            ? 'it has no optimizer state'
            : s.rng === undefined
              ? 'it has no rng entry (null when the model has no generator)'
              : null;
  if (problem !== null) {
    throw new ScratchnetError(
      'BAD_STATE',
      `not a training state: ${problem}`,
      'pass what model.trainingState() returned (JSON round trips are fine)',
    );
  }
  return state as TrainingState;
}

/** Throws BAD_STATE when the optimizer state names parameters this model does not have. */
export function requireKnownSlots(state: TrainingState, parameterNames: readonly string[]): void {
  const slots = state.optimizer.slots;
  const unknown = Object.keys(typeof slots === 'object' && slots !== null ? slots : {}).filter(
    (name) => !parameterNames.includes(name),
  );
  if (unknown.length > 0) {
    throw new ScratchnetError(
      'BAD_STATE',
      `the training state has optimizer state for ${unknown.join(', ')}, which this model does not have`,
      `its parameters are ${parameterNames.join(', ')}: restore a state taken from the same network`,
    );
  }
}

/**
 * Checks a training state against the model's parameters and generator, then puts the optimizer's
 * and the generator's state back; returns the epoch count and history for the model to keep.
 */
export function applyTrainingState(
  state: unknown,
  parameters: readonly Parameter[],
  optimizer: Optimizer,
  rng: RandomState | null,
): { epoch: number; history: History } {
  const checked = requireTrainingState(state);
  if (checked.rng !== null && rng === null) {
    throw new ScratchnetError(
      'BAD_STATE',
      'the training state has a generator state but this model has no generator',
      'build the model with new Model({ rng }) or Model.fromDescription(description, rng)',
    );
  }
  requireKnownSlots(
    checked,
    parameters.map((p) => p.name),
  );
  const history = History.fromJSON(checked.history);
  optimizer.setState(parameters, checked.optimizer);
  if (checked.rng !== null) rng?.setState(checked.rng);
  return { epoch: checked.epoch, history };
}
