import { describeValue, ScratchnetError } from '../errors/scratchnet-error.ts';
import { rejectUnknownOptions } from '../errors/validate.ts';
import { addLosses } from '../losses/add-losses.ts';
import { Loss } from '../losses/loss.ts';
import type { Accuracy } from '../metrics/accuracy.ts';
import { Optimizer } from '../optimizers/optimizer.ts';
import type { Matrix } from '../tensor/matrix.ts';
import type { LayerStack } from './layer-stack.ts';
import type { LossHead } from './loss-head.ts';
import type { ModelTargets } from './model-targets.ts';
import type { StepMetrics } from './step-metrics.ts';

/** What set() takes. Each is optional here; train() needs all three, evaluate() loss and accuracy. */
export interface ModelSettings {
  loss?: Loss<ModelTargets>;
  optimizer?: Optimizer;
  accuracy?: Accuracy<ModelTargets>;
}

const SETTING_NAMES = ['loss', 'optimizer', 'accuracy'] as const;

/** Checks what set() was given: known names, and each a loss, an optimizer, an accuracy (INVALID_OPTION). */
export function requireSettings(settings: ModelSettings): ModelSettings {
  rejectUnknownOptions('set', settings, SETTING_NAMES);
  const { loss, optimizer, accuracy } = settings;
  const wrong =
    loss !== undefined && !(loss instanceof Loss)
      ? ['loss', loss, 'a Loss such as new CategoricalCrossentropy()']
      : optimizer !== undefined && !(optimizer instanceof Optimizer)
        ? ['optimizer', optimizer, 'an Optimizer such as new Adam()']
        : accuracy !== undefined && typeof accuracy?.calculate !== 'function'
          ? ['accuracy', accuracy, 'an Accuracy such as new CategoricalAccuracy()']
          : null;
  if (wrong !== null) {
    throw new ScratchnetError(
      'INVALID_OPTION',
      `set(): ${wrong[0]} must be ${wrong[2]}, got ${describeValue(wrong[1])}`,
      'pass instances of scratchnet’s classes (or subclasses of Loss and Optimizer)',
    );
  }
  return settings;
}

/** What the model trains for: set() gives the first three, finalize() picks the head. */
export interface Objective {
  loss: Loss<ModelTargets>;
  optimizer: Optimizer;
  accuracy: Accuracy<ModelTargets>;
  head: LossHead;
}

/**
 * One training step in the book's order (chapters 18-19): forward in training mode, data loss,
 * regularization loss, accuracy, backward, then the optimizer's pre-update, an update of every
 * trainable layer in forward order, post-update. Writes the step's numbers into `out`. Returns false,
 * having updated nothing, when the loss is not finite.
 */
export function trainStep(
  stack: LayerStack,
  objective: Objective,
  batch: { readonly x: Matrix; readonly targets: ModelTargets },
  out: StepMetrics,
): boolean {
  const { x, targets: y } = batch;
  const output = stack.forward(x, true);
  out.dataLoss = objective.loss.calculate(output, y);
  const regularization = stack.regularizationLoss();
  out.regularizationLoss = regularization.total;
  out.loss = addLosses(
    out.dataLoss,
    regularization.total,
    objective.loss.lastSampleLosses.float32 && regularization.float32,
  );
  out.accuracy = objective.accuracy.calculate(output, y);
  if (!Number.isFinite(out.dataLoss + out.regularizationLoss)) return false;
  stack.backward(objective.head.backward(output, y), objective.head.backwardFrom);
  const optimizer = objective.optimizer;
  optimizer.preUpdateParams();
  for (const layer of stack.trainable) optimizer.updateParams(layer);
  optimizer.postUpdateParams();
  return true;
}

/** BAD_STATE naming which of the `needed` settings a call to `what()` found missing. */
export function missingSettings(
  settings: ModelSettings,
  what: string,
  needed: readonly (keyof ModelSettings)[],
): ScratchnetError {
  const missing = needed.filter((name) => settings[name] === undefined);
  return new ScratchnetError(
    'BAD_STATE',
    `${what}() needs the model's ${missing.join(', ')}`,
    'call model.set({ loss, optimizer, accuracy }), then model.finalize()',
  );
}
