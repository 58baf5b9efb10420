import { ScratchnetError } from '../errors/scratchnet-error.ts';
import { rejectUnknownOptions } from '../errors/validate.ts';
import { isMatrix } from '../losses/targets.ts';
import { predictedClasses } from '../metrics/confusion-matrix.ts';
import { defaultGenerator } from '../tensor/default-generator.ts';
import type { RandomState } from '../tensor/random.ts';
import { buildNetwork, type HiddenActivation, type OptimizerName } from './build-network.ts';
import type { History } from './history.ts';
import type { Evaluation } from './inference.ts';
import type { Model } from './model.ts';
import { type InputData, type TargetData, toMatrix, toTargets } from './model-data.ts';
import type { TrainOptions } from './train-options.ts';

/** A classifier in one line: the book's network shape, built on the first fit from the data's shape. */
export interface ClassifierOptions {
  /** Neurons of each hidden layer. @default [64] */
  hidden?: readonly number[];
  /** λ of the L2 penalty on the hidden layers' weights and biases (the book's 5e-4 on both). @default 0 */
  l2?: number;
  /** λ of the L1 penalty on the hidden layers' weights and biases. @default 0 */
  l1?: number;
  /** Dropout rate after each hidden layer (0: none). @default 0 */
  dropout?: number | readonly number[];
  /** @default 'relu' */
  activation?: HiddenActivation;
  /** @default 'adam' */
  optimizer?: OptimizerName;
  /** @default 0.05 (the book's chapter-15 Adam) */
  learningRate?: number;
  /** @default 5e-5 (the book's chapter-15 Adam) */
  decay?: number;
  /** Epochs of each fit unless its options say otherwise. @default 1000 */
  epochs?: number;
  /** Number of classes; taken from the largest label (or the one-hot width) when not given. */
  classes?: number;
  /** @default the default generator (see `seed`) */
  rng?: RandomState;
}

type ResolvedOptions = Required<Omit<ClassifierOptions, 'classes' | 'rng'>> &
  Pick<ClassifierOptions, 'classes' | 'rng'>;

const CLASSIFIER_DEFAULTS: Required<Omit<ClassifierOptions, 'classes' | 'rng'>> = {
  hidden: [64],
  l2: 0,
  l1: 0,
  dropout: 0,
  activation: 'relu',
  optimizer: 'adam',
  learningRate: 0.05,
  decay: 5e-5,
  epochs: 1000,
};

const CLASSIFIER_NAMES = [...Object.keys(CLASSIFIER_DEFAULTS), 'classes', 'rng'];

function classCount(targets: ReturnType<typeof toTargets>): number {
  if (isMatrix(targets)) return targets.cols;
  let largest = 0;
  for (let i = 0; i < targets.length; i++) largest = Math.max(largest, targets[i]);
  return largest + 1;
}

/**
 * Keras-style fit / predict on top of Model and buildNetwork (the same training loop): `fit` builds
 * the network on its first call, from the columns of X and the number of classes, then trains it.
 */
export class Classifier {
  private readonly options: ResolvedOptions;
  private built: Model | null = null;

  constructor(options: ClassifierOptions = {}) {
    rejectUnknownOptions('classifier', options, CLASSIFIER_NAMES);
    this.options = { ...CLASSIFIER_DEFAULTS, ...options };
  }

  /** The underlying Model (after the first fit): summary(), getParameters(), saveModel(...). */
  get model(): Model {
    if (this.built === null) {
      throw new ScratchnetError(
        'BAD_STATE',
        'the classifier has no model before its first fit',
        'call fit(X, y) first',
      );
    }
    return this.built;
  }

  /** Trains on X (rows of features) and y (class labels or one-hot rows); returns this fit's History. */
  fit(inputs: InputData, labels: TargetData, options: TrainOptions = {}): History {
    const X = toMatrix('training data X', inputs);
    const y = toTargets('training data', labels);
    if (this.built === null) {
      const o = this.options;
      const spec = {
        inputs: X.cols,
        hidden: o.hidden,
        outputs: o.classes ?? classCount(y),
        activation: o.activation,
        l1w: o.l1,
        l1b: o.l1,
        l2w: o.l2,
        l2b: o.l2,
        dropout: o.dropout,
        optimizer: o.optimizer,
        learningRate: o.learningRate,
        decay: o.decay,
      };
      this.built = buildNetwork(spec, o.rng ?? defaultGenerator());
    }
    return this.built.train(X, y, { epochs: this.options.epochs, ...options });
  }

  /** The most probable class of each row. */
  predict(inputs: InputData): number[] {
    return Array.from(predictedClasses(this.model.predict(inputs)));
  }

  /** The class probabilities of each row. */
  predictProbabilities(inputs: InputData): number[][] {
    return this.model.predict(inputs).toRows();
  }

  /** Loss and accuracy on labelled data, dropout off. */
  evaluate(inputs: InputData, labels: TargetData): Evaluation {
    return this.model.evaluate(inputs, labels);
  }
}

/** `classifier({ hidden: [64], l2: 5e-4, dropout: 0.1 }).fit(X, y)`: see Classifier. */
export function classifier(options: ClassifierOptions = {}): Classifier {
  return new Classifier(options);
}
