import { Linear, ReLU, Sigmoid, Softmax } from '../layers/activations.ts';
import { Dense } from '../layers/dense.ts';
import { Dropout } from '../layers/dropout.ts';
import { CategoricalCrossentropy } from '../losses/categorical-crossentropy.ts';
import { MeanSquaredError } from '../losses/mean-squared-error.ts';
import { CategoricalAccuracy, RegressionAccuracy } from '../metrics/accuracy.ts';
import { Model } from '../model/model.ts';
import { perHidden, perLayer } from '../network/network-spec.ts';
import { Adagrad } from '../optimizers/adagrad.ts';
import { Adam } from '../optimizers/adam.ts';
import type { Optimizer } from '../optimizers/optimizer.ts';
import { RMSprop } from '../optimizers/rmsprop.ts';
import { SGD } from '../optimizers/sgd.ts';
import type { RandomState } from '../tensor/random.ts';
import type { TrainConfig } from './train-config.ts';
import type { Task } from './train-data.ts';

/**
 * The network a training configuration describes, in the book's shape: per hidden layer Dense,
 * activation and (when its rate is above 0) Dropout; then Dense to the outputs and Softmax with
 * cross-entropy (classification) or Linear with mean squared error (regression). Layers draw their
 * weights from `rng` in order, as the book's script does.
 */
export function buildModel(
  config: TrainConfig,
  inputs: number,
  outputs: number,
  task: Task,
  rng: RandomState,
): Model {
  const model = new Model({ rng });
  const sizes = [inputs, ...config.hidden, outputs];
  const denseCount = sizes.length - 1;
  for (let i = 0; i < denseCount; i++) {
    model.add(
      new Dense(sizes[i], sizes[i + 1], {
        rng,
        weightRegularizerL1: perLayer('--l1w', config.l1w, i, denseCount),
        weightRegularizerL2: perLayer('--l2w', config.l2w, i, denseCount),
        biasRegularizerL1: perLayer('--l1b', config.l1b, i, denseCount),
        biasRegularizerL2: perLayer('--l2b', config.l2b, i, denseCount),
      }),
    );
    if (i === denseCount - 1) break;
    model.add(config.activation === 'relu' ? new ReLU() : new Sigmoid());
    const rate = perHidden('--dropout', config.dropout, i, config.hidden.length);
    if (rate > 0) model.add(new Dropout(rate, { rng }));
  }
  const classification = task === 'classification';
  model.add(classification ? new Softmax() : new Linear());
  model.set({
    loss: classification ? new CategoricalCrossentropy() : new MeanSquaredError(),
    optimizer: makeOptimizer(config),
    accuracy: classification ? new CategoricalAccuracy() : new RegressionAccuracy(),
  });
  return model.finalize();
}

function makeOptimizer(config: TrainConfig): Optimizer {
  const common = { learningRate: config.lr, decay: config.decay };
  if (config.optimizer === 'sgd') return new SGD({ ...common, momentum: config.momentum });
  if (config.optimizer === 'adagrad') return new Adagrad(common);
  if (config.optimizer === 'rmsprop') return new RMSprop(common);
  return new Adam(common);
}
