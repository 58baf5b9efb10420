// The fused ReLU + Dropout passes against the two layers run one after the other: every buffer of
// both layers (outputs, mask, gradients) holds the same bits, zeros' signs and NaNs included.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { type DType, Matrix } from '../tensor/matrix.ts';
import { RandomState } from '../tensor/random.ts';
import { ReLU } from './activations.ts';
import { Dropout } from './dropout.ts';
import { reluDropoutBackward, reluDropoutForward } from './relu-dropout.ts';
import {
  reluDropoutBackwardWasm,
  reluDropoutForwardWasm,
  reluDropoutWasmAvailable,
  useReluDropoutWasm,
} from './relu-dropout-wasm.ts';

function bits(m: Matrix | Int32Array | Float32Array | Float64Array): string[] {
  const data = m instanceof Matrix ? m.data : m;
  return Array.from(data, (v) => (Object.is(v, -0) ? '-0' : String(v)));
}

function filled(rows: number, cols: number, dtype: DType, values: readonly number[]): Matrix {
  const m = Matrix.zeros(rows, cols, dtype);
  for (let i = 0; i < m.data.length; i++) m.data[i] = values[i % values.length];
  return m;
}

const SPECIALS = [0, -0, 1.5, -2.25, Number.NaN, 1e-40, -1e-40, 3.4e38, Infinity, -Infinity, 1e-45, -1e-45];

function compare(
  rows: number,
  cols: number,
  rate: number,
  training: boolean,
  dtype: DType,
  seed: number,
): void {
  const what = `${rows}x${cols} rate=${rate} training=${training} ${dtype}`;
  const pair = () => {
    const rng = new RandomState(seed);
    return { relu: new ReLU(), dropout: new Dropout(rate, { rng }) };
  };
  const fused = pair();
  const plain = pair();
  const noise = new RandomState(seed + 1).randn(rows * cols);
  const inputs = filled(rows, cols, dtype, [...SPECIALS, ...noise]);
  const dOutput = filled(rows, cols, dtype, [...noise.reverse(), -0, Number.NaN]);
  for (let step = 0; step < 2; step++) {
    const out = reluDropoutForward(fused.relu, fused.dropout, inputs, training);
    const want = plain.dropout.forward(plain.relu.forward(inputs), training);
    assert.equal(out, fused.dropout.output, `${what}: returns the dropout's output`);
    assert.deepEqual(bits(fused.relu.output), bits(plain.relu.output), `${what}: relu output`);
    assert.deepEqual(bits(out), bits(want), `${what}: dropout output`);
    assert.equal(fused.dropout.masked, plain.dropout.masked);
    if (plain.dropout.masked) assert.deepEqual(bits(fused.dropout.mask), bits(plain.dropout.mask));
    const d = reluDropoutBackward(fused.relu, fused.dropout, dOutput);
    const dWant = plain.relu.backward(plain.dropout.backward(dOutput));
    assert.equal(d, fused.relu.dInputs, `${what}: returns the relu's dInputs`);
    assert.deepEqual(bits(fused.dropout.dInputs), bits(plain.dropout.dInputs), `${what}: dropout dInputs`);
    assert.deepEqual(bits(d), bits(dWant), `${what}: relu dInputs`);
  }
}

for (const backend of ['wasm', 'typescript']) {
  test(`${backend}: fused ReLU + Dropout equals the two layers in turn: rates 0, 0.1, 0.5, 0.99, training or not, float32/64`, () => {
    useReluDropoutWasm(backend === 'wasm');
    if (backend === 'wasm') assert.ok(reluDropoutWasmAvailable());
    for (const rate of [0, 0.1, 0.5, 0.99]) {
      for (const training of [true, false]) {
        for (const dtype of ['float32', 'float64'] as const) compare(7, 5, rate, training, dtype, 3);
      }
    }
  });

  test(`${backend}: property: fused ReLU + Dropout equals the two layers for any shape, rate and seed`, () => {
    useReluDropoutWasm(backend === 'wasm');
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 70 }),
        fc.double({ min: 0, max: 0.999, noNaN: true }),
        fc.nat(1000),
        (rows, cols, rate, seed) => compare(rows, cols, rate, true, 'float32', seed),
      ),
      { seed: 42, numRuns: 60 },
    );
  });

  test(`${backend}: every length 0 to 40 (the vector loops' tails), special values first`, () => {
    useReluDropoutWasm(backend === 'wasm');
    for (let n = 0; n <= 40; n++) compare(1, n, 0.5, true, 'float32', n);
  });
}

