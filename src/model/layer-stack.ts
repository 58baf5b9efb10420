import { ScratchnetError } from '../errors/scratchnet-error.ts';
import { ReLU } from '../layers/activations.ts';
import { Dense } from '../layers/dense.ts';
import { Dropout } from '../layers/dropout.ts';
import type { Layer } from '../layers/layer.ts';
import type { Parameter } from '../layers/parameter.ts';
import { type RegularizationLoss, regularizationLoss } from '../layers/regularization-loss.ts';
import type { Matrix } from '../tensor/matrix.ts';
import { assignLayerNames } from './layer-names.ts';
import { reluDropoutBackward, reluDropoutForward } from './relu-dropout-step.ts';

/**
 * The finalized chain of layers: named, shape-checked, with its trainable layers and parameters
 * listed once. Forward runs every layer; backward runs from a given layer down to the first.
 */
export class LayerStack {
  readonly layers: readonly Layer[];
  /** Layers with parameters, in forward order: the order the optimizer updates them, as the book. */
  readonly trainable: readonly Layer[];
  readonly parameters: readonly Parameter[];
  /** Columns the first Dense layer takes (null without a Dense layer). */
  readonly input: { cols: number; layer: string } | null;
  /** Columns the network gives: the last Dense layer's neurons (activations and dropout keep widths). */
  readonly output: { cols: number; layer: string } | null;
  /** At the index of a ReLU directly followed by a Dropout: the pair, run as one fused pass. */
  private readonly reluDropout: ({ relu: ReLU; dropout: Dropout } | null)[];

  constructor(layers: readonly Layer[]) {
    if (layers.length === 0) {
      throw new ScratchnetError('BAD_STATE', 'the model has no layers', 'add layers with model.add(layer)');
    }
    assignLayerNames(layers);
    this.layers = [...layers];
    this.trainable = this.layers.filter((layer) => layer.parameters().length > 0);
    this.parameters = this.trainable.flatMap((layer) => layer.parameters());
    const dense = this.layers.filter((layer) => layer instanceof Dense);
    requireChainedWidths(dense);
    this.input = dense.length === 0 ? null : { cols: dense[0].nInputs, layer: dense[0].name };
    const last = dense.at(-1);
    this.output = last === undefined ? null : { cols: last.nNeurons, layer: last.name };
    this.reluDropout = this.layers.map((relu, i) => {
      const dropout = this.layers[i + 1];
      return relu instanceof ReLU && dropout instanceof Dropout ? { relu, dropout } : null;
    });
  }

  /** @param training false at inference: dropout passes everything through. */
  forward(inputs: Matrix, training: boolean): Matrix {
    const layers = this.layers;
    let x = inputs;
    for (let i = 0; i < layers.length; i++) {
      const pair = this.reluDropout[i];
      if (pair === null) x = layers[i].forward(x, training);
      else {
        x = reluDropoutForward(pair.relu, pair.dropout, x, training);
        i++;
      }
    }
    return x;
  }

  /**
   * Backpropagates `dOutput`, the gradient at the output of layer `from`, down to the first layer.
   * A first Dense layer computes only its parameters' gradients: the gradient of the data is unused.
   */
  backward(dOutput: Matrix, from: number): void {
    let d = dOutput;
    for (let i = from; i >= 0; i--) {
      const pair = i > 0 ? this.reluDropout[i - 1] : null;
      const layer = this.layers[i];
      if (i === 0 && layer instanceof Dense) layer.backwardParameters(d);
      else if (pair === null) d = layer.backward(d);
      else {
        d = reluDropoutBackward(pair.relu, pair.dropout, d);
        i--;
      }
    }
  }

  /** The book's Model regularization loss: one running sum over the trainable layers' penalties. */
  regularizationLoss(): RegularizationLoss {
    return regularizationLoss(this.trainable);
  }

  /** Throws SHAPE_MISMATCH unless X has the columns the first Dense layer takes. */
  requireInputColumns(what: string, X: Matrix): void {
    if (this.input !== null && X.cols !== this.input.cols) {
      throw new ScratchnetError(
        'SHAPE_MISMATCH',
        `${what}: X has ${X.cols} columns but the first layer ${this.input.layer} takes ${this.input.cols} inputs`,
        'pass one column per input feature, or build the first Dense layer with as many inputs as X has columns',
      );
    }
  }
}

function requireChainedWidths(dense: readonly Dense[]): void {
  for (let i = 1; i < dense.length; i++) {
    const previous = dense[i - 1];
    const layer = dense[i];
    if (layer.nInputs !== previous.nNeurons) {
      throw new ScratchnetError(
        'SHAPE_MISMATCH',
        `${layer.name} takes ${layer.nInputs} inputs but ${previous.name} before it gives ${previous.nNeurons} outputs`,
        `build ${layer.name} as new Dense(${previous.nNeurons}, ${layer.nNeurons}, …)`,
      );
    }
  }
}
