import { ScratchnetError } from '../errors/scratchnet-error.ts';
import { LeakyReLU, Linear, ReLU, Sigmoid, Softmax, Tanh } from '../layers/activations.ts';
import { Dense } from '../layers/dense.ts';
import { Dropout } from '../layers/dropout.ts';
import type { Layer } from '../layers/layer.ts';
import { RandomState } from '../tensor/random.ts';
import { unknownName } from './describe-model.ts';
import type { DenseDescription, LayerDescription } from './model-description.ts';

const ACTIVATIONS = { relu: ReLU, softmax: Softmax, sigmoid: Sigmoid, linear: Linear, tanh: Tanh } as const;

/**
 * The layers a description lists, with their names and values. Dropout layers draw their masks from
 * `rng`. The initial weights the Dense constructor draws come from a scratch generator and are then
 * overwritten, so that building a model leaves `rng` untouched.
 */
export function buildLayers(descriptions: readonly LayerDescription[], rng: RandomState): Layer[] {
  if (!Array.isArray(descriptions as unknown)) throw unknownName('layer list', descriptions);
  const scratch = new RandomState(0);
  return descriptions.map((description) => {
    switch (description.kind) {
      case 'dense':
        return buildDense(description, scratch);
      case 'dropout':
        return new Dropout(description.rate, { rng, name: description.name });
      case 'activation': {
        if (description.activation === 'leaky_relu') {
          const layer = new LeakyReLU({ alpha: description.alpha });
          layer.name = description.name;
          return layer;
        }
        const Activation = ACTIVATIONS[description.activation];
        if (Activation === undefined) throw unknownName('activation', description.activation);
        const layer = new Activation();
        layer.name = description.name;
        return layer;
      }
      default:
        throw unknownName('layer kind', (description as { kind: unknown }).kind);
    }
  });
}

function buildDense(d: DenseDescription, scratch: RandomState): Dense {
  const dense = new Dense(d.nInputs, d.nNeurons, {
    rng: scratch,
    name: d.name,
    weightRegularizerL1: d.weightRegularizerL1,
    weightRegularizerL2: d.weightRegularizerL2,
    biasRegularizerL1: d.biasRegularizerL1,
    biasRegularizerL2: d.biasRegularizerL2,
  });
  for (const [what, values, target] of [
    ['weights', d.weights, dense.weights.data],
    ['biases', d.biases, dense.biases.data],
  ] as const) {
    if (values?.length !== target.length) {
      throw new ScratchnetError(
        'SHAPE_MISMATCH',
        `the description of ${d.name} has ${values?.length ?? 'no'} ${what}, expected ${target.length}`,
        'weights are [nInputs, nNeurons] row-major and biases [nNeurons]',
      );
    }
    target.set(values);
  }
  return dense;
}
