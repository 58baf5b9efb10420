import { describeValue, ScratchnetError } from '../errors/scratchnet-error.ts';
import { rejectUnknownOptions } from '../errors/validate.ts';
import type { Layer } from '../layers/layer.ts';
import type { Loss } from '../losses/loss.ts';
import { type Accuracy, RegressionAccuracy } from '../metrics/accuracy.ts';
import { defaultGenerator } from '../tensor/default-generator.ts';
import { Matrix } from '../tensor/matrix.ts';
import type { RandomState } from '../tensor/random.ts';
import { requireFinite } from '../tensor/shape-checks.ts';
import { Batches } from './batches.ts';
import { buildLayers } from './build-layers.ts';
import { buildAccuracy, buildLoss, buildOptimizer, describeModel } from './describe-model.ts';
import { History } from './history.ts';
import { type Evaluation, evaluateBatches, predictBatches } from './inference.ts';
import { LayerStack } from './layer-stack.ts';
import { chooseLossHead } from './loss-head.ts';
import { type InputData, type TargetData, toMatrix, toTargets } from './model-data.ts';
import type { ModelDescription } from './model-description.ts';
import { type ModelParameters, readParameters, writeParameters } from './model-parameters.ts';
import { type ModelTargets, requireData } from './model-targets.ts';
import { type ModelSettings, missingSettings, type Objective, requireSettings } from './objective.ts';
import { splitLast } from './split.ts';
import { summarize } from './summary.ts';
import {
  type BatchOptions,
  resolveBatchOptions,
  resolveTrainOptions,
  type TrainOptions,
} from './train-options.ts';
import { runTraining, runTrainingAsync, type TrainingProgress, type TrainingRun } from './training-run.ts';
import { applyTrainingState, TRAINING_STATE_FORMAT, type TrainingState } from './training-state.ts';

export interface ModelOptions {
  /**
   * The generator that shuffling draws from, and whose state trainingState() saves. Give it the one
   * the Dropout layers draw their masks from, so that resuming reproduces those too. @default none
   */
  rng?: RandomState;
  /** Milliseconds, for EpochLogs.epochTime. @default performance.now() */
  clock?: () => number;
}

/**
 * The book's Model (chapters 18-19), Keras-familiar: add layers, set the loss, optimizer and accuracy,
 * finalize, then train, evaluate, predict. The model never prints: pass callbacks (ConsoleReporter).
 *
 * ```ts
 * const model = new Model({ rng });
 * model.add(new Dense(2, 64, { rng, weightRegularizerL2: 5e-4, biasRegularizerL2: 5e-4 }));
 * model.add(new ReLU());
 * model.add(new Dropout(0.1, { rng }));
 * model.add(new Dense(64, 3, { rng }));
 * model.add(new Softmax());
 * model.set({ loss: new CategoricalCrossentropy(), optimizer: new Adam({ learningRate: 0.05, decay: 5e-5 }),
 *             accuracy: new CategoricalAccuracy() });
 * model.finalize();
 * model.train(X, y, { epochs: 10000, printEvery: 100, callbacks: [new ConsoleReporter()] });
 * ```
 */
export class Model {
  private readonly added: Layer[] = [];
  private readonly rng: RandomState | null;
  private readonly clock: () => number;
  private settings: ModelSettings = {};
  private stack: LayerStack | null = null;
  private objective: Objective | null = null;
  private readonly progress: TrainingProgress = { epoch: 0, history: new History() };

  constructor(options: ModelOptions = {}) {
    rejectUnknownOptions('Model', options, ['rng', 'clock']);
    this.rng = options.rng ?? null;
    this.clock = options.clock ?? (() => performance.now());
  }

  /** The layers in forward order. */
  get layers(): readonly Layer[] {
    return this.added;
  }

  /** Epochs trained so far (across train() calls and restored states). */
  get epoch(): number {
    return this.progress.epoch;
  }

  /** Every epoch trained so far, restored ones included; train() returns only its own. */
  get history(): History {
    return this.progress.history;
  }

  /** Appends a layer; call finalize() again afterwards. */
  add(layer: Layer): this {
    if (typeof layer !== 'object' || layer === null || typeof layer.forward !== 'function') {
      throw new ScratchnetError('INVALID_OPTION', `add() takes a layer, got ${describeValue(layer)}`);
    }
    this.added.push(layer);
    this.stack = null;
    return this;
  }

