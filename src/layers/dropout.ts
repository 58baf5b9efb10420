import { ScratchnetError } from '../errors/scratchnet-error.ts';
import { rejectUnknownOptions, requireGenerator, requireUnitInterval } from '../errors/validate.ts';
import { defaultGenerator } from '../tensor/default-generator.ts';
import { kernels } from '../tensor/kernel-table.ts';
import { BufferPool, type FloatArray, type Matrix } from '../tensor/matrix.ts';
import type { RandomState } from '../tensor/random.ts';
import { requireForwardFirst, requireMatrix, requireSameShape } from '../tensor/shape-checks.ts';
import type { Layer } from './layer.ts';
import type { Parameter } from './parameter.ts';

export interface DropoutOptions {
  /** Generator of the masks. @default the default generator (see `seed`), as `nnfs.init()` */
  rng?: RandomState;
  /** @default 'dropout' */
  name?: string;
}

/**
 * Inverted dropout. `rate` is the fraction of units dropped (as in Keras, TF.js, PyTorch and the
 * book's constructor); kept units are scaled by 1 / (1 - rate) so that the expected output equals the
 * input and inference needs no rescaling. The mask is `binomial(1, 1 - rate)`, drawn from the
 * generator element by element in row-major order, as numpy draws it.
 *
 * Output and gradient are float64, whatever comes in: in the book, the integer mask divided by the
 * Python float `keep` is a float64 array, and everything it touches stays float64 (the next layer's
 * input, the gradient back to the previous layers' biases and their optimizer state) until a product
 * with float32 weights rounds it. Matching that island is what makes seeded runs match numpy.
 */
export class Dropout implements Layer {
  name: string;
  readonly rate: number;
  private outputBuffer: Matrix | null = null;
  private dInputsBuffer: Matrix | null = null;
  private readonly outputs = new BufferPool();
  private readonly gradients = new BufferPool();
  /** One mask buffer per length seen (a shorter last batch has its own), so no step allocates. */
  private readonly masks = new Map<number, Int32Array>();

  get output(): Matrix {
    return requireForwardFirst(this.name, this.outputBuffer, 'output');
  }

  get dInputs(): Matrix {
    return requireForwardFirst(this.name, this.dInputsBuffer, 'dInputs');
  }

  /**
   * The last mask: 1 where a unit was kept, 0 where dropped. The next forward of the same batch size
   * draws into the same buffer: copy it with `slice()` to keep it.
   */
  mask: Int32Array = new Int32Array(0);
  private readonly rng: RandomState;
  /** 1 / (1 - rate), in double: what kept units are multiplied by. */
  readonly keepScale: number;
  private maskApplied = false;
  private frozen = false;

  constructor(rate: number, options: DropoutOptions = {}) {
    rejectUnknownOptions('Dropout', options, ['rng', 'name']);
    this.rate = requireUnitInterval('Dropout rate', rate);
    this.rng = requireGenerator('Dropout', options?.rng ?? defaultGenerator());
    this.name = options.name ?? 'dropout';
    // numpy divides the integer mask by the double `keep`, so kept units are multiplied by 1 / keep in double
    this.keepScale = 1 / (1 - rate);
  }

  /** @param training when false (inference), dropout is the identity and draws nothing. */
  forward(inputs: Matrix, training = true): Matrix {
    const out = this.beginForward(inputs, training);
    if (!this.maskApplied) {
      out.data.set(inputs.data);
      return out;
    }
    this.applyMask(out.data, inputs.data);
    return out;
  }

  /** o = mask ? x · keepScale : 0: the masked pass of forward, and of backward (the same derivative). */
  private applyMask(o: FloatArray, x: FloatArray): void {
    const mask = this.mask;
    const scale = this.keepScale;
    for (let i = 0; i < x.length; i++) o[i] = mask[i] === 0 ? 0 : x[i] * scale;
  }

  backward(dOutput: Matrix): Matrix {
    const dInputs = this.beginBackward(dOutput);
    if (!this.maskApplied) {
      dInputs.data.set(dOutput.data);
      return dInputs;
    }
    this.applyMask(dInputs.data, dOutput.data);
    return dInputs;
  }

  /** Whether the last forward applied a mask (training with rate > 0), rather than passing inputs through. */
  get masked(): boolean {
    return this.maskApplied;
  }

  /**
   * The first half of forward: hands out the output buffer for inputs of this shape and, when a mask
   * applies, draws it into `mask`. A caller that computes the output itself (a model's training step
   * running ReLU and Dropout in one pass) fills the buffer.
   */
  beginForward(inputs: Matrix, training: boolean): Matrix {
    requireMatrix(`${this.name}.forward`, inputs);
    const out = this.outputs.take(inputs.rows, inputs.cols, 'float64');
    this.outputBuffer = out;
    this.maskApplied = training && this.rate > 0;
    if (!this.maskApplied) return out;
    if (this.mask.length !== inputs.data.length) {
      if (this.frozen)
        throw new ScratchnetError(
          'BAD_STATE',
          `${this.name}: the frozen mask has another shape`,
          'unfreeze before changing the batch',
        );
      this.mask = this.maskFor(inputs.data.length);
    }
    if (!this.frozen) this.rng.fillBinomial(1, 1 - this.rate, this.mask);
    return out;
  }

  /** The first half of backward: checks `dOutput` and hands out the dInputs buffer for the caller to fill. */
  beginBackward(dOutput: Matrix): Matrix {
    requireSameShape(`${this.name}.backward`, requireForwardFirst(this.name, this.outputBuffer), dOutput);
    const dInputs = this.gradients.take(dOutput.rows, dOutput.cols, 'float64');
    this.dInputsBuffer = dInputs;
    return dInputs;
  }

  private maskFor(length: number): Int32Array {
    let mask = this.masks.get(length);
    if (mask === undefined) {
      mask = kernels.arrays.int32(length);
      this.masks.set(length, mask);
    }
    return mask;
  }

  /** Reuse the last mask instead of drawing a new one (for gradient checks). */
  freezeRandomness(frozen: boolean): void {
    this.frozen = frozen;
  }

  parameters(): readonly Parameter[] {
    return [];
  }
}
