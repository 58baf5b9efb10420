import { rejectUnknownOptions, requireGenerator, requireInteger } from '../errors/validate.ts';
import { Regularizer } from '../regularizers/regularizer.ts';
import { defaultGenerator } from '../tensor/default-generator.ts';
import { BufferPool, type DType, Matrix, requireMatrixShape } from '../tensor/matrix.ts';
import { matmul, matmulTransA, matmulTransB, sumColumns } from '../tensor/ops.ts';
import type { RandomState } from '../tensor/random.ts';
import { requireColumns, requireForwardFirst, requireSameShape } from '../tensor/shape-checks.ts';
import type { Layer } from './layer.ts';
import { Parameter } from './parameter.ts';

export interface DenseOptions {
  /** λ of the L1 penalty on the weights. @default 0 */
  weightRegularizerL1?: number;
  /** λ of the L2 penalty on the weights. @default 0 */
  weightRegularizerL2?: number;
  /** λ of the L1 penalty on the biases. @default 0 */
  biasRegularizerL1?: number;
  /** λ of the L2 penalty on the biases. @default 0 */
  biasRegularizerL2?: number;
  /** Generator of the initial weights. @default the default generator (see `seed`), as `nnfs.init()` */
  rng?: RandomState;
  /** Scale of the gaussian initial weights (the book's 0.01). @default 0.01 */
  weightScale?: number;
  /** Storage type; float64 is for gradient checks. @default 'float32' */
  dtype?: DType;
  /** @default 'dense' */
  name?: string;
}

const DENSE_DEFAULTS = {
  weightRegularizerL1: 0,
  weightRegularizerL2: 0,
  biasRegularizerL1: 0,
  biasRegularizerL2: 0,
  weightScale: 0.01,
  dtype: 'float32',
  name: 'dense',
} as const;

const DENSE_OPTION_NAMES = [...Object.keys(DENSE_DEFAULTS), 'rng'];

/**
 * A fully connected layer: output = inputs · weights + biases.
 * Weights start as `weightScale · randn(nInputs, nNeurons)` (row-major draws, float32 multiply, as
 * the book's `0.01 * np.random.randn(...)`), biases at zero.
 */
export class Dense implements Layer {
  name: string;
  readonly nInputs: number;
  readonly nNeurons: number;
  readonly weightRegularizerL1: number;
  readonly weightRegularizerL2: number;
  readonly biasRegularizerL1: number;
  readonly biasRegularizerL2: number;
  readonly weightParameter: Parameter;
  readonly biasParameter: Parameter;
  private outputBuffer: Matrix | null = null;
  private dInputsBuffer: Matrix | null = null;
  private readonly outputs = new BufferPool();
  private readonly gradients = new BufferPool();

  get output(): Matrix {
    return requireForwardFirst(this.name, this.outputBuffer, 'output');
  }

  get dInputs(): Matrix {
    return requireForwardFirst(this.name, this.dInputsBuffer, 'dInputs');
  }
  private inputs: Matrix | null = null;