// The module's loops called directly, beside the TypeScript loops of relu-dropout.ts written out
// again: every length up to 40 and every special value in every lane position, each one kept and
// dropped, with the scales of rates 0.1 and 0.5 and one that overflows.
function values(n: number, shift: number): number[] {
  const noise = new RandomState(n).randn(n);
  return Array.from({ length: n }, (_, i) =>
    i % 2 === 0 ? SPECIALS[(i + shift) % SPECIALS.length] : noise[i],
  );
}

test('wasm kernels: forward and backward equal the TypeScript loops for every length and special value', () => {
  assert.ok(reluDropoutWasmAvailable());
  useReluDropoutWasm(true);
  for (let n = 0; n <= 40; n++) {
    for (let shift = 0; shift < SPECIALS.length; shift += 3) {
      const x = Float32Array.from(values(n, shift));
      const mask = Int32Array.from({ length: n }, (_, i) => ((i * 7 + shift) % 3 === 0 ? 0 : 1));
      for (const scale of [1 / 0.9, 2, 1e308]) {
        const what = `n=${n} shift=${shift} scale=${scale}`;
        const o = new Float64Array(n).fill(Number.NaN);
        assert.ok(reluDropoutForwardWasm(x, mask, o, scale));
        const oWant = new Float64Array(n);
        for (let i = 0; i < n; i++) {
          const v = x[i] < 0 ? 0 : x[i];
          oWant[i] = mask[i] === 0 ? 0 : v * scale;
        }
        assert.deepEqual(bits(o), bits(oWant), `${what}: forward o`);
        for (const d of [
          Float64Array.from(values(n, shift + 1)).reverse(),
          Float32Array.from(values(n, shift + 2)),
        ]) {
          const o2 = new Float64Array(n).fill(Number.NaN);
          assert.ok(reluDropoutBackwardWasm(d, mask, x, o2, scale));
          const o2Want = new Float64Array(n);
          for (let i = 0; i < n; i++) {
            const gi = mask[i] === 0 ? 0 : d[i] * scale;
            o2Want[i] = x[i] > 0 ? gi : 0;
          }
          assert.deepEqual(bits(o2), bits(o2Want), `${what} d ${d.constructor.name}: backward o`);
        }
      }
    }
  }
});

for (const backend of ['wasm', 'typescript']) {
  test(`${backend}: the ReLU's output and the Dropout's gradient, filled when read, stay right between steps`, () => {
    useReluDropoutWasm(backend === 'wasm');
    const fused = { relu: new ReLU(), dropout: new Dropout(0.3, { rng: new RandomState(5) }) };
    const plain = { relu: new ReLU(), dropout: new Dropout(0.3, { rng: new RandomState(5) }) };
    const noise = new RandomState(6);
    const batch = () => filled(6, 9, 'float32', Array.from(noise.randn(54)));
    const [x1, x2, validation] = [batch(), batch(), batch()];
    const d1 = filled(6, 9, 'float32', Array.from(noise.randn(54)));
    reluDropoutForward(fused.relu, fused.dropout, x1, true);
    reluDropoutBackward(fused.relu, fused.dropout, d1);
    plain.dropout.forward(plain.relu.forward(x1));
    plain.relu.backward(plain.dropout.backward(d1));
    // a validation pass in between (no mask drawn) leaves the last training gradient readable
    reluDropoutForward(fused.relu, fused.dropout, validation, false);
    assert.deepEqual(
      bits(fused.dropout.dInputs),
      bits(plain.dropout.dInputs),
      'dropout dInputs after validation',
    );
    assert.deepEqual(
      bits(fused.relu.output),
      bits(new ReLU().forward(validation)),
      'relu output of validation',
    );
    // the next training forward draws a new mask: a gradient not read by then is gone, and says so
    reluDropoutForward(fused.relu, fused.dropout, x2, true);
    reluDropoutBackward(fused.relu, fused.dropout, d1);
    reluDropoutForward(fused.relu, fused.dropout, x1, true);
    assert.throws(() => fused.dropout.dInputs, {
      code: 'BAD_STATE',
      message: /dInputs is read before it was computed/,
    });
    assert.deepEqual(
      bits(fused.relu.output),
      bits(new ReLU().forward(x1)),
      'relu output after the next forward',
    );
  });
}

test('fused backward checks the gradient shape as the layers do', () => {
  const relu = new ReLU();
  const dropout = new Dropout(0.1, { rng: new RandomState(0) });
  reluDropoutForward(relu, dropout, Matrix.zeros(2, 3), true);
  assert.throws(() => reluDropoutBackward(relu, dropout, Matrix.zeros(3, 2, 'float64')), {
    code: 'SHAPE_MISMATCH',
  });
});

test.after(() => useReluDropoutWasm(true));
