// The WebAssembly Adam step against the TypeScript loops, bit for bit: every dtype pairing numpy
// makes (float32; a float32 parameter with the float64 gradient below a Dropout; float64), lengths
// around the SIMD width, and awkward gradients (zeros of both signs, subnormals, huge values).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { Parameter } from '../../layers/parameter.ts';
import { Adam } from '../../optimizers/adam.ts';
import { type DType, Matrix } from '../../tensor/matrix.ts';
import { wasmArena } from '../arena/wasm-arena.ts';
import { installAcceleration } from '../install.ts';
import { adamUpdateWasm, useAdamWasm } from './adam-wasm.ts';

installAcceleration();

const PAIRINGS: [value: DType, grad: DType][] = [
  ['float32', 'float32'],
  ['float32', 'float64'],
  ['float64', 'float64'],
];

function parameter(values: readonly number[], valueType: DType, gradType: DType): Parameter {
  const value = Matrix.resident(1, values.length, valueType);
  value.data.set(values);
  return new Parameter('p', value, Matrix.resident(1, values.length, gradType), null);
}

/** Runs the same Adam steps with the WebAssembly loop and the TypeScript one; returns both results. */
function twinRuns(
  init: readonly number[],
  grads: readonly (readonly number[])[],
  valueType: DType,
  gradType: DType,
): [Parameter, Parameter] {
  const runs = [true, false].map((wasm) => {
    const p = parameter(init, valueType, gradType);
    const adam = new Adam({ learningRate: 0.05, decay: 5e-5 });
    for (const g of grads) {
      p.grad.data.set(g);
      useAdamWasm(wasm);
      try {
        adam.step([p]);
      } finally {
        useAdamWasm(true);
      }
    }
    return p;
  });
  return [runs[0], runs[1]];
}

const AWKWARD = [0, -0, 5e-324, -1e-45, 1e-30, 3e38, -3e38, 1, -1, 0.1];

test('the arrays Adam runs on are resident here, so the WebAssembly loop is the one measured', () => {
  assert.equal(wasmArena()?.shared, true, 'Node has shared WebAssembly memory');
  const p = parameter([1, 2], 'float32', 'float32');
  assert.ok((wasmArena()?.addressOf(p.value.data) ?? -1) >= 0);
  // and the module takes them: otherwise both runs below would be the TypeScript loop
  const m = Matrix.resident(1, 2).data;
  const v = Matrix.resident(1, 2).data;
  const c = {
    b1: 0.9,
    oneMinusB1: 0.1,
    b2: 0.999,
    oneMinusB2: 0.001,
    correction1: 0.1,
    correction2: 0.001,
    minusLr: -0.1,
    eps: 1e-7,
  };
  p.grad.data.set([1, -1]);
  assert.ok(adamUpdateWasm(p.value.data, p.grad.data, m, v, c));
  assert.notDeepEqual(Array.from(p.value.data), [1, 2], 'the step moved the values');
});

for (const [valueType, gradType] of PAIRINGS) {
  test(`WebAssembly Adam = TypeScript Adam bit for bit (${valueType} values, ${gradType} gradients)`, () => {
    for (const n of [0, 1, 2, 3, 4, 5, 7, 8, 9, 33, 1000]) {
      const init = Array.from({ length: n }, (_, i) => Math.sin(i + 1) * 0.3);
      const grads = [0, 1, 2].map((step) =>
        Array.from({ length: n }, (_, i) =>
          i % 7 === 3 ? AWKWARD[(i + step) % AWKWARD.length] : Math.cos(i * 7 + step) * 0.05,
        ),
      );
      const [wasm, ts] = twinRuns(init, grads, valueType, gradType);
      assert.deepEqual(wasm.value.data, ts.value.data, `n = ${n}: values`);
    }
  });

  test(`property: WebAssembly Adam = TypeScript Adam for any values and gradients (${valueType}, ${gradType})`, () => {
    const value = fc.double({ min: -1e6, max: 1e6, noNaN: true });
    fc.assert(
      fc.property(fc.array(fc.tuple(value, value, value), { maxLength: 40 }), (rows) => {
        const init = rows.map((r) => r[0]);
        const grads = [rows.map((r) => r[1]), rows.map((r) => r[2])];
        const [wasm, ts] = twinRuns(init, grads, valueType, gradType);
        assert.deepEqual(wasm.value.data, ts.value.data);
      }),
      { seed: 4, numRuns: 150 },
    );
  });
}
