import type { ReLU } from '../layers/activations.ts';
import type { Dropout } from '../layers/dropout.ts';
import { kernels } from '../tensor/kernel-table.ts';
import type { Matrix } from '../tensor/matrix.ts';

// ReLU followed by Dropout, the book's hidden block, in one pass each way instead of two: a training
// step's concern, not the layers'. Each layer still gets its own output and dInputs, with the very
// values its own forward and backward give (the same operations on the same operands, in the same
// order), so the book's attributes and the gradient checks see no difference; only the number of
// sweeps over a batch-by-width matrix halves. The speed wing may run the same loops faster
// (kernels.reluDropoutForward / reluDropoutBackward), bit for bit.

/** relu.forward(inputs) then dropout.forward(relu.output, training), reading `inputs` once. */
export function reluDropoutForward(relu: ReLU, dropout: Dropout, inputs: Matrix, training: boolean): Matrix {
  const activations = relu.beginForward(inputs);
  const out = dropout.beginForward(activations, training);
  const x = inputs.data;
  const a = activations.data;
  const o = out.data;
  if (!dropout.masked) {
    for (let i = 0; i < x.length; i++) {
      const v = x[i] < 0 ? 0 : x[i];
      a[i] = v;
      o[i] = v;
    }
    return out;
  }
  const mask = dropout.mask;
  const scale = dropout.keepScale;
  const fast =
    x instanceof Float32Array &&
    a instanceof Float32Array &&
    o instanceof Float64Array &&
    kernels.reluDropoutForward(x, mask, a, o, scale);
  if (fast) return out;
  for (let i = 0; i < x.length; i++) {
    // `< 0` as ReLU's own forward: a NaN passes through
    const v = x[i] < 0 ? 0 : x[i];
    a[i] = v;
    o[i] = mask[i] === 0 ? 0 : v * scale;
  }
  return out;
}

/** relu.backward(dropout.backward(dOutput)), reading `dOutput` once; returns the ReLU's dInputs. */
export function reluDropoutBackward(relu: ReLU, dropout: Dropout, dOutput: Matrix): Matrix {
  const dDropout = dropout.beginBackward(dOutput);
  const dRelu = relu.beginBackward(dDropout);
  const z = relu.lastInputs.data;
  const d = dOutput.data;
  const g = dDropout.data;
  const o = dRelu.data;
  if (!dropout.masked) {
    for (let i = 0; i < d.length; i++) {
      const gi = d[i];
      g[i] = gi;
      o[i] = z[i] > 0 ? gi : 0;
    }
    return dRelu;
  }
  const mask = dropout.mask;
  const scale = dropout.keepScale;
  const fast =
    z instanceof Float32Array &&
    g instanceof Float64Array &&
    o instanceof Float64Array &&
    kernels.reluDropoutBackward(d, mask, z, g, o, scale);
  if (fast) return dRelu;
  for (let i = 0; i < d.length; i++) {
    const gi = mask[i] === 0 ? 0 : d[i] * scale;
    g[i] = gi;
    o[i] = z[i] > 0 ? gi : 0;
  }
  return dRelu;
}