  constructor(nInputs: number, nNeurons: number, options: DenseOptions = {}) {
    rejectUnknownOptions('Dense', options, DENSE_OPTION_NAMES);
    this.nInputs = requireInteger('Dense nInputs', nInputs, 1);
    this.nNeurons = requireInteger('Dense nNeurons', nNeurons, 1);
    const o = { ...DENSE_DEFAULTS, ...options };
    // refused before anything is drawn or allocated, with the size in the message
    requireMatrixShape(`Dense(${nInputs}, ${nNeurons}) weights`, nInputs, nNeurons, o.dtype);
    this.name = o.name;
    this.weightRegularizerL1 = o.weightRegularizerL1;
    this.weightRegularizerL2 = o.weightRegularizerL2;
    this.biasRegularizerL1 = o.biasRegularizerL1;
    this.biasRegularizerL2 = o.biasRegularizerL2;
    const weightRegularizer = Regularizer.of(
      o.weightRegularizerL1,
      o.weightRegularizerL2,
      'weightRegularizer',
    );
    const biasRegularizer = Regularizer.of(o.biasRegularizerL1, o.biasRegularizerL2, 'biasRegularizer');

    const weights = Matrix.resident(nInputs, nNeurons, o.dtype);
    const gaussians = requireGenerator('Dense', options?.rng ?? defaultGenerator()).randn(nInputs * nNeurons);
    // numpy under nnfs.init(): f32(0.01) * f32(randn), rounded again to float32
    const scale = o.dtype === 'float32' ? Math.fround(o.weightScale) : o.weightScale;
    for (let i = 0; i < gaussians.length; i++) {
      const g = o.dtype === 'float32' ? Math.fround(gaussians[i]) : gaussians[i];
      weights.data[i] = scale * g;
    }
    this.weightParameter = new Parameter(
      `${this.name}.weights`,
      weights,
      Matrix.resident(nInputs, nNeurons, o.dtype),
      weightRegularizer,
    );
    this.biasParameter = new Parameter(
      `${this.name}.biases`,
      Matrix.resident(1, nNeurons, o.dtype),
      Matrix.resident(1, nNeurons, o.dtype),
      biasRegularizer,
    );
  }

  get weights(): Matrix {
    return this.weightParameter.value;
  }
  get biases(): Matrix {
    return this.biasParameter.value;
  }
  get dWeights(): Matrix {
    return this.weightParameter.grad;
  }
  get dBiases(): Matrix {
    return this.biasParameter.grad;
  }

  forward(inputs: Matrix, _training = true): Matrix {
    requireColumns(this.name, inputs, this.nInputs);
    this.inputs = inputs;
    const out = this.outputs.take(inputs.rows, this.nNeurons, this.weights.dtype);
    this.outputBuffer = matmul(out, inputs, this.weights, this.biases.data);
    return out;
  }

  backward(dOutput: Matrix): Matrix {
    this.backwardParameters(dOutput);
    // dInputs = dOutput · weightsᵀ   [batch, nNeurons] · [nNeurons, nInputs], in the weights' type:
    // nnfs.init()'s np.dot returns float32 even for a float64 dOutput (a float64 loss gradient)
    const dInputs = this.gradients.take(dOutput.rows, this.nInputs, this.weights.dtype);
    this.dInputsBuffer = matmulTransB(dInputs, dOutput, this.weights);
    return dInputs;
  }

  /**
   * backward without dInputs: the gradients of the weights and biases only. A network's first layer
   * needs no input gradient (nothing reads it), and skipping its product saves a large share of a
   * step when the inputs are wide (784 columns: about a quarter of the multiply-adds). `dInputs` is
   * unset afterwards, so reading it fails instead of returning a stale gradient.
   */
  backwardParameters(dOutput: Matrix): void {
    const inputs = requireForwardFirst(this.name, this.inputs);
    requireSameShape(`${this.name}.backward`, requireForwardFirst(this.name, this.outputBuffer), dOutput);
    // dWeights = inputsᵀ · dOutput   [nInputs, batch] · [batch, nNeurons]
    matmulTransA(this.dWeights, inputs, dOutput);
    // dBiases = Σ_batch dOutput      [1, nNeurons]; float64 when dOutput is (numpy sums in its dtype,
    // while the products above are rounded to float32 by nnfs.init()'s np.dot)
    const biasGradType = this.biases.dtype === 'float64' ? 'float64' : dOutput.dtype;
    if (this.dBiases.dtype !== biasGradType)
      this.biasParameter.grad = Matrix.resident(1, this.nNeurons, biasGradType);
    sumColumns(this.dBiases.data, dOutput);
    this.weightParameter.regularizer?.addGradient(this.weights.data, this.dWeights.data);
    this.biasParameter.regularizer?.addGradient(this.biases.data, this.dBiases.data);
    this.dInputsBuffer = null;
  }

  parameters(): readonly Parameter[] {
    return [this.weightParameter, this.biasParameter];
  }
}