  /** Sets the loss, optimizer and accuracy (the book's model.set); call finalize() afterwards. */
  set(settings: ModelSettings): this {
    this.settings = { ...this.settings, ...requireSettings(settings) };
    this.stack = null;
    return this;
  }

  /**
   * Names the layers (dense1, relu1, dropout1, dense2, softmax1, …), checks that each Dense layer takes
   * as many inputs as the previous one gives, and picks the fused softmax + cross-entropy backward
   * when the last layer is Softmax and the loss is categorical cross-entropy.
   */
  finalize(): this {
    const stack = new LayerStack(this.added);
    const { loss, optimizer, accuracy } = this.settings;
    this.objective =
      loss && optimizer && accuracy
        ? { loss, optimizer, accuracy, head: chooseLossHead(stack.layers, loss) }
        : null;
    this.stack = stack;
    return this;
  }

  /**
   * Trains for `options.epochs` more epochs (see TrainOptions) and returns their History. Each step
   * is the book's: forward (training), data + regularization loss, accuracy, backward, optimizer
   * update; full batch, an epoch's logs are its step's numbers and learningRate the rate its update
   * used. Throws DIVERGED, after callbacks' onTrainEnd and with the last good parameters restored,
   * when the loss stops being finite.
   */
  train(inputs: InputData, targets: TargetData, options?: TrainOptions): History {
    return runTraining(this.trainingRun('train', inputs, targets, options));
  }

  /**
   * train(), giving the event loop a turn about every 50 ms (between two steps), so that Ctrl-C,
   * timers and UI events are handled during a long epoch; stop it with `options.signal`. Same steps,
   * same numbers.
   */
  trainAsync(inputs: InputData, targets: TargetData, options?: TrainOptions): Promise<History> {
    return runTrainingAsync(this.trainingRun('trainAsync', inputs, targets, options), 50);
  }

  private trainingRun(
    what: string,
    inputs: InputData,
    targets: TargetData,
    options?: TrainOptions,
  ): TrainingRun {
    const o = resolveTrainOptions(options);
    const { stack, objective } = this.requireObjective(what);
    const X = toMatrix('training data X', inputs);
    const y = toTargets('training data', targets);
    const context = { loss: objective.loss, output: stack.output };
    this.requireInputs('training data', X, y, context);
    let train = { X, y };
    const given = o.validationData;
    let validation =
      given === null
        ? null
        : { X: toMatrix('validation data X', given[0]), y: toTargets('validation data', given[1]) };
    if (o.validationSplit !== null) ({ train, validation } = splitLast(X, y, o.validationSplit));
    if (validation !== null) this.requireInputs('validation data', validation.X, validation.y, context);
    const accuracy = objective.accuracy;
    if (accuracy instanceof RegressionAccuracy && train.y instanceof Matrix) accuracy.init(train.y);
    return {
      stack,
      objective,
      options: o,
      train: new Batches(train.X, train.y, o.batchSize, o.shuffle ? (this.rng ?? defaultGenerator()) : null),
      validation: validation && new Batches(validation.X, validation.y, o.batchSize, null),
      clock: this.clock,
      progress: this.progress,
    };
  }

  /** Loss and accuracy on these data, dropout off (the book's model.evaluate). */
  evaluate(inputs: InputData, targets: TargetData, options?: BatchOptions): Evaluation {
    const batchSize = resolveBatchOptions('evaluate', options);
    const { stack, loss, accuracy } = this.requireScoring('evaluate');
    const X = toMatrix('evaluation data X', inputs);
    const y = toTargets('evaluation data', targets);
    this.requireInputs('evaluation data', X, y, { loss, output: stack.output });
    return evaluateBatches(stack, loss, accuracy, new Batches(X, y, batchSize, null));
  }

  /** The network's outputs (probabilities after a Softmax), dropout off, in a new Matrix. */
  predict(inputs: InputData, options?: BatchOptions): Matrix {
    const batchSize = resolveBatchOptions('predict', options);
    const stack = this.requireFinalized('predict');
    const X = toMatrix('prediction data X', inputs);
    stack.requireInputColumns('prediction data', X);
    requireFinite('prediction data X', X);
    return predictBatches(stack, new Batches(X, null, batchSize, null));
  }

