import { Softmax } from '../layers/activations.ts';
import type { Layer } from '../layers/layer.ts';
import { CategoricalCrossentropy } from '../losses/categorical-crossentropy.ts';
import type { Loss } from '../losses/loss.ts';
import { SoftmaxCategoricalCrossentropy } from '../losses/softmax-crossentropy.ts';
import type { Matrix } from '../tensor/matrix.ts';
import type { ModelTargets } from './model-targets.ts';

/** Where backpropagation starts: the loss's gradient, and the layer it enters. */
export interface LossHead {
  /** Whether the softmax and cross-entropy backward are fused (the Softmax layer's backward is skipped). */
  readonly fused: boolean;
  /** Index of the first layer to run backward on (the last layer, or the one before a fused Softmax). */
  readonly backwardFrom: number;
  /** ∂loss/∂(the output of layer `backwardFrom`): what that layer's backward takes. */
  backward(output: Matrix, targets: ModelTargets): Matrix;
}

/**
 * The one place that picks the fused softmax + categorical cross-entropy backward, (ŷ − onehot(y)) / N:
 * when the last layer is Softmax and the loss is categorical cross-entropy, as the book's Model does.
 * The forward is unchanged (the Softmax layer and the loss), so losses match the unfused chain exactly.
 */
export function chooseLossHead(layers: readonly Layer[], loss: Loss<ModelTargets>): LossHead {
  const last = layers.length - 1;
  if (layers[last] instanceof Softmax && loss instanceof CategoricalCrossentropy) {
    const fused = new SoftmaxCategoricalCrossentropy();
    return { fused: true, backwardFrom: last - 1, backward: (output, y) => fused.backward(output, y) };
  }
  return { fused: false, backwardFrom: last, backward: (output, y) => loss.backward(output, y) };
}
