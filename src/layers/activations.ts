import { describeValue, ScratchnetError } from '../errors/scratchnet-error.ts';
import { kernels } from '../tensor/kernel-table.ts';
import { numpyExpFloat32 } from '../tensor/libm/numpy-float32-exp.ts';
import { BufferPool, type Matrix } from '../tensor/matrix.ts';
import { numpySum } from '../tensor/pairwise-sum.ts';
import { requireForwardFirst, requireMatrix, requireSameShape } from '../tensor/shape-checks.ts';
import type { Layer } from './layer.ts';
import type { Parameter } from './parameter.ts';

/** What every activation shares: no parameters, and output/dInputs buffers reused per shape. */
abstract class Activation implements Layer {
  abstract name: string;
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
  protected inputs: Matrix | null = null;

  forward(inputs: Matrix, _training = true): Matrix {
    const out = this.beginForward(inputs);
    this.apply(out, inputs);
    return out;
  }

  backward(dOutput: Matrix): Matrix {
    const dInputs = this.beginBackward(dOutput);
    this.derive(dInputs, dOutput, requireForwardFirst(this.name, this.inputs), this.output);
    return dInputs;
  }

  /** The first half of forward: remembers `inputs` and hands out the output buffer for the caller to fill. */
  beginForward(inputs: Matrix): Matrix {
    requireMatrix(`${this.name}.forward`, inputs);
    this.inputs = inputs;
    const out = this.outputs.take(inputs.rows, inputs.cols, inputs.dtype);
    this.outputBuffer = out;
    return out;
  }

  /** The first half of backward: checks `dOutput` and hands out the dInputs buffer for the caller to fill. */
  beginBackward(dOutput: Matrix): Matrix {
    requireSameShape(`${this.name}.backward`, requireForwardFirst(this.name, this.outputBuffer), dOutput);
    const dInputs = this.gradients.take(dOutput.rows, dOutput.cols, dOutput.dtype);
    this.dInputsBuffer = dInputs;
    return dInputs;
  }

  parameters(): readonly Parameter[] {
    return [];
  }

  /** out = f(inputs) */
  protected abstract apply(out: Matrix, inputs: Matrix): void;
  /** dInputs = dOutput ⊙ f'(inputs) */
  protected abstract derive(dInputs: Matrix, dOutput: Matrix, inputs: Matrix, output: Matrix): void;
}

/** max(0, x); the gradient passes where the input was positive (0 at x = 0, as the book). */
export class ReLU extends Activation {
  name = 'relu';

  /** The inputs of the last forward (a training step that runs the backward itself reads them). */
  get lastInputs(): Matrix {
    return requireForwardFirst(this.name, this.inputs);
  }

  protected apply(out: Matrix, inputs: Matrix): void {
    const x = inputs.data;
    const o = out.data;
    // `< 0` rather than `> 0` so that a NaN passes through and divergence stays visible
    for (let i = 0; i < x.length; i++) o[i] = x[i] < 0 ? 0 : x[i];
  }

  protected derive(dInputs: Matrix, dOutput: Matrix, inputs: Matrix): void {
    const x = inputs.data;
    const d = dOutput.data;
    const o = dInputs.data;
    for (let i = 0; i < x.length; i++) o[i] = x[i] > 0 ? d[i] : 0;
  }
}

/**
 * Row-wise softmax, with the row maximum subtracted first so exp never overflows. The row sum is
 * numpy's `np.sum(exp_values, axis=1)`: pairwise, in float32 for float32 rows (pairwise-sum.ts), which
 * differs from a left-to-right sum from 8 columns on. The row maximum needs no order: the first of
 * equal values or a NaN skipped gives the same outputs as numpy's (±0 shift to the same exp, and a
 * NaN anywhere turns the whole row NaN either way).
 */
export class Softmax extends Activation {
  name = 'softmax';

  protected apply(out: Matrix, inputs: Matrix): void {
    const { rows, cols } = inputs;
    const x = inputs.data;
    const o = out.data;
    const f32 = o instanceof Float32Array;
    if (f32 && x instanceof Float32Array && kernels.softmaxRows(x, o, rows, cols)) return;
    for (let r = 0; r < rows; r++) {
      const row = r * cols;
      let max = x[row];
      for (let c = 1; c < cols; c++) if (x[row + c] > max) max = x[row + c];
      for (let c = 0; c < cols; c++) {
        const shifted = x[row + c] - max;
        o[row + c] = f32 ? numpyExpFloat32(Math.fround(shifted)) : Math.exp(shifted);
      }
      const sum = numpySum(o, row, cols);
      for (let c = 0; c < cols; c++) o[row + c] /= sum;
    }
  }