  /** Copies of every parameter, keyed by name (`dense1.weights`), as plain data. */
  getParameters(): ModelParameters {
    return readParameters(this.requireFinalized('getParameters').parameters);
  }

  /** Writes parameters taken by getParameters() (all checked before any is written). */
  setParameters(values: ModelParameters): void {
    writeParameters(this.requireFinalized('setParameters').parameters, values);
  }

  /** A Keras-like table: layer, kind, output shape, parameter count, regularizers, dropout rate; totals. */
  summary(): string {
    return summarize(this.requireFinalized('summary'), { ...this.settings, ...this.objective });
  }

  /** The model as plain data (layers with their values, loss, optimizer, accuracy): what saveModel writes. */
  describe(): ModelDescription {
    return describeModel(this.requireFinalized('describe').layers, this.settings);
  }

  /**
   * Builds a finalized model from a description. `rng` becomes the model's generator and the Dropout
   * layers' (it is not drawn from while building).
   */
  static fromDescription(description: ModelDescription, rng: RandomState): Model {
    if (typeof description !== 'object' || description === null) {
      throw new ScratchnetError('BAD_STATE', `not a model description: ${describeValue(description)}`);
    }
    const model = new Model({ rng });
    for (const layer of buildLayers(description.layers, rng)) model.add(layer);
    model.set({
      loss: description.loss === null ? undefined : buildLoss(description.loss),
      optimizer: description.optimizer === null ? undefined : buildOptimizer(description.optimizer),
      accuracy: description.accuracy === null ? undefined : buildAccuracy(description.accuracy),
    });
    return model.finalize();
  }

  /** What resuming needs besides the parameters: optimizer state, generator state, epoch count, history. */
  trainingState(): TrainingState {
    const { stack, objective } = this.requireObjective('trainingState');
    return {
      format: TRAINING_STATE_FORMAT,
      version: 1,
      epoch: this.progress.epoch,
      optimizer: objective.optimizer.getState(stack.parameters),
      rng: this.rng?.getState() ?? null,
      history: this.progress.history.toJSON(),
    };
  }

  /** Restores a state taken by trainingState() (on this model, or one built from its description). */
  restoreTrainingState(state: TrainingState): void {
    const { stack, objective } = this.requireObjective('restoreTrainingState');
    const restored = applyTrainingState(state, stack.parameters, objective.optimizer, this.rng);
    this.progress.epoch = restored.epoch;
    this.progress.history = restored.history;
  }

  private requireFinalized(what: string): LayerStack {
    if (this.stack === null) {
      throw new ScratchnetError(
        'BAD_STATE',
        `${what}() needs a finalized model`,
        'call model.finalize() after the last add() and set()',
      );
    }
    return this.stack;
  }

  /** The finalized layers and every setting; BAD_STATE naming what is missing. */
  private requireObjective(what: string): { stack: LayerStack; objective: Objective } {
    const stack = this.requireFinalized(what);
    const { loss, optimizer, accuracy } = this.settings;
    if (this.objective === null || loss === undefined || optimizer === undefined || accuracy === undefined) {
      throw missingSettings(this.settings, what, ['loss', 'optimizer', 'accuracy']);
    }
    return { stack, objective: this.objective };
  }

  /** What scoring needs: the finalized layers, the loss and the accuracy (no optimizer). */
  private requireScoring(what: string): {
    stack: LayerStack;
    loss: Loss<ModelTargets>;
    accuracy: Accuracy<ModelTargets>;
  } {
    const stack = this.requireFinalized(what);
    const { loss, accuracy } = this.settings;
    if (loss === undefined || accuracy === undefined)
      throw missingSettings(this.settings, what, ['loss', 'accuracy']);
    return { stack, loss, accuracy };
  }

  private requireInputs(
    what: string,
    X: Matrix,
    y: ModelTargets,
    context: Parameters<typeof requireData>[3],
  ): void {
    requireData(what, X, y, context);
    this.stack?.requireInputColumns(what, X);
  }
}
