// The WebAssembly softmax, cross-entropy, exp and log against the TypeScript ones, bit for bit:
// numpy's float32 exp and log over bit patterns spread across every float32 (and the special
// values), and the softmax and loss layers on rows with ties, huge and tiny logits, and NaN.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Softmax } from '../layers/activations.ts';
import { numpyExpFloat32 } from '../tensor/libm/numpy-float32-exp.ts';
import { numpyLogFloat32 } from '../tensor/libm/numpy-float32-log.ts';
import { Matrix } from '../tensor/matrix.ts';
import { RandomState } from '../tensor/random.ts';
import { CategoricalCrossentropy } from './categorical-crossentropy.ts';
import { crossEntropyLabelsWasm, mapWasm, softmaxRowsWasm, useSoftmaxLossWasm } from './softmax-loss-wasm.ts';

/** Every 997th float32 bit pattern (4.3 million, all exponents and signs), and the special values. */
function spreadFloats(): Float32Array {
  const bits = new Uint32Array(Math.floor(2 ** 32 / 997) + 16);
  let n = 0;
  for (let b = 0; b < 2 ** 32; b += 997) bits[n++] = b;
  for (const special of [0, 0x80000000, 0x7f800000, 0xff800000, 0x7fc00000, 1, 0x80000001, 0x7f7fffff])
    bits[n++] = special;
  return new Float32Array(bits.buffer, 0, n);
}

function assertSameBits(
  actual: Float32Array,
  expected: Float32Array,
  input: Float32Array,
  what: string,
): void {
  for (let i = 0; i < expected.length; i++) {
    if (!Object.is(actual[i], expected[i]))
      assert.fail(`${what}(${input[i]}): WebAssembly ${actual[i]}, TypeScript ${expected[i]}`);
  }
}

for (const [kind, reference] of [
  ['exp', numpyExpFloat32],
  ['log', numpyLogFloat32],
] as const) {
  test(`numpy's float32 ${kind} in WebAssembly = the TypeScript port, over 4.3 million spread bit patterns`, () => {
    const x = spreadFloats();
    const got = new Float32Array(x.length);
    assert.ok(mapWasm(kind, x, got), 'the module loads in Node');
    const want = Float32Array.from(x, (v) => reference(v));
    assertSameBits(got, want, x, kind);
  });
}

function logits(rows: number, cols: number, seed: number): Matrix {
  const rng = new RandomState(seed);
  const x = Matrix.resident(rows, cols);
  for (let i = 0; i < x.data.length; i++) x.data[i] = rng.gauss() * 2 ** Math.floor(rng.random() * 12 - 4);
  // a tie, a huge logit, a tiny one, a NaN row
  x.data.set([3, 3, 3], 0);
  x.data[cols] = 1e30;
  x.data[2 * cols + 1] = -1e30;
  x.data[3 * cols + 2] = Number.NaN;
  return x;
}

test('Softmax and CategoricalCrossentropy: the WebAssembly loops store the TypeScript bits', () => {
  for (const [rows, cols] of [
    [5, 3],
    [300, 3],
    [64, 10],
    [7, 1],
  ] as const) {
    const x = logits(rows, cols, rows * cols);
    const labels = Int32Array.from({ length: rows }, (_, i) => (i * 7) % cols);
    const run = (wasm: boolean) => {
      useSoftmaxLossWasm(wasm);
      try {
        const probabilities = Float32Array.from(new Softmax().forward(x).data);
        const losses = Float32Array.from(
          new CategoricalCrossentropy().forward(
            Matrix.fromRows(
              [...Array(rows)].map((_, r) => [...probabilities.subarray(r * cols, (r + 1) * cols)]),
            ),
            labels,
          ),
        );
        return { probabilities, losses };
      } finally {
        useSoftmaxLossWasm(true);
      }
    };
    // the module takes these arrays: otherwise both runs would be the TypeScript loops
    const probe = new Float32Array(x.data.length);
    assert.ok(softmaxRowsWasm(x.data as Float32Array, probe, rows, cols));
    assert.ok(crossEntropyLabelsWasm(probe, labels, new Float32Array(rows), cols, 1e-7, 1 - 1e-7));
    const wasm = run(true);
    const ts = run(false);
    assertSameBits(wasm.probabilities, ts.probabilities, x.data as Float32Array, `softmax ${rows}x${cols}`);
    assertSameBits(wasm.losses, ts.losses, wasm.probabilities, `cross-entropy ${rows}x${cols}`);
  }
});
