import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RandomState } from '../../tensor/random.ts';
import {
  reluDropoutBackwardWasm,
  reluDropoutForwardWasm,
  reluDropoutWasmAvailable,
  useReluDropoutWasm,
} from './relu-dropout-wasm.ts';

function bits(data: Int32Array | Float32Array | Float64Array): string[] {
  return Array.from(data, (v) => (Object.is(v, -0) ? '-0' : String(v)));
}

const SPECIALS = [0, -0, 1.5, -2.25, Number.NaN, 1e-40, -1e-40, 3.4e38, Infinity, -Infinity, 1e-45, -1e-45];

// The module's loops called directly, beside the TypeScript loops of the training step (src/model/relu-dropout-step.ts) written out
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
        const a = new Float32Array(n).fill(Number.NaN);
        const o = new Float64Array(n).fill(Number.NaN);
        assert.ok(reluDropoutForwardWasm(x, mask, a, o, scale));
        const aWant = new Float32Array(n);
        const oWant = new Float64Array(n);
        for (let i = 0; i < n; i++) {
          const v = x[i] < 0 ? 0 : x[i];
          aWant[i] = v;
          oWant[i] = mask[i] === 0 ? 0 : v * scale;
        }
        assert.deepEqual(bits(a), bits(aWant), `${what}: forward a`);
        assert.deepEqual(bits(o), bits(oWant), `${what}: forward o`);
        for (const d of [
          Float64Array.from(values(n, shift + 1)).reverse(),
          Float32Array.from(values(n, shift + 2)),
        ]) {
          const g = new Float64Array(n).fill(Number.NaN);
          const o2 = new Float64Array(n).fill(Number.NaN);
          assert.ok(reluDropoutBackwardWasm(d, mask, x, g, o2, scale));
          const gWant = new Float64Array(n);
          const o2Want = new Float64Array(n);
          for (let i = 0; i < n; i++) {
            const gi = mask[i] === 0 ? 0 : d[i] * scale;
            gWant[i] = gi;
            o2Want[i] = x[i] > 0 ? gi : 0;
          }
          assert.deepEqual(bits(g), bits(gWant), `${what} d ${d.constructor.name}: backward g`);
          assert.deepEqual(bits(o2), bits(o2Want), `${what} d ${d.constructor.name}: backward o`);
        }
      }
    }
  }
});
