// ModelDescriptions for the save/load tests, and a float64 forward pass to check predictions with.
import type { DenseDescription, ModelDescription } from '../src/model/model-description.ts';
import { RandomState } from '../src/tensor/random.ts';

/** A Dense layer with gaussian weights and biases (biases non-zero, so that they are really tested). */
export function randomDense(
  name: string,
  nInputs: number,
  nNeurons: number,
  rng: RandomState,
  regularizers: Partial<Pick<DenseDescription, 'weightRegularizerL2' | 'biasRegularizerL2'>> = {},
): DenseDescription {
  return {
    kind: 'dense',
    name,
    nInputs,
    nNeurons,
    weightRegularizerL1: 0,
    weightRegularizerL2: regularizers.weightRegularizerL2 ?? 0,
    biasRegularizerL1: 0,
    biasRegularizerL2: regularizers.biasRegularizerL2 ?? 0,
    weights: Float32Array.from(rng.randn(nInputs * nNeurons), (g) => 0.5 * g),
    biases: Float32Array.from(rng.randn(nNeurons), (g) => 0.1 * g),
  };
}

/** The book's chapter-15 network at 64 neurons: 2-64 relu, dropout 0.1, 64-3 softmax, L2 5e-4 on layer 1. */
export function chapter15Description(seed = 0): ModelDescription {
  const rng = new RandomState(seed);
  return {
    layers: [
      randomDense('dense1', 2, 64, rng, { weightRegularizerL2: 5e-4, biasRegularizerL2: 5e-4 }),
      { kind: 'activation', name: 'relu1', activation: 'relu' },
      { kind: 'dropout', name: 'dropout1', rate: 0.1 },
      randomDense('dense2', 64, 3, rng),
      { kind: 'activation', name: 'softmax2', activation: 'softmax' },
    ],
    loss: 'categoricalCrossentropy',
    optimizer: { name: 'adam', learningRate: 0.05, decay: 5e-5, epsilon: 1e-7, beta1: 0.9, beta2: 0.999 },
    accuracy: 'categorical',
  };
}

/** Inference (dropout off) in float64, row by row: the reference predictions are compared against. */
export function referencePredict(
  description: ModelDescription,
  inputs: readonly (readonly number[])[],
): number[][] {
  return inputs.map((row) => {
    let x = Array.from(row);
    for (const layer of description.layers) {
      if (layer.kind === 'dense') {
        const { nInputs, nNeurons, weights, biases } = layer;
        const out = Array.from(biases);
        for (let i = 0; i < nInputs; i++) {
          for (let j = 0; j < nNeurons; j++) out[j] += x[i] * weights[i * nNeurons + j];
        }
        x = out;
      } else if (layer.kind === 'activation') {
        x = activate(layer.activation, x);
      }
    }
    return x;
  });
}

function activate(activation: string, x: number[]): number[] {
  if (activation === 'relu') return x.map((v) => Math.max(0, v));
  if (activation === 'sigmoid') return x.map((v) => 1 / (1 + Math.exp(-v)));
  if (activation === 'softmax') {
    const max = Math.max(...x);
    const e = x.map((v) => Math.exp(v - max));
    const sum = e.reduce((a, b) => a + b, 0);
    return e.map((v) => v / sum);
  }
  return x;
}

/** The raw bytes of a float array, for bit-for-bit comparisons (−0 ≠ +0, NaN payloads count). */
export function bytesOf(values: ArrayBufferView): Uint8Array {
  return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
}
