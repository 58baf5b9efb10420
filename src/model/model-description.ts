// The plain-data description of a model: what saving writes and loading reads, independent of any
// file format. Model.describe() produces it; Model.fromDescription() builds a model from it; the
// TensorFlow.js layers-model format (src/io) converts it to and from model.json + weights.bin.

export type ActivationName = 'relu' | 'softmax' | 'sigmoid' | 'linear' | 'tanh' | 'leaky_relu';

export interface DenseDescription {
  kind: 'dense';
  name: string;
  nInputs: number;
  nNeurons: number;
  weightRegularizerL1: number;
  weightRegularizerL2: number;
  biasRegularizerL1: number;
  biasRegularizerL2: number;
  /** Row-major [nInputs, nNeurons], as Dense stores them. */
  weights: Float32Array;
  /** [nNeurons] */
  biases: Float32Array;
}

export interface DropoutDescription {
  kind: 'dropout';
  name: string;
  /** Fraction dropped. */
  rate: number;
}

export interface ActivationDescription {
  kind: 'activation';
  name: string;
  activation: ActivationName;
  /** LeakyReLU's negative slope (only for 'leaky_relu'). */
  alpha?: number;
}

export type LayerDescription = DenseDescription | DropoutDescription | ActivationDescription;

export type LossName =
  | 'categoricalCrossentropy'
  | 'binaryCrossentropy'
  | 'meanSquaredError'
  | 'meanAbsoluteError';

export interface OptimizerDescription {
  name: 'sgd' | 'adagrad' | 'rmsprop' | 'adam';
  learningRate: number;
  decay: number;
  momentum?: number;
  epsilon?: number;
  rho?: number;
  beta1?: number;
  beta2?: number;
}

export interface ModelDescription {
  /** Layers in forward order; activations are separate layers, as in the book. */
  layers: LayerDescription[];
  loss: LossName | null;
  optimizer: OptimizerDescription | null;
  accuracy: 'categorical' | 'binary' | 'regression' | null;
}
