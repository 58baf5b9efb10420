import { ScratchnetError } from '../errors/scratchnet-error.ts';
import { rejectUnknownOptions, requireUnitInterval } from '../errors/validate.ts';
import { BufferPool, type FloatArray, type Matrix } from '../tensor/matrix.ts';
import type { RandomState } from '../tensor/random.ts';
import { residentInt32Array } from '../tensor/wasm-arena.ts';
import type { Layer } from './layer.ts';
import type { Parameter } from './parameter.ts';
import { requireForwardFirst, requireMatrix, requireSameShape } from './shape-checks.ts';

export interface DropoutOptions {
  /** Generator of the masks (required: every random draw comes from a seeded generator). */
  rng: RandomState;
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

  get output(): Matrix {
    return requireForwardFirst(this.name, this.outputBuffer, 'output');
  }

  /**
   * The gradient of the last backward. After a Model's training step (where ReLU and Dropout run as
   * one fused pass) it is computed when first read; once the next training forward has drawn a new
   * mask, an unread one is gone (BAD_STATE).
   */
  get dInputs(): Matrix {
    const dInputs = requireForwardFirst(this.name, this.dInputsBuffer, 'dInputs');
    const dOutput = this.deferredDOutput;
    if (dOutput !== null) {
      this.deferredDOutput = null;
      this.applyMask(dInputs.data, dOutput.data);
    }
    return dInputs;
  }
  /** The gradient a fused backward left for dInputs' first reader (deferDInputs). */
  private deferredDOutput: Matrix | null = null;
  /**
   * The last mask: 1 where a unit was kept, 0 where dropped. One of two buffers used in turn (the next
   * mask may be drawn into the other on a helper thread meanwhile): copy it with `slice()` to keep it
   * past the next forward.
   */
  mask: Int32Array = new Int32Array(0);
  private readonly rng: RandomState;
  /** 1 / (1 - rate), in double: what kept units are multiplied by. */
  readonly keepScale: number;
  private maskApplied = false;
  private frozen = false;

  constructor(rate: number, options: DropoutOptions) {
    rejectUnknownOptions('Dropout', options, ['rng', 'name']);
    this.rate = requireUnitInterval('Dropout rate', rate);
    if (options?.rng === undefined) {
      throw new ScratchnetError(
        'INVALID_OPTION',
        'Dropout needs a seeded generator in its options',
        'pass { rng } with the RandomState the rest of the network uses',
      );
    }
    this.rng = options.rng;
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

  /** o = mask ? x · keepScale : 0, the masked pass of forward and of backward. */
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
   * The first half of forward, for a fused pass (relu-dropout.ts) that fills the output itself: hands
   * out the output buffer for inputs of this shape and, when a mask applies, draws it into `mask`.
   */
  beginForward(inputs: Matrix, training: boolean): Matrix {
    requireMatrix(`${this.name}.forward`, inputs);
    const out = this.outputs.take(inputs.rows, inputs.cols, 'float64');
    this.outputBuffer = out;
    this.maskApplied = training && this.rate > 0;
    if (this.maskApplied && this.deferredDOutput !== null) {
      // the new mask replaces the one a deferred gradient needs: that gradient is gone
      this.deferredDOutput = null;
      this.dInputsBuffer = null;
    }
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
    if (!this.frozen) {
      // two masks per batch size, alternating: the generator may draw the next into the other one
      // on a helper thread (RandomState.fillBinomial) while this one is in use
      const next = this.mask;
      this.mask = this.otherMask(next);
      this.rng.fillBinomial(1, 1 - this.rate, this.mask, next);
    }
    return out;
  }

  /** The first half of backward, for a fused pass: checks `dOutput` and hands out the dInputs buffer. */
  beginBackward(dOutput: Matrix): Matrix {
    requireSameShape(`${this.name}.backward`, requireForwardFirst(this.name, this.outputBuffer), dOutput);
    const dInputs = this.gradients.take(dOutput.rows, dOutput.cols, 'float64');
    this.dInputsBuffer = dInputs;
    this.deferredDOutput = null;
    return dInputs;
  }

  /**
   * For a fused backward that did not fill the buffer beginBackward handed out: `dInputs` fills it
   * from `dOutput` and the mask when first read, until the next training forward draws a new mask
   * (then it is read before it was computed, BAD_STATE). `dOutput` is the layer above's gradient,
   * which changes only in the next backward.
   */
  deferDInputs(dOutput: Matrix): void {
    this.deferredDOutput = dOutput;
  }

  private readonly masks = new Map<number, [Int32Array, Int32Array]>();

  /** One pair of mask buffers per batch size, as the output buffers (a shorter last batch has its own). */
  private maskFor(length: number): Int32Array {
    return this.pairFor(length)[0];
  }

  /** The other buffer of `mask`'s pair. */
  private otherMask(mask: Int32Array): Int32Array {
    const pair = this.pairFor(mask.length);
    return pair[0] === mask ? pair[1] : pair[0];
  }

  private pairFor(length: number): [Int32Array, Int32Array] {
    let pair = this.masks.get(length);
    if (pair === undefined) {
      pair = [residentInt32Array(length), residentInt32Array(length)];
      this.masks.set(length, pair);
    }
    return pair;
  }

  /** Reuse the last mask instead of drawing a new one (for gradient checks). */
  freezeRandomness(frozen: boolean): void {
    this.frozen = frozen;
  }

  parameters(): readonly Parameter[] {
    return [];
  }
}