  /** dInputs_i = s_i · (d_i − Σ_j d_j s_j): the Jacobian-vector product, without building the Jacobian. */
  protected derive(dInputs: Matrix, dOutput: Matrix, _inputs: Matrix, output: Matrix): void {
    const { rows, cols } = output;
    const s = output.data;
    const d = dOutput.data;
    const o = dInputs.data;
    for (let r = 0; r < rows; r++) {
      const row = r * cols;
      let dot = 0;
      for (let c = 0; c < cols; c++) dot += d[row + c] * s[row + c];
      for (let c = 0; c < cols; c++) o[row + c] = s[row + c] * (d[row + c] - dot);
    }
  }
}

/**
 * 1 / (1 + e^−x), for binary logistic outputs. For float32 values every operation rounds to float32
 * with numpy's float32 exp, as the book's `1 / (1 + np.exp(-inputs))` does on a float32 array.
 */
export class Sigmoid extends Activation {
  name = 'sigmoid';

  protected apply(out: Matrix, inputs: Matrix): void {
    const x = inputs.data;
    const o = out.data;
    if (o instanceof Float32Array && x instanceof Float32Array) {
      const f = Math.fround;
      for (let i = 0; i < x.length; i++) o[i] = 1 / f(1 + numpyExpFloat32(-x[i]));
      return;
    }
    for (let i = 0; i < x.length; i++) o[i] = 1 / (1 + Math.exp(-x[i]));
  }

  /** σ'(x) = σ(x)·(1 − σ(x)), as the book's `dvalues * (1 - output) * output`, left to right. */
  protected derive(dInputs: Matrix, dOutput: Matrix, _inputs: Matrix, output: Matrix): void {
    const s = output.data;
    const d = dOutput.data;
    const o = dInputs.data;
    if (o instanceof Float32Array && d instanceof Float32Array && s instanceof Float32Array) {
      const f = Math.fround;
      for (let i = 0; i < s.length; i++) o[i] = f(d[i] * f(1 - s[i])) * s[i];
      return;
    }
    for (let i = 0; i < s.length; i++) o[i] = d[i] * (1 - s[i]) * s[i];
  }
}

/** The identity, for regression outputs. */
export class Linear extends Activation {
  name = 'linear';

  protected apply(out: Matrix, inputs: Matrix): void {
    out.data.set(inputs.data);
  }

  protected derive(dInputs: Matrix, dOutput: Matrix): void {
    dInputs.data.set(dOutput.data);
  }
}

/** The hyperbolic tangent: a sigmoid centred on zero, with outputs in (−1, 1). */
export class Tanh extends Activation {
  name = 'tanh';

  protected apply(out: Matrix, inputs: Matrix): void {
    const x = inputs.data;
    const o = out.data;
    for (let i = 0; i < x.length; i++) o[i] = Math.tanh(x[i]);
  }

  /** tanh'(x) = 1 − tanh²(x), from the output already computed */
  protected derive(dInputs: Matrix, dOutput: Matrix, _inputs: Matrix, output: Matrix): void {
    const t = output.data;
    const d = dOutput.data;
    const o = dInputs.data;
    for (let i = 0; i < t.length; i++) o[i] = d[i] * (1 - t[i] * t[i]);
  }
}

export interface LeakyReLUOptions {
  /** Slope for negative inputs. @default 0.01 */
  alpha?: number;
}

/**
 * x for x > 0, αx otherwise: a ReLU whose negative side keeps a small slope, so a neuron pushed
 * below zero still gets a gradient and can come back (Maas, Hannun & Ng 2013, "Rectifier
 * Nonlinearities Improve Neural Network Acoustic Models").
 */
export class LeakyReLU extends Activation {
  name = 'leaky_relu';
  readonly alpha: number;

  constructor(options: LeakyReLUOptions = {}) {
    super();
    const alpha = options.alpha ?? 0.01;
    if (!Number.isFinite(alpha) || alpha < 0) {
      throw new ScratchnetError(
        'INVALID_OPTION',
        `LeakyReLU: alpha must be a finite number ≥ 0, got ${describeValue(alpha)}`,
        'the usual slopes are 0.01 (the default) to 0.3 (Keras’s default)',
      );
    }
    this.alpha = alpha;
  }

  protected apply(out: Matrix, inputs: Matrix): void {
    const x = inputs.data;
    const o = out.data;
    const alpha = this.alpha;
    for (let i = 0; i < x.length; i++) o[i] = x[i] < 0 ? alpha * x[i] : x[i];
  }

  protected derive(dInputs: Matrix, dOutput: Matrix, inputs: Matrix): void {
    const x = inputs.data;
    const d = dOutput.data;
    const o = dInputs.data;
    const alpha = this.alpha;
    for (let i = 0; i < x.length; i++) o[i] = x[i] > 0 ? d[i] : alpha * d[i];
  }
}
