// The fused ReLU + Dropout passes against the two layers run one after the other: every buffer of
// both layers (outputs, mask, gradients) holds the same bits, zeros' signs and NaNs included.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { reluDropoutWasmAvailable, useReluDropoutWasm } from '../accel/elementwise/relu-dropout-wasm.ts';
import { installAcceleration } from '../accel/install.ts';
import { ReLU } from '../layers/activations.ts';
import { Dropout } from '../layers/dropout.ts';
import { type DType, Matrix } from '../tensor/matrix.ts';
import { RandomState } from '../tensor/random.ts';
import { reluDropoutBackward, reluDropoutForward } from './relu-dropout-step.ts';

installAcceleration();

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

test('fused backward checks the gradient shape as the layers do', () => {
  const relu = new ReLU();
  const dropout = new Dropout(0.1, { rng: new RandomState(0) });
  reluDropoutForward(relu, dropout, Matrix.zeros(2, 3), true);
  assert.throws(() => reluDropoutBackward(relu, dropout, Matrix.zeros(3, 2, 'float64')), {
    code: 'SHAPE_MISMATCH',
  });
});

test.after(() => useReluDropoutWasm(true));
